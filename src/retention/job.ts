import cron, { type ScheduledTask } from "node-cron";
import { LockHeldError, withLock } from "../data/lock.js";
import { forgetUpdateClaims } from "../data/updateClaims.js";
import { VIETNAM_TIME_ZONE } from "../domain/dates.js";
import { type Logger, safeError } from "../logger.js";
import { runRetention } from "./runRetention.js";

/** Webhook update claims are kept two days: Telegram gives up resending an update after 24 h. */
const UPDATE_CLAIMS_KEPT_MS = 2 * 24 * 3_600_000;

/**
 * One run of the daily job: the retention under its named lock, so that of several processes only
 * one removes anything; the others say so and leave.
 */
export async function retentionJobRun(options: RetentionOptions & { now?: Date }): Promise<void> {
  try {
    const result = await withLock("retention", 30 * 60_000, async () => {
      const removed = await runRetention(options.months, options.now, options.channelsInUse);
      const now = options.now ?? new Date();
      const updateClaims = await forgetUpdateClaims(new Date(now.getTime() - UPDATE_CLAIMS_KEPT_MS));
      return { ...removed, updateClaims };
    });
    options.log.info(
      { removed: result.removed, updateClaims: result.updateClaims, cutoff: result.cutoff },
      "retention done",
    );
  } catch (error) {
    if (error instanceof LockHeldError) options.log.info("another process runs retention");
    else options.log.error({ err: safeError(error) }, "retention failed");
  }
}

export interface RetentionOptions {
  months: number;
  log: Logger;
  /** "telegram" and the phone channels in use: unsent batches of any other are removed. */
  channelsInUse?: readonly string[];
}

/** Daily at 02:30 in Vietnam, outside every sending window; one process at a time (named lock). */
export function startRetentionJob(options: RetentionOptions): { stop(): Promise<void> } {
  const run = () => retentionJobRun(options);
  const task: ScheduledTask = cron.schedule("30 2 * * *", run, {
    name: "retention",
    timezone: VIETNAM_TIME_ZONE,
    noOverlap: true,
  });
  return {
    async stop() {
      await task.stop();
    },
  };
}
