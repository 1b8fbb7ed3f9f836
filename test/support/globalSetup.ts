import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import type { TestProject } from "vitest/node";
import { startScratchDatabase } from "../../src/data/ferretdb.js";
import { checkRecordedFilters } from "./indexCoverage.js";
import { COMPILE_WITHOUT_CHECK } from "./process.js";

declare module "vitest" {
  export interface ProvidedContext {
    mongoUri: string;
    databaseKind: string;
  }
}

const root = new URL("../../", import.meta.url).pathname;

/**
 * dist/ as `npm run build` emits it, without its type check (`npm run typecheck` is CI's step before
 * the tests): under `isolatedModules` the emit of each file depends on no types, so it is the same
 * JavaScript, in a quarter of the time (5 s instead of 20 s here, before any test can start).
 */
async function buildDist(): Promise<void> {
  const started = performance.now();
  await promisify(execFile)(process.execPath, COMPILE_WITHOUT_CHECK, { cwd: root });
  await promisify(execFile)(process.execPath, ["scripts/build-dashboard.mjs"], { cwd: root });
  console.log(`dist built in ${Math.round(performance.now() - started)} ms`);
}

/**
 * Where the run keeps its files: a directory in /dev/shm (memory) where there is one, else the system's
 * temporary directory. Set as TMPDIR for every process of the run (workers, bots, import workers and
 * the FerretDB servers tests start), since most of the suite's database work is creating and dropping
 * collections, and each is an SQLite transaction synced to disk: five connections with their 49
 * collections took 1.7–2.0 s on this machine's disk and 0.7 s in /dev/shm (2026-12-07). Durability
 * is the production database's business, not a test's; the benchmarks stay on disk.
 */
function scratchRoot(): string {
  try {
    return mkdtempSync("/dev/shm/tindung-tests-");
  } catch {
    // no memory-backed directory: the system's
  }
  return mkdtempSync(join(tmpdir(), "tindung-tests-"));
}

/**
 * One database server for the whole run: MONGODB_URI when set; else a mongod already on the machine
 * (MONGOD_BIN, PATH, or mongodb-memory-server's cache) unless TEST_DATABASE=ferretdb; else FerretDB
 * (SQLite in a temporary directory, or PostgreSQL when FERRETDB_POSTGRESQL_URL is set); else
 * mongodb-memory-server's download.
 * Each test file then works in a database of its own (test/support/database.ts).
 */
export default async function setup(project: TestProject) {
  const scratch = scratchRoot();
  process.env.TMPDIR = scratch;
  const tempDir = mkdtempSync(join(scratch, "ferretdb-"));
  // dist/ as `npm start` builds it, once for the run (the bot-process tests start it), while the
  // database starts.
  const build = buildDist();
  const server = await startScratchDatabase(tempDir);
  await build;
  // Import workers forked by in-process bots run the build too (src/import/worker.ts).
  process.env.TEST_IMPORT_WORKER_SCRIPT = join(root, "dist/import/worker.js");
  // Every process of the run (test workers, bot and dispatcher children) records its filters here.
  // (A directory already named in TINDUNG_COMMAND_LOG is kept after the run, to read.)
  process.env.TINDUNG_COMMAND_LOG ??= join(tempDir, "commands");
  const commandLog = process.env.TINDUNG_COMMAND_LOG;
  console.log(`test database: ${server.kind}`);
  project.provide("mongoUri", server.uri);
  project.provide("databaseKind", server.kind);
  return async () => {
    await server.stop();
    const coverage = checkRecordedFilters(commandLog);
    rmSync(scratch, { recursive: true, force: true });
    console.log(
      `index coverage: ${coverage.checked} filter shapes recorded, ${coverage.allowListed} deliberate full reads allowed, ${coverage.unindexed.length} unindexed`,
    );
    if (coverage.unusedAllowances.length > 0) {
      console.log(`index coverage: allowances nothing used in this run:\n  ${coverage.unusedAllowances.join("\n  ")}`);
    }
    if (coverage.unindexed.length > 0) {
      const list = coverage.unindexed
        .map((f) => `${f.collection} ${f.command} ${JSON.stringify(f.shape)}`)
        .join("\n  ");
      throw new Error(
        `index coverage: these filters are served by no declared index (declare one, or allow-list the full read with its reason in test/support/indexAllowList.ts):\n  ${list}`,
      );
    }
  };
}
