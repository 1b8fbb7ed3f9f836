import { createHash } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import mongoose, { mongo } from "mongoose";
import { appendAudit } from "./audit.js";
import {
  BackupError,
  type BackupKeys,
  backupKeys,
  collectionFile,
  DIR_MODE,
  MANIFEST_MODE,
  manifestMac,
  manifestPath,
  readLines,
  sameMac,
  writeLines,
} from "./backupFiles.js";
import { markBookDigest } from "./bookDigest.js";
import { currentBranch } from "./branchContext.js";
import { wholeRead } from "./commandLog.js";
import { ensureIndexes } from "./connection.js";
import { runMigrations } from "./migrations/index.js";
import { DeliveryBatchModel } from "./models/index.js";
import { markPlanningIndexStale } from "./planningIndex.js";

export { BackupError } from "./backupFiles.js";

const BACKUP_READ = { comment: wholeRead("backup and restore copy whole collections") };

/**
 * Backup and restore of a whole database as files: one Extended JSON (canonical, so types survive)
 * line per document, one file per collection, and a manifest with each collection's count and
 * SHA-256, signed with a keyed MAC. With BACKUP_KEY the files are encrypted (data/backupFiles.ts);
 * production refuses to write a backup without it, and every restore is audited. Meant for the
 * embedded database; production MongoDB uses mongodump/mongorestore.
 */

export interface BackupManifest {
  format: "tindung-backup/2";
  createdAt: string;
  server: string;
  encrypted: boolean;
  collections: Record<string, { count: number; sha256: string }>;
  /** HMAC-SHA256 of everything above, with a key derived from BACKUP_KEY; null when written without one. */
  mac: string | null;
}

/** Who may do what with backups: the key (BACKUP_KEY), and whether this is production. */
export interface BackupPolicy {
  key?: string | undefined;
  production?: boolean;
}

const INSERT_CHUNK = 500;

/** The current branch's database (data/branchContext): a backup is of one branch. */
function db() {
  const database = currentBranch()?.database;
  const connected = database ? mongoose.connection.useDb(database, { useCache: true }).db : mongoose.connection.db;
  if (!connected) throw new Error("not connected to a database");
  return connected;
}

async function userCollections(): Promise<string[]> {
  const all = await db().listCollections({}, { nameOnly: true }).toArray();
  return all
    .map((c) => c.name)
    .filter((name) => !name.startsWith("system."))
    .sort();
}

async function* documentLines(collection: string): AsyncGenerator<string> {
  for await (const doc of db()
    .collection(collection)
    .find({}, { batchSize: 1_000, ...BACKUP_READ })) {
    yield `${mongo.BSON.EJSON.stringify(doc, { relaxed: false })}\n`;
  }
}

/** Writes every collection of the connected database into `dir` (which must not hold a backup already). */
export async function backupDatabase(dir: string, policy: BackupPolicy = {}): Promise<BackupManifest> {
  const keys = backupKeys(policy.key);
  if (!keys && policy.production) {
    throw new BackupError("BACKUP_KEY is required in production: a backup holds phones, tokens and ID hashes");
  }
  if (existsSync(manifestPath(dir))) throw new BackupError(`${dir} already holds a backup; choose an empty directory`);
  mkdirSync(dir, { recursive: true, mode: DIR_MODE });
  chmodSync(dir, DIR_MODE);
  const info = await db().admin().command({ buildInfo: 1 });
  const content: Omit<BackupManifest, "mac"> = {
    format: "tindung-backup/2",
    createdAt: new Date().toISOString(),
    server: "ferretdbVersion" in info ? `FerretDB ${info.ferretdbVersion}` : `MongoDB ${info.version}`,
    encrypted: keys !== null,
    collections: {},
  };
  for (const name of await userCollections()) {
    content.collections[name] = await writeLines(collectionFile(dir, name, keys !== null), documentLines(name), keys);
  }
  const manifest: BackupManifest = { ...content, mac: keys ? manifestMac(content, keys) : null };
  // The manifest is written last: a directory without one is an unfinished backup.
  writeFileSync(manifestPath(dir), `${JSON.stringify(manifest, null, 2)}\n`, { mode: MANIFEST_MODE });
  return manifest;
}

/** The manifest, if it is one this installation may trust: its MAC checked with the key. */
function trustedManifest(dir: string, keys: BackupKeys | null, policy: BackupPolicy): BackupManifest {
  if (!existsSync(manifestPath(dir))) throw new BackupError(`${dir} has no manifest.json: not a finished backup`);
  const manifest = JSON.parse(readFileSync(manifestPath(dir), "utf8")) as BackupManifest;
  if (manifest.format !== "tindung-backup/2") throw new BackupError(`unknown backup format ${manifest.format}`);
  const { mac, ...content } = manifest;
  if (keys) {
    if (!mac || !sameMac(mac, manifestMac(content, keys))) {
      throw new BackupError("the manifest's signature does not match BACKUP_KEY: crafted, edited, or another key");
    }
  } else if (mac || manifest.encrypted) {
    throw new BackupError("this backup was written with a BACKUP_KEY: set it to restore");
  } else if (policy.production) {
    throw new BackupError("production restores only signed backups (set BACKUP_KEY)");
  }
  return manifest;
}

