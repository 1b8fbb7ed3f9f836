import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import mongoose from "mongoose";
import { connectDatabase, withDatabaseName } from "../src/db/connection.js";
import { startScratchDatabase } from "../src/db/ferretdb.js";

/**
 * Runs a benchmark against a fresh database on the test database server (see startScratchDatabase),
 * in a scratch directory, and cleans both up afterwards. Exits non-zero on failure.
 */
export function runBenchmark(
  name: string,
  body: (env: { dir: string; kind: string; uri: string }) => Promise<void>,
): void {
  const main = async () => {
    const dir = mkdtempSync(join(tmpdir(), `tindung-bench-${name}-`));
    const server = await startScratchDatabase(join(dir, "db"));
    try {
      const dbName = `bench_${name}_${Date.now()}`;
      await connectDatabase(server.uri, dbName);
      await body({ dir, kind: server.kind, uri: withDatabaseName(server.uri, dbName) });
      await mongoose.connection.dropDatabase();
    } finally {
      await mongoose.disconnect();
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  };
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}

/** Peak resident set size of a process so far (Linux VmHWM), in MB; null once it has exited. */
export function peakRssMb(pid: number | "self" = "self"): number | null {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Math.round(Number(match[1]) / 1024) : null;
  } catch {
    return null;
  }
}
