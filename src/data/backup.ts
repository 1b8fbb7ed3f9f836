import { createHash } from "node:crypto";
import { once } from "node:events";
import { createReadStream, createWriteStream, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";
import mongoose, { mongo } from "mongoose";
import { wholeRead } from "./commandLog.js";
import { ensureIndexes } from "./connection.js";

const BACKUP_READ = { comment: wholeRead("backup and restore copy whole collections") };

/**
 * Backup and restore of a whole database as files: one Extended JSON (canonical, so types survive)
 * line per document, one file per collection, and a manifest with each collection's count and
 * SHA-256. Meant for the embedded database; production MongoDB uses mongodump/mongorestore.
 */

export interface BackupManifest {
  format: "tindung-backup/1";
  createdAt: string;
  server: string;
  collections: Record<string, { file: string; count: number; sha256: string }>;
}

const MANIFEST = "manifest.json";
const INSERT_CHUNK = 500;

function db() {
  const connected = mongoose.connection.db;
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

/** Writes every collection of the connected database into `dir` (which must not hold a backup already). */
export async function backupDatabase(dir: string): Promise<BackupManifest> {
  if (existsSync(join(dir, MANIFEST)))
    throw new BackupError(`${dir} already holds a backup; choose an empty directory`);
  mkdirSync(dir, { recursive: true });
  const info = await db().admin().command({ buildInfo: 1 });
  const manifest: BackupManifest = {
    format: "tindung-backup/1",
    createdAt: new Date().toISOString(),
    server: "ferretdbVersion" in info ? `FerretDB ${info.ferretdbVersion}` : `MongoDB ${info.version}`,
    collections: {},
  };
  for (const name of await userCollections()) {
    const file = `${name}.ejson`;
    const out = createWriteStream(join(dir, file));
    const hash = createHash("sha256");
    let count = 0;
    for await (const doc of db()
      .collection(name)
      .find({}, { batchSize: 1_000, ...BACKUP_READ })) {
      const line = `${mongo.BSON.EJSON.stringify(doc, { relaxed: false })}\n`;
      hash.update(line);
      if (!out.write(line)) await once(out, "drain");
      count++;
    }
    out.end();
    await once(out, "finish");
    manifest.collections[name] = { file, count, sha256: hash.digest("hex") };
  }
  // The manifest is written last: a directory without one is an unfinished backup.
  writeFileSync(join(dir, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

export class BackupError extends Error {}

/** Reads and checks a backup's manifest and files (counts and SHA-256) before anything is written. */
export async function checkBackup(dir: string): Promise<BackupManifest> {
  const path = join(dir, MANIFEST);
  if (!existsSync(path)) throw new BackupError(`${dir} has no ${MANIFEST}: not a finished backup`);
  const manifest = JSON.parse(readFileSync(path, "utf8")) as BackupManifest;
  if (manifest.format !== "tindung-backup/1") throw new BackupError(`unknown backup format ${manifest.format}`);
  for (const [name, entry] of Object.entries(manifest.collections)) {
    const hash = createHash("sha256");
    let count = 0;
    for await (const line of createInterface({ input: createReadStream(join(dir, entry.file)) })) {
      hash.update(`${line}\n`);
      count++;
    }
    if (count !== entry.count || hash.digest("hex") !== entry.sha256) {
      throw new BackupError(`${entry.file} does not match the manifest (collection ${name}): damaged or edited`);
    }
  }
  return manifest;
}

/**
 * Restores a checked backup into the connected database. Refuses a database that holds documents
 * unless `replace`; then each collection is dropped and written again, and its count is checked, and
 * collections the backup does not have are dropped: afterwards the database is the backup. A restore
 * that was killed is repeated with `replace`.
 */
export async function restoreDatabase(dir: string, options: { replace: boolean }): Promise<Record<string, number>> {
  const manifest = await checkBackup(dir);
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
  for (const [name, entry] of Object.entries(manifest.collections)) {
    await db()
      .collection(name)
      .drop()
      .catch(() => undefined);
    const collection = db().collection(name);
    let chunk: mongo.Document[] = [];
    for await (const line of createInterface({ input: createReadStream(join(dir, entry.file)) })) {
      chunk.push(mongo.BSON.EJSON.parse(line, { relaxed: false }) as mongo.Document);
      if (chunk.length >= INSERT_CHUNK) {
        await collection.insertMany(chunk, { ordered: true });
        chunk = [];
      }
    }
    if (chunk.length > 0) await collection.insertMany(chunk, { ordered: true });
    const count = await collection.countDocuments({}, BACKUP_READ);
    if (count !== entry.count) throw new BackupError(`${name}: restored ${count} documents, expected ${entry.count}`);
    restored[name] = count;
  }
  await ensureIndexes();
  return restored;
}
