import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";
import { SlowestFirst } from "./test/support/sequencer.js";
import { CRASH_ONLY } from "./vitest.crash.config.js";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // The costliest kill and comparison runs run in `npm run test:crash` alone, at full scale, which CI
    // runs after this suite (CRASH_ONLY says which and why).
    exclude: [...CRASH_ONLY, "**/node_modules/**"],
    globalSetup: ["test/support/globalSetup.ts"],
    pool: "forks",
    // vitest's default in a run is one worker fewer than the CPUs: one worker on this 2-core machine,
    // where the files mostly wait on the database and child processes (a run's CPU time is about 1.5
    // times its wall time with two). Three at least.
    maxWorkers: Math.max(3, availableParallelism() - 1),
    // The slowest files first, unless the run is shuffled (`--sequence.shuffle`, docs/testing.md).
    ...(process.argv.some((arg) => arg.startsWith("--sequence.shuffle"))
      ? {}
      : { sequence: { sequencer: SlowestFirst } }),
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