/** Reads and checks a backup's manifest and files (signature, counts and SHA-256) before anything is written. */
export async function checkBackup(dir: string, policy: BackupPolicy = {}): Promise<BackupManifest> {
  const keys = backupKeys(policy.key);
  const manifest = trustedManifest(dir, keys, policy);
  for (const [name, entry] of Object.entries(manifest.collections)) {
    const hash = createHash("sha256");
    let count = 0;
    for await (const line of readLines(collectionFile(dir, name, manifest.encrypted), keys)) {
      hash.update(`${line}\n`);
      count++;
    }
    if (count !== entry.count || hash.digest("hex") !== entry.sha256) {
      throw new BackupError(`the file of ${name} does not match the manifest: damaged or edited`);
    }
  }
  return manifest;
}

async function restoreCollection(dir: string, name: string, manifest: BackupManifest, keys: BackupKeys | null) {
  await db()
    .collection(name)
    .drop()
    .catch(() => undefined);
  const collection = db().collection(name);
  let chunk: mongo.Document[] = [];
  for await (const line of readLines(collectionFile(dir, name, manifest.encrypted), keys)) {
    chunk.push(mongo.BSON.EJSON.parse(line, { relaxed: false }) as mongo.Document);
    if (chunk.length >= INSERT_CHUNK) {
      await collection.insertMany(chunk, { ordered: true });
      chunk = [];
    }
  }
  if (chunk.length > 0) await collection.insertMany(chunk, { ordered: true });
  const count = await collection.countDocuments({}, BACKUP_READ);
  const expected = manifest.collections[name]?.count;
  if (count !== expected) throw new BackupError(`${name}: restored ${count} documents, expected ${expected}`);
  return count;
}

/**
 * Restores a checked backup into the connected database. Refuses a database that holds documents
 * unless `replace`; then each collection is dropped and written again, and its count is checked, and
 * collections the backup does not have are dropped: afterwards the database is the backup. Messages
 * the backup shows as still to be sent from a day before `today` are not sent now (their batches
 * are cancelled), and data written by an older version is migrated. The restore is audited. A restore that was killed is repeated with `replace`.
 */
export async function restoreDatabase(
  dir: string,
  options: { replace: boolean; today: string } & BackupPolicy,
): Promise<Record<string, number>> {
  const manifest = await checkBackup(dir, options);
  const keys = backupKeys(options.key);
  if (!options.replace) {
    for (const name of await userCollections()) {
      if ((await db().collection(name).estimatedDocumentCount(BACKUP_READ)) > 0) {
        throw new BackupError(`the database is not empty (collection ${name}); use --replace to overwrite it`);
      }
    }
  }
  for (const name of await userCollections()) {
    if (!(name in manifest.collections)) await db().collection(name).drop();
  }
  const restored: Record<string, number> = {};
  for (const name of Object.keys(manifest.collections))
    restored[name] = await restoreCollection(dir, name, manifest, keys);
  await ensureIndexes();
  // A backup copies collections one after another: what was derived from the book (the importer's
  // digest, the planner's index) may be older than the book copied after it, so both are rebuilt.
  await markBookDigest(false);
  await markPlanningIndexStale();
  // A backup taken by an older version is brought up to this one (transaction points, issue 24).
  const migrated = await runMigrations();
  const stale = await cancelPendingBefore(options.today);
  const migratedCounts = Object.fromEntries(
    Object.entries(migrated).flatMap(([name, counts]) => Object.entries(counts).map(([k, n]) => [`${name}:${k}`, n])),
  );
  await appendAudit({
    actor: { kind: "cli", id: "restore" },
    action: "restore",
    counts: { ...restored, staleBatchesCancelled: stale, ...migratedCounts },
    details: { backupCreatedAt: manifest.createdAt, server: manifest.server, replace: options.replace },
  });
  return restored;
}

/** Batches still pending from a day before `today`: their time has passed; they are cancelled, not sent. */
async function cancelPendingBefore(today: string): Promise<number> {
  const pending = await DeliveryBatchModel.find({ status: "pending" }, { planDate: 1 }).lean();
  const stale = pending.filter((b) => b.planDate < today).map((b) => b._id);
  if (stale.length === 0) return 0;
  const result = await DeliveryBatchModel.updateMany(
    { _id: { $in: stale } },
    { $set: { status: "cancelled", owner: null, leaseUntil: null, finishedAt: new Date() } },
  );
  return result.modifiedCount;
}
