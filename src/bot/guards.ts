import { linkedCustomerCode } from "../services/accounts.js";
import type { BotContext } from "./context.js";

/** Personal data is only ever shown in a private chat; elsewhere the user is invited to one. */
export async function requirePrivateChat(ctx: BotContext): Promise<boolean> {
  if (ctx.chat?.type === "private") return true;
  await ctx.reply(ctx.t("private-only", { bot: ctx.me.username }));
  return false;
}

/**
 * Personal financial data is shown only in a private chat with a linked, verified user. Returns the
 * customer code, or null after telling the user why not.
 */
export async function requireLinkedPrivateChat(ctx: BotContext): Promise<string | null> {
  if (!(await requirePrivateChat(ctx))) return null;
  const code = ctx.from ? await linkedCustomerCode(ctx.from.id) : null;
  if (!code) {
    await ctx.reply(ctx.t("link-needed"));
    return null;
  }
  return code;
}
