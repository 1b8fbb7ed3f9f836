import { appendAudit } from "../data/audit.js";
import { forgetEndedDashboardSessions } from "../data/dashboardSessions.js";
import { forgetClosedHardshipReports } from "../data/hardship.js";
import { removeOutboxBefore, removeUnsentOfChannels } from "../data/retention.js";
import { addMonths, vietnamDate, vietnamInstant } from "../domain/dates.js";

/** The instant Vietnam's day `months` months before today began: records created before it go. */
export function retentionCutoff(now: Date, months: number): Date {
  return vietnamInstant(addMonths(vietnamDate(now), -months));
}

/**
 * Removes outbox records (deliveries, batches, their copies, attempts, outcomes) older than `months`,
 * hardship reports decided or withdrawn before then with their photos, and ended dashboard sessions,
 * keeping a summary per month and source in retention_runs and an audit entry with the counts. The
 * audit log itself is never removed.
 */
export async function runRetention(
  months: number,
  now = new Date(),
  /** The channels in use ("telegram" and PHONE_CHANNELS); pending batches of others planned before today go. */
  channelsInUse?: readonly string[],
) {
  const cutoff = retentionCutoff(now, months);
  const run = await removeOutboxBefore(cutoff, vietnamDate(now), now);
  const removed = (run?.removed ?? {}) as Record<string, number>;
  const unsent = channelsInUse ? await removeUnsentOfChannels(channelsInUse, vietnamDate(now)) : null;
  const hardshipReports = await forgetClosedHardshipReports(cutoff);
  const dashboardSessions = await forgetEndedDashboardSessions(now);
  await appendAudit({
    actor: { kind: "system", id: "retention" },
    action: "retention",
    counts: {
      ...removed,
      hardshipReports,
      dashboardSessions,
      ...(unsent ? { unsentBatchesOfChannelsOff: unsent.batches } : {}),
    },
    details: { cutoff: cutoff.toISOString(), months },
  });
  return { cutoff, removed, unsent, hardshipReports, summary: (run?.summary ?? {}) as Record<string, unknown> };
}
