import { Composer } from "grammy";
import { linkedCustomerCode } from "../../services/accounts.js";
import type { BotContext } from "../context.js";
import { mainMenu } from "../keyboards.js";
import { languageChooser } from "./language.js";

/** /start: a short explanation, the main menu, and the way to link when not linked yet. */
export const startFeature = new Composer<BotContext>();

startFeature.command("start", async (ctx) => {
  const linked = ctx.chat.type === "private" && ctx.from ? await linkedCustomerCode(ctx.from.id) : null;
  await ctx.reply(`${ctx.t("start-welcome")}\n\n${ctx.t(linked ? "start-linked" : "start-link-hint")}`, {
    reply_markup: mainMenu(ctx),
  });
  // Vietnamese is the default; the choice is offered once, on /start.
  if (!linked && ctx.chat.type === "private") {
    await ctx.reply(ctx.t("language-choose"), { reply_markup: languageChooser() });
  }
});
