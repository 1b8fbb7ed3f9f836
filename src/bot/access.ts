import type { HeadedGroup } from "../features/groupHead/roster.js";
import { groupHeadedBy } from "../features/groupHead/roster.js";
import { linkedCustomerCode } from "../features/linking/accounts.js";
import { type Staff, staffRole } from "../staff/roles.js";
import type { BotContext } from "./context.js";

/**
 * Who may use a feature, checked on the server at the moment of acting, against stored data. A check
 * returns what it established (added to the context for the feature's handlers) or a refusal: the
 * text that tells the user politely why not. Each feature declares its check once (see feature.ts).
 */
export type AccessCheck<Extra extends object> = (ctx: BotContext) => Promise<Extra | Refusal>;

export class Refusal {
  constructor(
    readonly key: string,
    readonly variables?: Record<string, string>,
  ) {}
}

/** Runs a check outside a feature's entries (e.g. the FAQ opening a personal view): replies when refused. */
export async function checkAccess<Extra extends object>(
  ctx: BotContext,
  check: AccessCheck<Extra>,
): Promise<Extra | null> {
  const result = await check(ctx);
  if (!(result instanceof Refusal)) return result;
  await ctx.reply(ctx.t(result.key, result.variables));
  return null;
}

export type Nothing = Record<never, never>;

/** Anyone, in any chat: nothing personal is shown. */
export const anyone: AccessCheck<Nothing> = async () => ({});

/** Personal data is only ever shown in a private chat; elsewhere the user is invited to one. */
export const privateChat: AccessCheck<Nothing> = async (ctx) => (ctx.chat?.type === "private" ? {} : privateOnly(ctx));

const privateOnly = (ctx: BotContext) => new Refusal("private-only", { bot: ctx.me.username });

/** A private chat with a Telegram account linked to a household (read from the accounts now). */
export const linkedBorrower: AccessCheck<{ customerCode: string }> = async (ctx) => {
  if (ctx.chat?.type !== "private") return privateOnly(ctx);
  const customerCode = ctx.from ? await linkedCustomerCode(ctx.from.id) : null;
  return customerCode ? { customerCode } : new Refusal("link-needed");
};

/** The head of a group in the bank's data, linked and verified; they see their own group only. */
export const groupHead: AccessCheck<{ headed: HeadedGroup }> = async (ctx) => {
  if (ctx.chat?.type !== "private") return privateOnly(ctx);
  const headed = ctx.from ? await groupHeadedBy(ctx.from.id) : null;
  return headed ? { headed } : new Refusal("group-head-only");
};

/**
 * Officers (the officers collection, active now) and admins (ADMIN_TELEGRAM_IDS), with their scope
 * as stored now: a revoked officer loses the role on their next request.
 */
export function officer(adminIds: readonly number[]): AccessCheck<{ staff: Staff }> {
  return (ctx) => staffCheck(ctx, adminIds, false);
}

/** Admins only (ADMIN_TELEGRAM_IDS). */
export function admin(adminIds: readonly number[]): AccessCheck<{ staff: Staff }> {
  return (ctx) => staffCheck(ctx, adminIds, true);
}

async function staffCheck(ctx: BotContext, adminIds: readonly number[], adminOnly: boolean) {
  if (ctx.chat?.type !== "private") return privateOnly(ctx);
  const staff = ctx.from ? await staffRole(ctx.from.id, adminIds) : null;
  if (staff && (!adminOnly || staff.role === "admin")) return { staff };
  return new Refusal(adminOnly ? "admin-only" : "staff-only");
}
