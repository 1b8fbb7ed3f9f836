import type { mongo } from "mongoose";
import { communeRecord, fingerprint, groupDocument, groupRecord, pointRecord } from "../../domain/bookRecords.js";
import type { Organisation } from "../../domain/organisations.js";
import { CommuneModel, GroupModel, TransactionPointModel } from "../models/index.js";

/**
 * Transaction points as records of their own (issue 24). Before, a commune carried its one point in
 * `communes.transactionPoint` and a group had no point. Each such commune's point becomes a point
 * record coded as the commune (the code the importer gives a commune's only point), its groups keep
 * that point, and the commune loses the field. Every record gets the fingerprint the importer would
 * give it, so the same bank file imported again after the migration changes nothing.
 *
 * Idempotent and safe to interrupt at any step, and to run in two processes at once: points are
 * inserted only where none exists, a group is given a point only while it has none, and a commune
 * loses its old field only after its point is written. Reads raw documents: the mongoose models no
 * longer know the old field.
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

async function inChunks<T>(items: readonly T[], write: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < items.length; i += WRITES_PER_COMMAND) await write(items.slice(i, i + WRITES_PER_COMMAND));
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
    const result = await points.bulkWrite(
      chunk.map((c) => {
        const fields = pointOf(c);
        return {
          updateOne: {
            filter: { _id: c._id },
            update: { $setOnInsert: { ...fields, importHash: fingerprint(fields) } },
            upsert: true,
          },
        };
      }),
      { ordered: false },
    );
    counts.pointsCreated += result.upsertedCount;
  });

  const pointless = await groups.find({ pointCode: { $exists: false } }).toArray();
  await inChunks(pointless, async (chunk) => {
    const result = await groups.bulkWrite(
      chunk.map((g) => {
        const record = groupRecord({ ...g, pointCode: g.communeCode });
        const hash = fingerprint(groupDocument(record, g.headCode ?? null, g.deputyCode ?? null));
        return {
          updateOne: {
            filter: { _id: g._id, pointCode: { $exists: false } },
            update: { $set: { pointCode: g.communeCode, importHash: hash } },
          },
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
          filter: { _id: c._id, transactionPoint: { $exists: true } },
          update: { $unset: { transactionPoint: "" }, $set: { importHash: fingerprint(communeRecord(c)) } },
        },
      })),
      { ordered: false },
    );
    counts.communesCleared += result.modifiedCount;
  });
  return counts;
}
