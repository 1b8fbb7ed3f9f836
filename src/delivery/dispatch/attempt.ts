import { announceAttempt, type Delivery } from "../../data/dispatch.js";
import { isLocale } from "../../i18n.js";
import { ChannelUnavailableError, type Confirmation } from "../channels/channel.js";
import { backoffMs, type DispatchContext, type QueueItem, type SendResult } from "./context.js";
import { countFailed, countSettled, type DispatchReport } from "./report.js";

/**
 * Sends one message: waits for its departure slot, announces the attempt (its unique id is what stops
 * a second dispatcher), sends, and records what happened. A retry goes back into `queue`.
 */
export async function sendOne(
  ctx: DispatchContext,
  item: QueueItem,
  queue: QueueItem[],
  report: DispatchReport,
): Promise<SendResult> {
  const { attempt } = item;
  const { channel, pacing } = ctx;
  const recipient = channel.recipientOf(item.delivery);
  // Wait for a departure slot before announcing the attempt, so that a crash finds as few messages
  // announced but not yet sent (uncertain, and so never sent) as possible.
  await pacing.waitForDeparture(recipient);
  // Where a message in doubt is never sent again (SMS, Zalo), the slot is taken now and the request
  // follows the attempt's write at once: nothing may wait in between. Telegram, whose flood limits
  // are strict, checks the slot again after the write, which a slow write may have bunched up.
  const reserveFirst = !channel.resendsInDoubt;
  if (reserveFirst) pacing.recordDeparture(recipient);
  try {
    await channel.reserveRoom?.();
  } catch (error) {
    if (!(error instanceof ChannelUnavailableError)) throw error;
    // No attempt is written: the message waits for the channel, unspent.
    queue.unshift(item);
    ctx.channelDown(error);
    return "held";
  }
  // The last word on the recipient, read now: a refusal or a new number since the batch was claimed.
  const confirmation: Confirmation = channel.confirm ? await channel.confirm(item.delivery) : { go: true };
  if (!confirmation.go) {
    channel.releaseRoom?.();
    await ctx.outcomes.record(item.delivery, attempt, "skipped", confirmation.exclusion);
    countSettled(report, "skipped", confirmation.exclusion);
    return "skipped";
  }
  const delivery = confirmation.address ? { ...item.delivery, address: confirmation.address } : item.delivery;
  const announced = await announceAttempt(delivery, attempt, ctx.owner).catch((error: unknown) => {
    channel.releaseRoom?.();
    throw error;
  });
  if (!announced) {
    channel.releaseRoom?.();
    report.takenByOther++;
    return "taken";
  }
  if (!reserveFirst) {
    await pacing.waitForDeparture(recipient);
    pacing.recordDeparture(recipient);
  }
  let messageId: number | string;
  try {
    messageId = await channel.send(delivery, item.resend ? resentText(ctx, delivery) : delivery.text);
  } catch (error) {
    return settleFailure(ctx, { ...item, delivery }, error, queue, report);
  }
  ctx.outcomes.recordSent(delivery, attempt, messageId);
  report.sent++;
  return "sent";
}

/** Records why a send failed; a failure worth retrying goes back into the queue, after its delay. */
async function settleFailure(
  ctx: DispatchContext,
  item: QueueItem,
  error: unknown,
  queue: QueueItem[],
  report: DispatchReport,
): Promise<SendResult> {
  const { delivery, attempt } = item;
  const failure = ctx.channel.classify(error);
  if (failure.outcome === "retry") {
    if (failure.retryAfterMs) {
      report.rateLimited++;
      ctx.pacing.pauseUntil(Date.now() + failure.retryAfterMs);
    }
    if (attempt >= ctx.config.dispatch.maxAttempts) {
      await ctx.outcomes.record(delivery, attempt, "failed", failure.reason);
      countFailed(report, failure.reason);
      return "failed";
    }
    await ctx.outcomes.record(delivery, attempt, "retry", failure.reason);
    report.retries++;
    queue.push({
      delivery,
      attempt: attempt + 1,
      readyAt: Date.now() + (failure.retryAfterMs ?? backoffMs(ctx.config, attempt)),
      ...(item.resend ? { resend: true } : {}),
    });
    return "requeued";
  }
  await ctx.outcomes.record(delivery, attempt, failure.outcome, failure.reason);
  if (failure.outcome === "unreachable") {
    report.unreachable++;
    await ctx.channel.markUnreachable(delivery, failure.reason);
  } else if (failure.outcome === "uncertain") {
    report.uncertain++;
    ctx.noteUncertain(delivery);
  } else countFailed(report, failure.reason);
  return failure.outcome;
}

/** The text again, marked so that a reader who got both understands: "(gửi lại) …". */
function resentText(ctx: DispatchContext, delivery: Delivery): string {
  const language = isLocale(delivery.language) ? delivery.language : "vi";
  return `${ctx.i18n.t(language, "resend-marker")} ${delivery.text}`;
}
