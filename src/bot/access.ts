import { linkedCustomerCode } from "../features/linking/accounts.js";
import { type Staff, staffRole } from "../staff/roles.js";
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

/**
 * Officer and admin commands: the sender's role is read from the server on every request (admins
 * from ADMIN_TELEGRAM_IDS, officers from the officers collection). Returns null after refusing.
 */
export async function requireStaff(
  ctx: BotContext,
  adminIds: readonly number[],
  adminOnly = false,
): Promise<Staff | null> {
  if (!(await requirePrivateChat(ctx))) return null;
  const staff = ctx.from ? await staffRole(ctx.from.id, adminIds) : null;
  if (!staff || (adminOnly && staff.role !== "admin")) {
    await ctx.reply(ctx.t(adminOnly ? "admin-only" : "staff-only"));
    return null;
  }
  return staff;
}
