import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/support/globalSetup.ts"],
    pool: "forks",
    // vitest's default in a run is one worker fewer than the CPUs: one worker on this 2-core machine,
    // where the files mostly wait on the database and child processes (a run's CPU time is about 1.5
    // times its wall time with two). Three at least.
    maxWorkers: Math.max(3, availableParallelism() - 1),
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
