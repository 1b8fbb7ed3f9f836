import type { mongo } from "mongoose";
import { communeRecord, fingerprint, groupDocument, groupRecord, pointRecord } from "../../domain/bookRecords.js";
import type { Organisation } from "../../domain/organisations.js";
import { isDuplicateKey } from "../errors.js";
import { CommuneModel, GroupModel, TransactionPointModel } from "../models/index.js";

/**
 * Transaction points as records of their own (issue 24). Before, a commune carried its one point in
 * `communes.transactionPoint` and a group had no point. Each such commune's point becomes a point
 * record coded as the commune (the code the importer gives a commune's only point), its groups keep
 * that point, and the commune loses the field. Every record gets the fingerprint the importer would
 * give it, so the same bank file imported again after the migration changes nothing.
 *
 * Idempotent and safe to interrupt at any step: points are inserted only where none exists (the
 * unique `_id` refuses the rest), only groups read without a point are given one, and a commune
 * loses its old field only after its point is written. It runs under the book's write lock
 * (data/migrations/index.ts), so no import rewrites a group between its read and its write here; the
 * writes are therefore by `_id` alone, the one filter FerretDB v1 serves from an index. Reads raw
 * documents: the mongoose models no longer know the old field.
 */

type OldCommune = {
  _id: string;
  name: string;
  officeCode: string;
  officeName: string;
  transactionPoint?: { place: string; day: number; hours: string } | null;
};
type PointlessGroup = {
  _id: string;
  name: string;
  village: string;
  communeCode: string;
  officeCode: string;
  organisation: Organisation;
  headCode?: string | null;
  deputyCode?: string | null;
};

/** Commands of fewer than 100 updates: FerretDB v1 never answers larger ones (data/bookWriter.ts). */
const WRITES_PER_COMMAND = 50;

export interface PointsMigrationCounts {
  pointsCreated: number;
  groupsGivenPoint: number;
  communesCleared: number;
}

function pointOf(c: OldCommune & { transactionPoint: NonNullable<OldCommune["transactionPoint"]> }) {
  return pointRecord({
    name: c.name,
    communeCode: c._id,
    formerCommune: null,
    place: c.transactionPoint.place,
    hours: c.transactionPoint.hours,
    schedule: { kind: "day", day: c.transactionPoint.day },
    closureRule: null,
    weekendRule: null,
    officeCode: c.officeCode,
    officeName: c.officeName,
  });
}

/**
 * Inserts the documents whose `_id` is free and leaves the others (a point imported or migrated
 * already): an insert that a unique `_id` refuses, not an upsert, because FerretDB v1 drops the
 * null fields of an upsert's $setOnInsert (formerCommune, closureRule, weekendRule).
 */
async function insertNew(collection: mongo.Collection<{ _id: string }>, docs: { _id: string }[]): Promise<number> {
  try {
    return (await collection.insertMany(docs, { ordered: false })).insertedCount;
  } catch (error) {
    const bulk = error as {
      writeErrors?: unknown[] | unknown;
      insertedCount?: number;
      result?: { insertedCount?: number };
    };
    const writeErrors = Array.isArray(bulk.writeErrors) ? bulk.writeErrors : [bulk.writeErrors ?? error];
    if (!writeErrors.every(isDuplicateKey)) throw error;
    return bulk.insertedCount ?? bulk.result?.insertedCount ?? 0;
  }
}

async function inChunks<T>(items: readonly T[], write: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < items.length; i += WRITES_PER_COMMAND) await write(items.slice(i, i + WRITES_PER_COMMAND));
}

/** Whether anything is left to migrate: a commune still holding its point, or a group without one. */
export async function transactionPointsPending(): Promise<boolean> {
  const communes = CommuneModel.collection as unknown as mongo.Collection<OldCommune>;
  const groups = GroupModel.collection as unknown as mongo.Collection<{ _id: string; pointCode?: string }>;
  const [commune, group] = await Promise.all([
    communes.findOne({ transactionPoint: { $exists: true } }, { projection: { _id: 1 } }),
    groups.findOne({ pointCode: { $exists: false } }, { projection: { _id: 1 } }),
  ]);
  return commune !== null || group !== null;
}

export async function migrateTransactionPoints(): Promise<PointsMigrationCounts> {
  const communes = CommuneModel.collection as unknown as mongo.Collection<OldCommune>;
  const points = TransactionPointModel.collection as unknown as mongo.Collection<{ _id: string }>;
  const groups = GroupModel.collection as unknown as mongo.Collection<PointlessGroup & { pointCode?: string }>;
  const counts: PointsMigrationCounts = { pointsCreated: 0, groupsGivenPoint: 0, communesCleared: 0 };

  const old = (await communes.find({ transactionPoint: { $exists: true } }).toArray()).filter(
    (c): c is OldCommune & { transactionPoint: NonNullable<OldCommune["transactionPoint"]> } =>
      Boolean(c.transactionPoint),
  );
  await inChunks(old, async (chunk) => {
    const docs = chunk.map((c) => {
      const fields = pointOf(c);
      return { _id: c._id, ...fields, importHash: fingerprint(fields) };
    });
    counts.pointsCreated += await insertNew(points, docs);
  });

  const pointless = await groups.find({ pointCode: { $exists: false } }).toArray();
  await inChunks(pointless, async (chunk) => {
    const result = await groups.bulkWrite(
      chunk.map((g) => {
        const record = groupRecord({ ...g, pointCode: g.communeCode });
        const hash = fingerprint(groupDocument(record, g.headCode ?? null, g.deputyCode ?? null));
        return {
          updateOne: { filter: { _id: g._id }, update: { $set: { pointCode: g.communeCode, importHash: hash } } },
        };
      }),
      { ordered: false },
    );
    counts.groupsGivenPoint += result.modifiedCount;
  });

  await inChunks(old, async (chunk) => {
    const result = await communes.bulkWrite(
      chunk.map((c) => ({
        updateOne: {
          filter: { _id: c._id },
          update: { $unset: { transactionPoint: "" }, $set: { importHash: fingerprint(communeRecord(c)) } },
        },
      })),
      { ordered: false },
    );
    counts.communesCleared += result.modifiedCount;
  });
  return counts;
}
