import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import {
  findFerretdbBinary,
  type RunningDatabase,
  startFerretdb,
  startMongoMemoryServer,
} from "../../src/db/ferretdb.js";

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
  let server: RunningDatabase | null = null;
  let tempDir: string | null = null;
  let uri = process.env.MONGODB_URI;
  let kind = "external (MONGODB_URI)";
  if (!uri) {
    const binary = findFerretdbBinary();
    if (binary) {
      const pgUrl = process.env.FERRETDB_POSTGRESQL_URL;
      if (pgUrl) {
        server = await startFerretdb(binary, { handler: "postgresql", url: pgUrl });
      } else {
        tempDir = mkdtempSync(join(tmpdir(), "tindung-ferretdb-"));
        server = await startFerretdb(binary, { handler: "sqlite", directory: tempDir });
      }
    } else {
      server = await startMongoMemoryServer();
    }
    uri = server.uri;
    kind = server.kind;
  }
  console.log(`test database: ${kind}`);
  project.provide("mongoUri", uri);
  project.provide("databaseKind", kind);
  return async () => {
    await server?.stop();
    if (tempDir) rmSync(tempDir, { recursive: true, force: true });
  };
}
