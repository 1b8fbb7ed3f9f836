import mongoose from "mongoose";
import { isFerretdb } from "./byIds.js";
import { commandLogRequested, recordCommandsIfAsked } from "./commandLog.js";
import { runMigrations } from "./migrations/index.js";
import * as models from "./models/index.js";

/** Where this process is connected, for a child process that must use the same database. */
let target: { uri: string; dbName?: string | undefined } | null = null;
export const connectionTarget = () => target;

/**
 * Connects the default mongoose connection, makes sure every index exists and brings stored data up
 * to this version (data/migrations). Index creation is explicit (autoIndex off) so start-up fails
 * loudly when an index cannot be built, e.g. because the data already breaks a unique constraint.
 */
export interface Connected {
  connectMs: number;
  indexesMs: number;
  migrationsMs: number;
  /** What the data migrations changed (data/migrations), by migration; empty when nothing was left. */
  migrated: Record<string, Record<string, number>>;
}

/**
 * `homeHoldsBranchData`: false when every branch has a database of its own (several branches); the home
 * database then gets only its own collections (the audit log, closures) and no branch migrations.
 */
export async function connectDatabase(uri: string, dbName?: string, homeHoldsBranchData = true): Promise<Connected> {
  const started = performance.now();
  mongoose.set("strictQuery", true);
  target = { uri, dbName };
  await mongoose.connect(uri, {
    autoIndex: false,
    // Every write (outbox, attempts, leases, claims, audit) is acknowledged by a majority of a replica
    // set and retried once on a primary step-down; a standalone or the embedded database treats both
    // as acknowledged-by-itself (the URI may say the same: its options win).
    writeConcern: { w: "majority" },
    retryWrites: true,
    serverSelectionTimeoutMS: 10_000,
    ...(dbName ? { dbName } : {}),
    ...(commandLogRequested() ? { monitorCommands: true } : {}),
  });
  if (commandLogRequested()) recordCommandsIfAsked(mongoose.connection.getClient());
  const connected = performance.now();
  await ensureIndexes(homeHoldsBranchData ? Object.values(models) : models.homeModels);
  const indexed = performance.now();
  const migrated = homeHoldsBranchData ? await runMigrations() : {};
  return {
    connectMs: Math.round(connected - started),
    indexesMs: Math.round(indexed - connected),
    migrationsMs: Math.round(performance.now() - indexed),
    migrated,
  };
}

type IndexedModel = {
  createCollection(): Promise<unknown>;
  createIndexes(): Promise<unknown>;
  schema: mongoose.Schema;
  collection: mongoose.mongo.Collection;
};
const isModel = (value: unknown): value is IndexedModel => typeof value === "function" && "createIndexes" in value;

export async function ensureIndexes(which: readonly unknown[] = Object.values(models)): Promise<void> {
  const ferretdb = await isFerretdb();
  for (const model of which) {
    if (isModel(model)) {
      await model.createCollection().catch((error: { codeName?: string }) => {
        if (error.codeName !== "NamespaceExists") throw error;
      });
      if (ferretdb) await uniqueIndexesOnly(model);
      else await model.createIndexes();
    }
  }
}

/**
 * FerretDB v1 serves no filter but `{_id}` from an index (docs/ferretdb.md), so there a secondary
 * index is never read and only slows every write (each an SQLite expression index: a first import
 * of 100k rows spent a third of its database time on them). Only unique indexes are kept there:
 * they enforce the once-only keys. Ones an earlier version created are dropped.
 */
async function uniqueIndexesOnly(model: IndexedModel): Promise<void> {
  for (const [fields, options] of model.schema.indexes()) {
    if (options?.unique)
      await model.collection.createIndex(
        fields as mongoose.mongo.IndexSpecification,
        options as mongoose.mongo.CreateIndexesOptions,
      );
  }
  for (const index of await model.collection.indexes()) {
    if (index.name && index.name !== "_id_" && !index.unique) await model.collection.dropIndex(index.name);
  }
}

/** Indexes and data migrations of the current branch's database (data/branchContext). */
export async function prepareDatabase(): Promise<Record<string, Record<string, number>>> {
  await ensureIndexes();
  return runMigrations();
}

/** The same server's connection string, pointing at database `name` (query options kept). */
export function withDatabaseName(uri: string, name: string): string {
  const [head = "", query] = uri.split("?");
  const server = /^mongodb(?:\+srv)?:\/\/[^/]+/.exec(head)?.[0];
  if (!server) throw new Error("not a mongodb:// connection string");
  return `${server}/${name}${query ? `?${query}` : ""}`;
}

export async function disconnectDatabase(): Promise<void> {
  await mongoose.disconnect();
}

export async function pingDatabase(connection: mongoose.Connection = mongoose.connection): Promise<boolean> {
  try {
    const db = connection.db;
    if (!db) return false;
    await db.admin().ping();
    return true;
  } catch {
    return false;
  }
}
