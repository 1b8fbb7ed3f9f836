import { appendAudit } from "../data/audit.js";
import { removeOutboxBefore } from "../data/retention.js";
import { addMonths, splitLocalDate, vietnamDate } from "../domain/dates.js";

/** The instant Vietnam's day `months` months before today began: records created before it go. */
export function retentionCutoff(now: Date, months: number): Date {
  const { year, month, day } = splitLocalDate(addMonths(vietnamDate(now), -months));
  // Midnight in Asia/Ho_Chi_Minh (UTC+7, no daylight saving) is 17:00 UTC of the day before.
  return new Date(Date.UTC(year, month - 1, day) - 7 * 3_600_000);
}

/**
 * Removes outbox records (deliveries, batches, their copies, attempts, outcomes) older than `months`,
 * keeping a summary per month and source in retention_runs and an audit entry with the counts. The
 * audit log itself is never removed.
 */
export async function runRetention(months: number, now = new Date()) {
  const cutoff = retentionCutoff(now, months);
  const run = await removeOutboxBefore(cutoff, vietnamDate(now), now);
  const removed = (run?.removed ?? {}) as Record<string, number>;
  await appendAudit({
    actor: { kind: "system", id: "retention" },
    action: "retention",
    counts: removed,
    details: { cutoff: cutoff.toISOString(), months },
  });
  return { cutoff, removed, summary: (run?.summary ?? {}) as Record<string, unknown> };
}
