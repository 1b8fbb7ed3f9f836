import { MigrationModel } from "../models/index.js";
import { migrateTransactionPoints } from "./points.js";

/**
 * Changes of stored data that a new version needs, run at every connection after the indexes. Each
 * one looks for what is left to do, so it costs a read when there is nothing (a database restored
 * from an old backup is caught up too), may run in several processes at once, and survives being
 * interrupted. When one changed anything, a record in `migrations` says when and how much.
 */
const MIGRATIONS: { name: string; run: () => Promise<Record<string, number>> }[] = [
  { name: "transaction-points", run: async () => ({ ...(await migrateTransactionPoints()) }) },
];

export async function runMigrations(): Promise<Record<string, Record<string, number>>> {
  const done: Record<string, Record<string, number>> = {};
  for (const migration of MIGRATIONS) {
    const counts = await migration.run();
    if (!Object.values(counts).some((n) => n > 0)) continue;
    done[migration.name] = counts;
    await MigrationModel.updateOne({ _id: migration.name }, { $set: { doneAt: new Date(), counts } }, { upsert: true });
  }
  return done;
}
