import { HARDSHIP_PHOTOS_MAX, type PhotoType } from "../domain/photo.js";
import { findByIds } from "./byIds.js";
import { isDuplicateKey } from "./errors.js";
import { HardshipPhotoModel } from "./models/index.js";

/** A report's photos (models/hardshipReport.ts), each read and removed by `_id`. */

export interface StoredPhoto {
  type: PhotoType;
  data: Buffer;
}

const photoIds = (reference: string, count = HARDSHIP_PHOTOS_MAX) =>
  Array.from({ length: count }, (_, i) => `${reference}/${i + 1}`);

/**
 * Stores a filed report's photos (the report, written first, counts them): a crash in between leaves
 * a report showing the photos that were stored, and storing them again adds nothing twice.
 */
export async function storeHardshipPhotos(reference: string, photos: readonly StoredPhoto[]): Promise<void> {
  const ids = photoIds(reference, photos.length);
  for (const [i, photo] of photos.entries()) {
    try {
      await HardshipPhotoModel.create({ _id: ids[i], type: photo.type, data: photo.data });
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
  }
}

/** A report's photos in the order they were sent. */
export async function hardshipPhotos(reference: string, count: number): Promise<StoredPhoto[]> {
  const ids = photoIds(reference, Math.min(count, HARDSHIP_PHOTOS_MAX));
  const found = await findByIds<StoredPhoto & { _id: string }>(HardshipPhotoModel, ids, { type: 1, data: 1 });
  return found
    .sort((a, b) => ids.indexOf(a._id) - ids.indexOf(b._id))
    .map((p) => ({ type: p.type, data: bytesOf(p.data) }));
}

/** A lean read gives the driver's BSON Binary, not a Buffer. */
function bytesOf(stored: unknown): Buffer {
  if (Buffer.isBuffer(stored)) return stored;
  const binary = stored as { buffer: Uint8Array; position: number };
  return Buffer.from(binary.buffer.subarray(0, binary.position));
}

/** Removes every photo a report may have (one delete by `_id` each: FerretDB would scan on `$in`). */
export async function forgetHardshipPhotos(reference: string): Promise<void> {
  for (const _id of photoIds(reference)) await HardshipPhotoModel.deleteOne({ _id });
}
