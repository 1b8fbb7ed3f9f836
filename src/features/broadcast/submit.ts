import { InlineKeyboard } from "grammy";
import { userLocale } from "../../bot/context.js";
import type { FeatureDeps } from "../../bot/deps.js";
import type { Broadcast } from "../../data/broadcasts.js";
import { type Audience, needsApproval } from "../../domain/broadcast.js";
import { askApprovers } from "./approval.js";
import { sendChoice } from "./callbacks.js";
import { isNational } from "./national.js";
import { queue, reachOf, recount, type StaffContext } from "./queue.js";
import { auditBroadcast, transition } from "./service.js";
import { audienceInWords } from "./words.js";

/** Counts the audience, stores it on the draft, and asks: now, later, or not at all. */
export async function showReach(deps: FeatureDeps, ctx: StaffContext, broadcast: Broadcast, audience: Audience) {
  const reach = await reachOf(deps, ctx.staff.scope, audience);
  ctx.session.broadcast = undefined;
  if (reach.count === 0) {
    await transition(broadcast._id, "draft", { status: "cancelled", finishedAt: new Date() });
    return ctx.reply(ctx.t("broadcast-reach-none"));
  }
  const counted = await transition(broadcast._id, "draft", {
    status: "counted",
    audience: { kind: audience.kind, code: "code" in audience ? audience.code : null },
    recipients: reach.count,
    places: reach.places,
  } as Partial<Broadcast>);
  if (!counted) return ctx.reply(ctx.t("broadcast-not-yours"));
  const count = reach.count;
  const lines = [
    ctx.t("broadcast-reach", { count, audience: await audienceInWords(deps.i18n, await userLocale(ctx), audience) }),
  ];
  if (reach.unreachable > 0) lines.push(ctx.t("broadcast-reach-unreachable", { count: reach.unreachable }));
  if (audience.kind === "national" || needsApproval(count, deps.sending.broadcasts)) {
    lines.push(ctx.t("broadcast-reach-approval", { threshold: deps.sending.broadcasts.approvalThreshold }));
  }
  const id = broadcast._id;
  const keyboard = new InlineKeyboard()
    .text(ctx.t("broadcast-send-now"), sendChoice.encode({ action: "go", id }))
    .text(ctx.t("broadcast-schedule"), sendChoice.encode({ action: "at", id }))
    .row()
    .text(ctx.t("broadcast-discard"), sendChoice.encode({ action: "x", id }));
  await ctx.reply(lines.join("\n"), { parse_mode: "HTML", reply_markup: keyboard });
}

/**
 * Now or at `scheduledAt`: queue it, or ask for approval when it reaches too many people. Whether
 * approval is needed is decided from a count made now, within the maker's scope as it is now.
 */
export async function submit(deps: FeatureDeps, ctx: StaffContext, counted: Broadcast, scheduledAt: Date | null) {
  const { staff } = ctx;
  const { reach, updated: broadcast } = await recount(counted, staff.scope, "counted", deps.national);
  if (!broadcast) return ctx.reply(ctx.t("broadcast-not-yours"));
  if (reach.count === 0) {
    await transition(broadcast._id, "counted", { status: "cancelled", finishedAt: new Date() });
    return ctx.reply(ctx.t("broadcast-reach-none"));
  }
  // A national broadcast always waits for a second national admin, whatever its size.
  if (isNational(broadcast) || needsApproval(reach.count, deps.sending.broadcasts)) {
    const waiting = await transition(broadcast._id, "counted", { status: "awaiting-approval", scheduledAt });
    if (!waiting) return ctx.reply(ctx.t("broadcast-not-yours"));
    const asked = await askApprovers(deps, ctx.api, waiting);
    await auditBroadcast(staff.telegramUserId, "broadcast-request", waiting);
    const key = asked > 0 ? "broadcast-approval-sent" : "broadcast-approval-none";
    return ctx.reply(ctx.t(key, { id: waiting._id, count: asked }));
  }
  const queued = await transition(broadcast._id, "counted", { status: "queued", scheduledAt, queuedAt: new Date() });
  if (!queued) return ctx.reply(ctx.t("broadcast-not-yours"));
  await auditBroadcast(staff.telegramUserId, "broadcast", queued);
  await queue(deps, ctx.api, queued, staff.scope, ctx.clock.now());
}
