import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { startScratchDatabase } from "../../src/data/ferretdb.js";

declare module "vitest" {
  export interface ProvidedContext {
    mongoUri: string;
    databaseKind: string;
  }
}

/**
 * One database server for the whole run: MONGODB_URI when set; else FerretDB (SQLite in a temporary
 * directory, or PostgreSQL when FERRETDB_POSTGRESQL_URL is set); else mongodb-memory-server.
 * Each test file then works in a database of its own (test/support/database.ts).
 */
export default async function setup(project: TestProject) {
  const tempDir = mkdtempSync(join(tmpdir(), "tindung-ferretdb-"));
  const server = await startScratchDatabase(tempDir);
  console.log(`test database: ${server.kind}`);
  project.provide("mongoUri", server.uri);
  project.provide("databaseKind", server.kind);
  return async () => {
    await server.stop();
    rmSync(tempDir, { recursive: true, force: true });
  };
}
