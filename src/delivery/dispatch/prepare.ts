import { batchDeliveries, batchHistory, type Delivery, type DeliveryBatch } from "../../data/dispatch.js";
import { type OutcomeDoc, outcomeDoc } from "../../data/outbox.js";
import { type LocalDate, vietnamDate } from "../../domain/dates.js";
import type { DeliveryKind } from "../../domain/delivery.js";
import type { BroadcastCounts } from "../counters.js";
import { reportInDoubt } from "../inDoubtReport.js";
import { IN_DOUBT_RESENT, recordsOf, resumeDecision } from "../resume.js";
import { backoffMs, type DispatchContext, type FinalOutcome, type QueueItem } from "./context.js";
import { countSettled, type DispatchReport, timed } from "./report.js";

/** The batch's deliveries that still need sending; settles what an earlier owner left behind. */
export async function prepareBatch(
  ctx: DispatchContext,
  batch: DeliveryBatch,
  report: DispatchReport,
): Promise<{ queue: QueueItem[]; counts: BroadcastCounts }> {
  const batchId = batch._id;
  const { deliveries, copied } = await timed(report, "load", () => batchDeliveries(batchId));
  // Taken for the first time: nothing of it can have been attempted, so there is nothing to read.
  const { attempts, outcomes } =
    copied && batch.claims === 1
      ? { attempts: [], outcomes: [] }
      : await timed(report, "history", () => batchHistory(batchId, deliveries));
  const { recordOf, counts } = recordsOf(attempts, outcomes);
  const open = deliveries.filter((d) => !recordOf(d._id).settled);
  // Its recipient may have unlinked, blocked the bot or opted out since it was planned: checked now.
  const excluded = await timed(report, "checks", () => ctx.channel.excluded(open));
  const today = vietnamDate(ctx.now());
  const queue: QueueItem[] = [];
  const settleNow: OutcomeDoc[] = [];
  const notResent: Delivery[] = [];
  for (const delivery of open) {
    const decision = resumeDecision(delivery, recordOf(delivery._id), {
      today,
      unreachable: excluded.get(delivery._id) === "unreachable",
      unlinked: excluded.get(delivery._id) === "unlinked",
      optedOut: excluded.get(delivery._id) === "opted-out",
      policy: ctx.channel.resendsInDoubt ? ctx.config.inDoubt[delivery.kind as DeliveryKind] : "report",
      maxAttempts: ctx.config.dispatch.maxAttempts,
      retryAt: (at, attempt) => at.getTime() + backoffMs(ctx.config, attempt),
    });
    if (decision.action === "send") {
      if (decision.closeInDoubt) {
        settleNow.push(outcomeDoc(delivery, decision.attempt - 1, "retry", IN_DOUBT_RESENT, null));
        report.resent++;
      }
      const { attempt, readyAt, resend } = decision;
      queue.push({ delivery, attempt, readyAt, ...(resend ? { resend } : {}) });
      continue;
    }
    settleNow.push(outcomeDoc(delivery, decision.attempt, decision.outcome, decision.reason, null));
    if (decision.listInDoubt) notResent.push(delivery);
    countSettled(report, decision.outcome, decision.reason);
  }
  // The list goes out before the outcomes are written: a crash in between lists them again, to
  // the same key, which adds nothing; the other way round it could list them never.
  report.inDoubtListed += await listInDoubt(ctx, batch, notResent, today);
  if (settleNow.length > 0) await ctx.outcomes.insert(settleNow);
  for (const doc of settleNow) if (doc.outcome !== "retry") counts[doc.outcome as FinalOutcome]++;
  return { queue, counts };
}

/** Deliveries in doubt that are not sent again go to the officers of their communes, today. */
export async function listInDoubt(
  ctx: DispatchContext,
  batch: DeliveryBatch,
  deliveries: Delivery[],
  today: LocalDate,
  /** Which list of the batch's this is: those a crash left (none), or those left unanswered. */
  kind = "",
): Promise<number> {
  if (deliveries.length === 0) return 0;
  const listed = await reportInDoubt(deliveries, {
    round: `${batch._id}/${batch.claims}${kind}`,
    today,
    notBefore: ctx.now(),
    i18n: ctx.i18n,
    adminIds: ctx.adminIds,
  });
  if (listed === 0) ctx.log.warn({ batch: batch._id }, "deliveries in doubt, and no officer or admin to tell");
  return listed;
}
