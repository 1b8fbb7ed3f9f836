import type { BroadcastCounts } from "./counters.js";
import { emptyCounts } from "./counters.js";
import type { InDoubtPolicy } from "./settings.js";

/** The reason on the outcome of an attempt left in doubt that is then sent again. */
export const IN_DOUBT_RESENT = "in-doubt-resent";

type FinalOutcome = keyof BroadcastCounts;

/** What is on record for one delivery of a batch: its last attempt, and that attempt's outcome if any. */
export interface DeliveryRecord {
  lastAttempt: number;
  lastOutcome: { outcome: string; at: Date } | null;
  /** It has a final outcome already (sent, failed, …): nothing more to do. */
  settled: boolean;
  /** An earlier attempt was left in doubt and sent again: every later attempt keeps the marker. */
  resent: boolean;
}

const neverTried = (): DeliveryRecord => ({ lastAttempt: 0, lastOutcome: null, settled: false, resent: false });

/** A batch's attempts and outcomes, per delivery (one never tried has none), with the final outcomes counted. */
export function recordsOf(
  attempts: readonly { deliveryId: string; attempt: number }[],
  outcomes: readonly { deliveryId: string; attempt: number; outcome: string; reason: string | null; at: Date }[],
): { recordOf: (deliveryId: string) => DeliveryRecord; counts: BroadcastCounts } {
  const records = new Map<string, DeliveryRecord>();
  const record = (id: string) => {
    const existing = records.get(id) ?? neverTried();
    records.set(id, existing);
    return existing;
  };
  for (const a of attempts) record(a.deliveryId).lastAttempt = Math.max(a.attempt, record(a.deliveryId).lastAttempt);
  const counts = emptyCounts();
  for (const o of outcomes) {
    const r = record(o.deliveryId);
    if (o.reason === IN_DOUBT_RESENT) r.resent = true;
    if (o.outcome !== "retry" && !r.settled) {
      r.settled = true;
      counts[o.outcome as FinalOutcome]++;
    }
  }
  for (const o of outcomes) {
    const r = record(o.deliveryId);
    if (o.attempt === r.lastAttempt) r.lastOutcome = { outcome: o.outcome, at: o.at };
  }
  return { recordOf: (id) => records.get(id) ?? neverTried(), counts };
}

export interface ResumeFacts {
  today: string;
  unreachable: boolean;
  unlinked: boolean;
  /** The household asked for no SMS or Zalo messages since it was planned. */
  optedOut?: boolean;
  policy: InDoubtPolicy;
  maxAttempts: number;
  /** When a retry of this attempt may go (ms since the epoch), after the last outcome's time. */
  retryAt: (lastOutcomeAt: Date, attempt: number) => number;
}

/** What a dispatcher taking a batch over does with one of its deliveries not yet settled. */
export type ResumeDecision =
  | { action: "send"; attempt: number; readyAt: number; resend: boolean; closeInDoubt: boolean }
  | { action: "settle"; attempt: number; outcome: FinalOutcome; reason: string; listInDoubt: boolean };

/**
 * The rule, in order: an attempt left in doubt by a crash follows its kind's policy (sent again once
 * for that crash, within maxAttempts and before it expires; otherwise uncertain, and listed); then a
 * delivery past its date expires; one to a chat now unreachable, or whose household unlinked, is
 * skipped; anything else is sent, after its retry delay when the last attempt asked to retry.
 */
export function resumeDecision(
  delivery: { expiresOn: string },
  record: DeliveryRecord,
  facts: ResumeFacts,
): ResumeDecision {
  const last = record.lastAttempt;
  if (last > 0 && record.lastOutcome === null) {
    const mayResend = facts.policy === "resend-once" && last < facts.maxAttempts && facts.today <= delivery.expiresOn;
    if (mayResend) return { action: "send", attempt: last + 1, readyAt: 0, resend: true, closeInDoubt: true };
    return { action: "settle", attempt: last, outcome: "uncertain", reason: "dispatcher-stopped", listInDoubt: true };
  }
  const settle = (outcome: FinalOutcome, reason: string): ResumeDecision => ({
    action: "settle",
    attempt: last + 1,
    outcome,
    reason,
    listInDoubt: false,
  });
  if (facts.today > delivery.expiresOn) return settle("expired", "expired");
  if (facts.unreachable) return settle("skipped", "unreachable");
  if (facts.unlinked) return settle("skipped", "unlinked");
  if (facts.optedOut) return settle("skipped", "opted-out");
  const readyAt = record.lastOutcome ? facts.retryAt(record.lastOutcome.at, last) : 0;
  return { action: "send", attempt: last + 1, readyAt, resend: record.resent, closeInDoubt: false };
}
