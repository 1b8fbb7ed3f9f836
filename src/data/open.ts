import type { Logger } from "../logger.js";
import { type BranchScope, withBranch } from "./branchContext.js";
import { connectDatabase, disconnectDatabase, prepareDatabase } from "./connection.js";
import { startEmbeddedDatabase } from "./embedded.js";
import type { RunningDatabase } from "./ferretdb.js";

export interface OpenedDatabase {
  /** Where the time went: starting the embedded database (0 with MONGODB_URI), connecting, indexes. */
  phasesMs: { embedded: number; connect: number; indexes: number; migrations: number };
  migrated: Record<string, Record<string, number>>;
  close(): Promise<void>;
}

/** Connects to MONGODB_URI, or to the embedded local database when it is not set. */
export async function openDatabase(
  config: { MONGODB_URI?: string | undefined; DATA_DIR: string },
  log: Logger,
  branches: readonly BranchScope[] = [],
): Promise<OpenedDatabase> {
  const started = performance.now();
  let embedded: RunningDatabase | null = null;
  let uri = config.MONGODB_URI;
  if (!uri) {
    embedded = await startEmbeddedDatabase(config.DATA_DIR, log);
    uri = `${embedded.uri}tindung`;
  }
  const embeddedMs = Math.round(performance.now() - started);
  const homeHoldsBranchData = branches.length === 0 || branches.some((b) => !b.database);
  const { connectMs, indexesMs, migrationsMs, migrated } = await connectDatabase(uri, undefined, homeHoldsBranchData);
  // Each branch kept in a database of its own gets its indexes and migrations there.
  for (const branch of branches.filter((b) => b.database)) {
    const done = await withBranch(branch, () => prepareDatabase());
    if (Object.keys(done).length > 0) migrated[branch.code] = done as never;
  }
  if (Object.keys(migrated).length > 0) log.info({ migrated }, "stored data brought up to this version");
  return {
    phasesMs: { embedded: embeddedMs, connect: connectMs, indexes: indexesMs, migrations: migrationsMs },
    migrated,
    async close() {
      await disconnectDatabase();
      await embedded?.stop();
    },
  };
}
