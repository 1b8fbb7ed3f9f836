import { linkedCustomerCode } from "../services/accounts.js";
import type { BotContext } from "./context.js";

/**
 * Personal financial data is shown only in a private chat with a linked, verified user. Returns the
 * customer code, or null after telling the user why not.
 */
export async function requireLinkedPrivateChat(ctx: BotContext): Promise<string | null> {
  if (ctx.chat?.type !== "private") {
    await ctx.reply(ctx.t("private-only", { bot: ctx.me.username }));
    return null;
  }
  const code = ctx.from ? await linkedCustomerCode(ctx.from.id) : null;
  if (!code) {
    await ctx.reply(ctx.t("link-needed"));
    return null;
  }
  return code;
}
