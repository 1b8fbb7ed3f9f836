import { type Api, InlineKeyboard } from "grammy";
import type { FeatureDeps } from "../../bot/deps.js";
import { type Broadcast, findBroadcast } from "../../data/broadcasts.js";
import { mediaOf, sendRendered } from "../../delivery/send.js";
import { escapeHtml } from "../../domain/html.js";
import { translatorFor } from "../../i18n.js";
import { type Approver, approversCovering, audit, describeScope, staffRole } from "../../staff/roles.js";
import { decision } from "./callbacks.js";
import { isNational, mayBroadcastNationally } from "./national.js";
import { queue, recount, type StaffContext } from "./queue.js";
import { auditBroadcast, broadcastText, coversPlaces, makerLocale, toAudience, transition } from "./service.js";
import { audienceInWords } from "./words.js";

/** Admins and active officers other than the maker whose scope covers every commune reached. */
async function approversFor(deps: FeatureDeps, broadcast: Broadcast): Promise<Approver[]> {
  if (isNational(broadcast)) {
    return deps.national.adminIds.filter((id) => id !== broadcast.createdBy).map((id) => ({ id, locale: "vi" }));
  }
  return approversCovering(deps.adminIds, broadcast.createdBy, (scope) => coversPlaces(scope, broadcast.places));
}

async function askApproval(deps: FeatureDeps, api: Api, approver: Approver, broadcast: Broadcast) {
  const { locale } = approver;
  const t = translatorFor(deps.i18n, locale);
  try {
    await sendRendered(api, approver.id, broadcastText(deps.i18n, locale, broadcast.body), mediaOf(broadcast.media));
    const keyboard = new InlineKeyboard()
      .text(t("broadcast-approve"), decision.encode({ verdict: "ok", id: broadcast._id }))
      .text(t("broadcast-reject"), decision.encode({ verdict: "no", id: broadcast._id }));
    const request = t("broadcast-approval-request", {
      id: broadcast._id,
      count: broadcast.recipients,
      audience: await audienceInWords(deps.i18n, locale, toAudience(broadcast)),
      // A Telegram id, not a quantity: no thousands separators.
      maker: String(broadcast.createdBy),
    });
    await api.sendMessage(approver.id, request, { parse_mode: "HTML", reply_markup: keyboard });
  } catch {
    // An approver who never opened the bot cannot be written to; /approve still works for them.
  }
}

/** Sends the notice and the decision buttons to everyone who may approve it; returns how many those are. */
export async function askApprovers(deps: FeatureDeps, api: Api, broadcast: Broadcast): Promise<number> {
  const approvers = await approversFor(deps, broadcast);
  for (const approver of approvers) await askApproval(deps, api, approver, broadcast);
  return approvers.length;
}

/** A refused or failed decision goes to the audit log too, with why. */
async function refuse(ctx: StaffContext, typedId: string, reason: string, key: string) {
  const id = typedId.slice(0, 40);
  const { staff } = ctx;
  await audit(
    staff.telegramUserId,
    "broadcast-decision-refused",
    describeScope(staff.scope),
    {},
    { broadcast: id, reason },
  );
  return ctx.reply(ctx.t(key, { id: escapeHtml(id) }));
}

/**
 * The checker's decision: a different officer whose scope covers every commune the notice reaches,
 * counted now within the maker's scope as it is now. A maker who is no longer an officer has their
 * notice dropped.
 */
export async function decide(deps: FeatureDeps, ctx: StaffContext, id: string, approve: boolean) {
  const { staff } = ctx;
  const stored = await findBroadcast(id);
  if (stored?.status !== "awaiting-approval") return refuse(ctx, id, "not-awaiting", "broadcast-not-yours");
  if (stored.createdBy === staff.telegramUserId) return refuse(ctx, id, "own", "broadcast-approve-own");
  const maker = await staffRole(stored.createdBy, deps.adminIds);
  if (!maker) {
    await transition(id, "awaiting-approval", { status: "cancelled", finishedAt: new Date() });
    return refuse(ctx, id, "maker-revoked", "broadcast-maker-revoked");
  }
  // A national broadcast: made and approved by the central office's admins, both checked now.
  if (isNational(stored) && !mayBroadcastNationally(deps.national, stored.createdBy)) {
    await transition(id, "awaiting-approval", { status: "cancelled", finishedAt: new Date() });
    return refuse(ctx, id, "maker-revoked", "broadcast-maker-revoked");
  }
  if (isNational(stored) && !mayBroadcastNationally(deps.national, staff.telegramUserId)) {
    return refuse(ctx, id, "scope", "broadcast-approve-scope");
  }
  const { updated: broadcast } = await recount(stored, maker.scope, "awaiting-approval", deps.national);
  if (!broadcast) return refuse(ctx, id, "not-awaiting", "broadcast-not-yours");
  if (!coversPlaces(staff.scope, broadcast.places)) return refuse(ctx, id, "scope", "broadcast-approve-scope");
  const decided = await transition(id, "awaiting-approval", {
    status: approve ? "queued" : "rejected",
    approvedBy: staff.telegramUserId,
    decidedAt: new Date(),
    ...(approve ? { queuedAt: new Date() } : { finishedAt: new Date() }),
  });
  if (!decided) return ctx.reply(ctx.t("broadcast-not-yours"));
  await auditBroadcast(staff.telegramUserId, approve ? "broadcast-approve" : "broadcast-reject", decided, {
    maker: String(decided.createdBy),
  });
  const makerChat = decided.progress?.chatId;
  if (makerChat) {
    const key = approve ? "broadcast-approved-maker" : "broadcast-rejected-maker";
    await ctx.api.sendMessage(makerChat, deps.i18n.t(makerLocale(decided), key, { id })).catch(() => undefined);
  }
  if (approve) await queue(deps, ctx.api, decided, maker.scope, ctx.clock.now());
  await ctx.reply(ctx.t(approve ? "broadcast-approved" : "broadcast-rejected", { id }));
}
