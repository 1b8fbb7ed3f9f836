import { Composer } from "grammy";
import type { BotContext } from "../../bot/context.js";
import { mainMenu, menuFor } from "../../bot/keyboards.js";
import { clearUnreachable } from "../../data/unreachable.js";
import { languageChooser } from "../language/composer.js";
import { linkedCustomerCode } from "../linking/accounts.js";

/** /start: a short explanation, the main menu, and the way to link when not linked yet. */
export const startFeature = new Composer<BotContext>();

startFeature.command("start", async (ctx) => {
  const linked = ctx.chat.type === "private" && ctx.from ? await linkedCustomerCode(ctx.from.id) : null;
  // Whoever writes to the bot can be written to again (e.g. after unblocking it: Telegram sends /start).
  if (ctx.chat.type === "private") await clearUnreachable(ctx.chat.id);
  // The menu keyboard is personal (balance, my group): never posted in a group.
  const keyboard = ctx.chat.type !== "private" ? undefined : linked ? await menuFor(ctx, linked) : mainMenu(ctx);
  await ctx.reply(`${ctx.t("start-welcome")}\n\n${ctx.t(linked ? "start-linked" : "start-link-hint")}`, {
    ...(keyboard ? { reply_markup: keyboard } : {}),
  });
  // Vietnamese is the default; the choice is offered once, on /start.
  if (!linked && ctx.chat.type === "private") {
    await ctx.reply(ctx.t("language-choose"), { reply_markup: languageChooser() });
  }
});
