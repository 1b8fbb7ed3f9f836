import { BOOK_MODELS, type BookEntity } from "./bookWriter.js";
import { ImportBatchModel } from "./models/index.js";

/** Records of import runs, and the stored places an import checks a scope against. */

export type { ImportBatch } from "./models/importBatch.js";

/** One run's record, written when `save` is called (a run that fails before reading the file leaves none). */
export interface ImportBatchRecord {
  readonly id: string;
  set(fields: Record<string, unknown>): void;
  save(): Promise<void>;
}

export function newImportBatch(fields: Record<string, unknown>): ImportBatchRecord {
  const batch = new ImportBatchModel(fields);
  return {
    id: String(batch._id),
    set: (more) => {
      batch.set(more);
    },
    save: async () => {
      await batch.save();
    },
  };
}

/**
 * Marks failed the runs a dead process left "running": those that held the import lock under another
 * holder (the caller holds it now, so that holder is gone), and runs that never reached the lock and
 * started before `staleBefore`. Runs in progress are few, so these filters read little.
 */
export async function failDeadImportBatches(holder: string, staleBefore: Date, now: Date): Promise<void> {
  const failed = { outcome: "failed", finishedAt: now, failure: "the importing process stopped before finishing" };
  await ImportBatchModel.updateMany({ outcome: "running", lockHolder: { $nin: [null, holder] } }, { $set: failed });
  await ImportBatchModel.updateMany(
    { outcome: "running", lockHolder: null, startedAt: { $lt: staleBefore } },
    { $set: failed },
  );
}

export interface Place {
  communeCode: string;
  officeCode: string;
}

const LOOKUP_CHUNK = 5_000;

/**
 * Where the stored documents with these codes lie (a commune's own code is its commune). One `$in`
 * per 5,000 codes: the `_id` index on MongoDB; on FerretDB a read of the collection per chunk, which
 * for an officer's file (a few communes) is one or two reads, fewer than one lookup per code would cost.
 */
export async function storedPlacesOf(kind: BookEntity, codes: readonly string[]): Promise<Map<string, Place>> {
  const places = new Map<string, Place>();
  for (let i = 0; i < codes.length; i += LOOKUP_CHUNK) {
    const docs: { _id: unknown; communeCode?: string; officeCode: string }[] = await BOOK_MODELS[kind]
      .find({ _id: { $in: codes.slice(i, i + LOOKUP_CHUNK) } }, { communeCode: 1, officeCode: 1 })
      .lean();
    for (const doc of docs) {
      places.set(String(doc._id), { communeCode: doc.communeCode ?? String(doc._id), officeCode: doc.officeCode });
    }
  }
  return places;
}
