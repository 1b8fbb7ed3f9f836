import { relative } from "node:path";
import { BaseSequencer, type TestSpecification } from "vitest/node";

/**
 * The suite's slowest files, slowest first (a warm local run, 2026-12-07). Three workers finish
 * together when the long files start first; vitest orders by the durations it cached in
 * node_modules, which a clean clone (CI) does not have, and then by file size, which has no bearing
 * on a file's time.
 */
const SLOWEST = [
  "test/integration/bookDigest.test.ts",
  "test/integration/channels.test.ts",
  "test/security/process.test.ts",
  "test/integration/import.test.ts",
  "test/integration/importByChat.test.ts",
  "test/security/officers.test.ts",
  "test/integration/hardship.test.ts",
  "test/integration/disaster.test.ts",
  "test/integration/databaseRestart.test.ts",
  "test/integration/phoneFaults.test.ts",
  "test/integration/confirmationsKill.test.ts",
  "test/integration/reminders.test.ts",
  "test/security/import-crash.test.ts",
  "test/e2e/dashboard-browser.test.ts",
];

/** Vitest's order (cached durations, else size), with the known slowest files moved to the front. */
export class SlowestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (file: TestSpecification) => {
      const at = SLOWEST.indexOf(relative(this.ctx.config.root, file.moduleId));
      return at === -1 ? SLOWEST.length : at;
    };
    return sorted
      .map((file, order) => ({ file, order, rank: rank(file) }))
      .sort((a, b) => a.rank - b.rank || a.order - b.order)
      .map(({ file }) => file);
  }
}
