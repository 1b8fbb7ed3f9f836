import { officer } from "../../bot/access.js";
import type { FeatureDeps } from "../../bot/deps.js";
import { Feature } from "../../bot/feature.js";
import { beginFlow } from "../../bot/flows.js";
import { latestActiveBroadcast } from "../../data/broadcasts.js";
import { type Audience, audienceNeedsCode, broadcastSource } from "../../domain/broadcast.js";
import { decide } from "./approval.js";
import { decision, pickAudience, sendChoice } from "./callbacks.js";
import { composeSteps, ownBroadcast } from "./compose.js";
import { cancelInOtherBranches, isNational, mayBroadcastNationally } from "./national.js";
import type { StaffContext } from "./queue.js";
import { cancelBroadcast, transition } from "./service.js";
import { showReach, submit } from "./submit.js";

/** /cancel: stops composing, or stops the officer's latest broadcast not yet finished (admins: any, by id). */
async function cancel(deps: FeatureDeps, ctx: StaffContext & { match: string }) {
  const { staff } = ctx;
  const state = ctx.session.broadcast;
  if (state) {
    ctx.session.broadcast = undefined;
    if ("id" in state)
      await transition(state.id, ["draft", "counted"], { status: "cancelled", finishedAt: new Date() });
    return ctx.reply(ctx.t("broadcast-discarded"));
  }
  const id = ctx.match.trim();
  const target = await latestActiveBroadcast({
    ...(id ? { id } : {}),
    ...(!id || staff.role !== "admin" ? { createdBy: staff.telegramUserId } : {}),
  });
  const cancelled = target ? await cancelBroadcast(target._id, staff) : null;
  if (!cancelled) return ctx.reply(ctx.t("broadcast-cancel-none"));
  deps.dispatcher?.cancelSource(broadcastSource(cancelled._id));
  if (isNational(cancelled)) await cancelInOtherBranches(deps.national, cancelled._id, staff);
  await ctx.reply(ctx.t("broadcast-cancelled", { id: cancelled._id }));
}

/**
 * /broadcast: an officer writes a notice (text, or a photo or document with a caption), sees it
 * exactly as recipients will, picks the audience within their scope, sees how many it reaches, and
 * sends it now or at a set time. Above the approval threshold a second officer whose scope covers
 * the recipients must approve it. Sending itself is the dispatcher's (same limits, window and
 * once-only guarantee as reminders).
 */
export function createBroadcastFeature(deps: FeatureDeps) {
  const feature = new Feature("broadcast", "staff", officer(deps.adminIds), deps.i18n);

  feature.command("broadcast", async (ctx) => {
    beginFlow(ctx.session, "broadcast", { step: "compose" });
    await ctx.reply(ctx.t("broadcast-compose"));
  });
  feature.command("cancel", (ctx) => cancel(deps, ctx));
  feature.command("approve", async (ctx) => {
    const id = ctx.match.trim();
    if (!id) return ctx.reply(ctx.t("broadcast-approve-usage"));
    await decide(deps, ctx, id, true);
  });
  feature.callback(decision, async (ctx, { verdict, id }) => {
    await ctx.answerCallbackQuery();
    await decide(deps, ctx, id, verdict === "ok");
  });
  feature.callback(pickAudience, async (ctx, { id, kind }) => {
    await ctx.answerCallbackQuery();
    // A forged button: "national" is offered to the central office's admins only, and checked again here.
    if (kind === "national" && !mayBroadcastNationally(deps.national, ctx.staff.telegramUserId)) {
      return ctx.reply(ctx.t("broadcast-not-yours"));
    }
    const broadcast = await ownBroadcast(ctx, id, "draft");
    if (!broadcast) return;
    if (!audienceNeedsCode(kind)) return showReach(deps, ctx, broadcast, { kind } as Audience);
    beginFlow(ctx.session, "broadcast", { step: "code", id: broadcast._id, kind });
    await ctx.reply(ctx.t(`broadcast-ask-code-${kind}`));
  });
  feature.callback(sendChoice, async (ctx, { action, id }) => {
    await ctx.answerCallbackQuery();
    const broadcast = await ownBroadcast(ctx, id, "counted");
    if (!broadcast) return;
    if (action === "go") return submit(deps, ctx, broadcast, null);
    if (action === "at") {
      beginFlow(ctx.session, "broadcast", { step: "schedule", id: broadcast._id });
      return ctx.reply(ctx.t("broadcast-ask-time"));
    }
    await transition(broadcast._id, "counted", { status: "cancelled", finishedAt: new Date() });
    await ctx.reply(ctx.t("broadcast-discarded"));
  });
  feature.flowStep("broadcast", composeSteps(deps));
  return feature;
}
