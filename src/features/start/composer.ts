import { anyone } from "../../bot/access.js";
import type { FeatureDeps } from "../../bot/deps.js";
import { Feature } from "../../bot/feature.js";
import { mainMenu, menuFor } from "../../bot/keyboards.js";
import { clearUnreachable } from "../../data/unreachable.js";
import { languageChooser } from "../language/composer.js";
import { linkedCustomerCode } from "../linking/accounts.js";

/** /start: a short explanation, the main menu, and the way to link when not linked yet. */
export function createStartFeature(deps: FeatureDeps) {
  const feature = new Feature("start", "everyone", anyone, deps.i18n);
  feature.command("start", async (ctx) => {
    const isPrivate = ctx.chat.type === "private";
    const linked = isPrivate ? await linkedCustomerCode(ctx.from?.id ?? 0) : null;
    // Whoever writes to the bot can be written to again (e.g. after unblocking it: Telegram sends /start).
    if (isPrivate) await clearUnreachable(ctx.chat.id);
    // The menu keyboard is personal (balance, my group): never posted in a group.
    const keyboard = !isPrivate ? undefined : linked ? await menuFor(ctx, linked) : mainMenu(ctx);
    await ctx.reply(`${ctx.t("start-welcome")}\n\n${ctx.t(linked ? "start-linked" : "start-link-hint")}`, {
      ...(keyboard ? { reply_markup: keyboard } : {}),
    });
    // Vietnamese is the default; the choice is offered once, on /start.
    if (!linked && isPrivate) await ctx.reply(ctx.t("language-choose"), { reply_markup: languageChooser() });
  });
  return feature;
}
