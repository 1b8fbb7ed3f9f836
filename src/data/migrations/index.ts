import { setTimeout as sleep } from "node:timers/promises";
import { BOOK_WRITE_LOCK, LockHeldError, withLock } from "../lock.js";
import { MigrationModel } from "../models/index.js";
import { migrateTransactionPoints, transactionPointsPending } from "./points.js";

/**
 * Changes of stored data that a new version needs, run at every connection after the indexes, before
 * the process does anything else. Each looks for what is left to do, so it costs a read or two when
 * there is nothing (and a database restored from an old backup is caught up too). What is left is
 * done under the book's write lock, so that no import (another process's, started at the same time)
 * writes the same records meanwhile; a process that finds the lock held waits for it. Each survives
 * being interrupted. When one changed anything, a record in `migrations` says when and how much.
 */
interface Migration {
  name: string;
  pending(): Promise<boolean>;
  run(): Promise<Record<string, number>>;
}

const MIGRATIONS: Migration[] = [
  {
    name: "transaction-points",
    pending: transactionPointsPending,
    run: async () => ({ ...(await migrateTransactionPoints()) }),
  },
];

/** The lease outlives a killed migrator by this much at most; a live one renews it. */
const LOCK_TTL_MS = 20_000;
const HEARTBEAT_MS = 5_000;
/** How long a start waits for an import (or another start's migration) to let go of the book. */
const WAIT_FOR_LOCK_MS = 15 * 60_000;
const RETRY_MS = 1_000;

async function underBookLock<T>(work: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + WAIT_FOR_LOCK_MS;
  for (;;) {
    try {
      return await withLock(BOOK_WRITE_LOCK, LOCK_TTL_MS, work, { heartbeatMs: HEARTBEAT_MS });
    } catch (error) {
      if (!(error instanceof LockHeldError) || Date.now() > deadline) throw error;
      await sleep(RETRY_MS);
    }
  }
}

export async function runMigrations(): Promise<Record<string, Record<string, number>>> {
  const done: Record<string, Record<string, number>> = {};
  for (const migration of MIGRATIONS) {
    if (!(await migration.pending())) continue;
    const counts = await underBookLock(() => migration.run());
    if (!Object.values(counts).some((n) => n > 0)) continue;
    done[migration.name] = counts;
    await MigrationModel.updateOne({ _id: migration.name }, { $set: { doneAt: new Date(), counts } }, { upsert: true });
  }
  return done;
}
