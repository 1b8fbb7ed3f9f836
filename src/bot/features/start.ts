import { Composer } from "grammy";
import type { BotContext } from "../context.js";

/** /start: a greeting in the user's language. Linking, balances and menus come with the borrower issue. */
export const startFeature = new Composer<BotContext>();

startFeature.command("start", async (ctx) => {
  await ctx.reply(`${ctx.t("start-welcome")}\n\n${ctx.t("start-not-ready")}`);
});
