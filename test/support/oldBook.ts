import { createHash } from "node:crypto";
import type { mongo } from "mongoose";
import { CommuneModel, GroupModel, TransactionPointModel } from "../../src/data/models/index.js";
import type { Row } from "./files.js";

/**
 * The bank's structure as versions before issue 24 stored it, for the migration tests: a commune
 * held its one point (`transactionPoint: {place, day, hours}`), a group had no point, and each
 * record's fingerprint was taken over those fields in that order (the old src/import/documents.ts).
 */

const oldFingerprint = (fields: object) => createHash("sha1").update(JSON.stringify(fields)).digest("base64url");

/** Rows as an old bank file had them: no point columns, a day of the month, one place per commune. */
export function oldStyleRows(rows: readonly Row[]): Row[] {
  return rows.map((r) => ({
    ...r,
    pointCode: "",
    pointName: "",
    formerCommune: "",
    closureRule: "",
    weekendRule: "",
    transactionPlace: `Nhà văn hóa ${r.communeName}`,
    transactionDay: "20",
  }));
}

type Doc = Record<string, unknown> & { _id: string };
const raw = (model: { collection: unknown }) => model.collection as unknown as mongo.Collection<Doc>;

/** Everything the migration writes, as stored, for before/after comparisons. */
export async function structureSnapshot() {
  const sorted = (docs: Doc[]) => docs.sort((a, b) => (a._id < b._id ? -1 : 1));
  return {
    communes: sorted(await raw(CommuneModel).find({}).toArray()),
    points: sorted(await raw(TransactionPointModel).find({}).toArray()),
    groups: sorted(await raw(GroupModel).find({}).toArray()),
  };
}

/**
 * Turns the stored structure (written by this version from an old-style file: each commune's one
 * point coded as the commune) back into what an old version wrote: the point folded into its
 * commune, the groups without a point, the old fingerprints.
 */
export async function ageToOldShape(): Promise<void> {
  const points = await raw(TransactionPointModel).find({}).toArray();
  for (const p of points) {
    const commune = await raw(CommuneModel).findOne({ _id: p.communeCode as string });
    if (!commune) throw new Error(`no commune for point ${p._id}`);
    const schedule = p.schedule as { day: number };
    const transactionPoint = { place: p.place, day: schedule.day, hours: p.hours };
    const hash = oldFingerprint({
      name: commune.name,
      officeCode: commune.officeCode,
      officeName: commune.officeName,
      transactionPoint,
    });
    await raw(CommuneModel).updateOne({ _id: commune._id }, { $set: { transactionPoint, importHash: hash } });
  }
  await raw(TransactionPointModel).deleteMany({});
  for (const g of await raw(GroupModel).find({}).toArray()) {
    const hash = oldFingerprint({
      name: g.name,
      village: g.village,
      communeCode: g.communeCode,
      officeCode: g.officeCode,
      organisation: g.organisation,
      headCode: g.headCode,
      deputyCode: g.deputyCode,
    });
    await raw(GroupModel).updateOne({ _id: g._id }, { $unset: { pointCode: "" }, $set: { importHash: hash } });
  }
}
