import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import mongoose from "mongoose";
import { connectDatabase } from "../src/db/connection.js";
import { startScratchDatabase } from "../src/db/ferretdb.js";

/**
 * Runs a benchmark against a fresh database on the test database server (see startScratchDatabase),
 * in a scratch directory, and cleans both up afterwards. Exits non-zero on failure.
 */
export function runBenchmark(name: string, body: (env: { dir: string; kind: string }) => Promise<void>): void {
  const main = async () => {
    const dir = mkdtempSync(join(tmpdir(), `tindung-bench-${name}-`));
    const server = await startScratchDatabase(join(dir, "db"));
    try {
      await connectDatabase(server.uri, `bench_${name}_${Date.now()}`);
      await body({ dir, kind: server.kind });
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
