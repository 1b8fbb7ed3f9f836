import { resolve } from "node:path";
import type { Logger } from "../logger.js";
import { findFerretdbBinary, type RunningDatabase, startFerretdb, startMongoMemoryServer } from "./ferretdb.js";

/**
 * A database for local use when MONGODB_URI is not set: FerretDB over SQLite when its binary is
 * installed, otherwise mongodb-memory-server. Either keeps its files under DATA_DIR across restarts.
 * Never meant for production, which sets MONGODB_URI to a MongoDB replica set.
 */
export async function startEmbeddedDatabase(dataDir: string, log: Logger): Promise<RunningDatabase> {
  const binary = findFerretdbBinary();
  const database = binary
    ? await startFerretdb(binary, { handler: "sqlite", directory: resolve(dataDir, "ferretdb") })
    : await startMongoMemoryServer(resolve(dataDir, "mongodb"));
  log.warn(
    { kind: database.kind, dataDir: resolve(dataDir) },
    "MONGODB_URI is not set: using a LOCAL EMBEDDED database for development only",
  );
  return database;
}
