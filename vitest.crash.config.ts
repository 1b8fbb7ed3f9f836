import { defineConfig } from "vitest/config";

/** The branch replicas' kill test, also alone: `npm run test:crash:replicas`. */
const REPLICAS = "test/e2e/branch-replicas-kills.test.ts";

/**
 * Not in the README's test command: here alone. The dispatcher's kill test and the planner's index
 * against the whole book took a minute of a worker's time even small; the dispatcher crash test has no
 * small scale (it ran the same twice in CI); the replicas' kill test starts three bot processes. Out of
 * the suite, they kept it under five minutes on a slower machine of the same kind (docs/testing.md).
 */
export const CRASH_ONLY = [
  "test/integration/dispatcher-kills.test.ts",
  "test/integration/planningIndex.test.ts",
  "test/integration/dispatcher-crash.test.ts",
  REPLICAS,
];

/**
 * `npm run test:crash`: the crash and kill tests at full scale (CRASH_SCALE=full), and the planner's
 * index against the whole book at 10,000 households. The README's test command runs the same files at
 * a small scale, except CRASH_ONLY; CI runs both.
 */
export default defineConfig({
  test: {
    include: process.env.CRASH_REPLICAS
      ? [REPLICAS]
      : [...CRASH_ONLY, "test/integration/sms-kill.test.ts", "test/security/import-crash.test.ts"],
    globalSetup: ["test/support/globalSetup.ts"],
    pool: "forks",
    env: { CRASH_SCALE: "full" },
    testTimeout: 600_000,
    hookTimeout: 120_000,
  },
});
