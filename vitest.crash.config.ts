import { defineConfig } from "vitest/config";

/**
 * `npm run test:crash`: the crash and kill tests at full scale (CRASH_SCALE=full), and the planner's
 * index against the whole book at 10,000 households. The README's test command runs the same files at
 * a small scale; CI runs both.
 */
export default defineConfig({
  test: {
    include: [
      "test/integration/dispatcher-kills.test.ts",
      "test/integration/dispatcher-crash.test.ts",
      "test/integration/sms-kill.test.ts",
      "test/security/import-crash.test.ts",
      "test/e2e/branch-replicas-kills.test.ts",
      "test/integration/planningIndex.test.ts",
    ],
    globalSetup: ["test/support/globalSetup.ts"],
    pool: "forks",
    env: { CRASH_SCALE: "full" },
    testTimeout: 600_000,
    hookTimeout: 120_000,
  },
});
