import { type Clock, offsetClock } from "../../src/clock.js";

/**
 * A test's own clock: it reads `at` when made and runs at real speed from there, in this process and
 * in every child process given `env` (TEST_CLOCK_OFFSET_MS), so that leases written by one process
 * and read by another agree, whatever the machine's date. `env` also fixes the closures (none unless
 * given), so a holiday on the real calendar changes nothing.
 */
export interface TestClock extends Clock {
  env: Record<string, string>;
}

export function testClock(at: string, closures: readonly { from: string; to: string; name: string }[] = []): TestClock {
  const offsetMs = new Date(at).getTime() - Date.now();
  const clock = offsetClock(offsetMs);
  return {
    now: () => clock.now(),
    env: { TEST_CLOCK_OFFSET_MS: String(offsetMs), TEST_CLOSURES: JSON.stringify(closures) },
  };
}

/** 10:00 in Vietnam on an ordinary working day (Thursday 17 December 2026), inside every sending window. */
export const WORKING_DAY_10AM = "2026-12-17T03:00:00Z";
