import { findByIds } from "./byIds.js";
import { BookDigestModel } from "./models/index.js";

/**
 * The importer's digest of the stored book (models/bookDigest.ts): what an import must know of every
 * stored document before it applies a file (its fingerprint, and for loans and households the codes
 * and amounts the overdue figures and the planner's index are worked out from), read by `_id` in a
 * few hundred strings instead of one scan of every document, which on FerretDB v1 costs ~140 µs a
 * document (a re-import of 100k rows spent half its time there). An import marks the digest stale
 * before its first write and whole after its last, so a digest read is never older than the book:
 * after a cut-off import, the next reads the book itself and writes the digest afresh.
 */

export type BookEntity = "commune" | "point" | "group" | "household" | "loan";

/** The fields each kind's digest entry keeps after its fingerprint (what apply.ts reads of stored documents). */
export const DIGEST_FIELDS: Record<BookEntity, readonly string[]> = {
  commune: [],
  point: [],
  group: [],
  household: ["groupCode"],
  loan: ["householdCode", "status", "overduePrincipal", "communeCode", "officeCode", "groupCode"],
};

/** Buckets per kind: a bucket of a province's loans holds ~1,600 entries (~170 kB) at 400k loans. */
const BUCKETS: Record<BookEntity, number> = { commune: 1, point: 1, group: 16, household: 256, loan: 256 };
const STATE = "state";
/** Writes per command: FerretDB v1 never answers an update command of 100 or more matching statements. */
const CHUNK = 50;

/** Which of `buckets` an `_id` falls in (FNV-1a): the same on every run and in every process. */
export function hashBucket(id: string, buckets: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) hash = Math.imul(hash ^ id.charCodeAt(i), 0x01000193);
  return (hash >>> 0) % buckets;
}
const bucketOf = (kind: BookEntity, id: string): number => hashBucket(id, BUCKETS[kind]);
const bucketId = (kind: BookEntity, bucket: number) => `${kind}:${bucket.toString(16).padStart(2, "0")}`;

type Doc = Record<string, unknown>;

/** Every stored document of one kind as the importer knows it: `_id` → [fingerprint, ...DIGEST_FIELDS]. */
export class StoredBook {
  private readonly entries = new Map<string, unknown[]>();
  private readonly changedBuckets = new Set<number>();
  private readonly fields: readonly string[];
  // Codes repeat across thousands of entries: one string each instead of one per entry.
  private readonly interned = new Map<string, string>();

  constructor(readonly kind: BookEntity) {
    this.fields = DIGEST_FIELDS[kind];
  }

  hashOf(id: string): string | undefined {
    return this.entries.get(id)?.[0] as string | undefined;
  }

  /** As read from the database (nothing to write back). */
  load(id: string, hash: string, doc: Doc): void {
    this.entries.set(id, [hash, ...this.fields.map((f) => this.intern(doc[f]))]);
  }

  /** As this import writes it. */
  set(id: string, hash: string, doc: Doc): void {
    this.load(id, hash, doc);
    this.changedBuckets.add(bucketOf(this.kind, id));
  }

  /** As this import changes some fields of a stored document (a full snapshot closing a loan). */
  update(id: string, hash: string, changes: Doc): void {
    const entry = this.entries.get(id);
    this.set(id, hash, { ...(entry ? this.docOf(id, entry) : {}), ...changes });
  }

  /** The stored document as an import reads it: `_id`, `importHash` and the digest's fields. */
  docOf(id: string, entry: unknown[]): Doc {
    const doc: Doc = { _id: id, importHash: entry[0] };
    this.fields.forEach((f, i) => {
      doc[f] = entry[i + 1];
    });
    return doc;
  }

  each(visit: (id: string, doc: Doc) => void): void {
    for (const [id, entry] of this.entries) visit(id, this.docOf(id, entry));
  }

  /** The ids of each bucket to write: those this import changed, or all when the digest is written afresh. */
  bucketsToWrite(all: boolean): Map<number, string[]> {
    const buckets = new Map<number, string[]>();
    if (all) for (let b = 0; b < BUCKETS[this.kind]; b++) buckets.set(b, []);
    else for (const b of this.changedBuckets) buckets.set(b, []);
    if (buckets.size === 0) return buckets;
    for (const id of this.entries.keys()) buckets.get(bucketOf(this.kind, id))?.push(id);
    return buckets;
  }

  /** A bucket's packed entries. */
  pack(ids: readonly string[]): string {
    return JSON.stringify(ids.map((id) => [id, ...(this.entries.get(id) ?? [])]));
  }

  private intern(value: unknown): unknown {
    if (typeof value !== "string" || value.length > 24) return value ?? null;
    const known = this.interned.get(value);
    if (known !== undefined) return known;
    this.interned.set(value, value);
    return value;
  }
}

/** Whether the digest is whole (false before the first import, while one writes, and after one was cut off). */
export async function bookDigestIsWhole(): Promise<boolean> {
  const state = await BookDigestModel.findById(STATE, { whole: 1 }).lean();
  return state?.whole === true;
}

export async function markBookDigest(whole: boolean): Promise<void> {
  await BookDigestModel.updateOne({ _id: STATE }, { $set: { whole, updatedAt: new Date() } }, { upsert: true });
}

/** Whether a digest read can serve a read of these stored fields. */
export const digestServes = (kind: BookEntity, fields: readonly string[]): boolean =>
  fields.every((f) => f === "importHash" || DIGEST_FIELDS[kind].includes(f));

/** Reads one kind's digest by `_id`, bucket by bucket. */
export async function readDigest(kind: BookEntity, book: StoredBook, visit?: (doc: Doc) => void): Promise<void> {
  const ids = Array.from({ length: BUCKETS[kind] }, (_, b) => bucketId(kind, b));
  const docs = await findByIds<{ entries?: string }>(BookDigestModel, ids, { entries: 1 });
  for (const doc of docs) {
    for (const [id, ...entry] of JSON.parse(doc.entries ?? "[]") as unknown[][]) {
      const doc = book.docOf(String(id), entry);
      book.load(String(id), String(entry[0]), doc);
      visit?.(doc);
    }
  }
}

/** Writes the buckets this import changed (all of them when `all`). */
export async function writeDigest(book: StoredBook, all: boolean): Promise<void> {
  const buckets = [...book.bucketsToWrite(all)];
  // Packed a chunk at a time: a first import writes every bucket, ~10 MB of text at 100k loans.
  for (let i = 0; i < buckets.length; i += CHUNK) {
    const writes = buckets.slice(i, i + CHUNK).map(([b, ids]) => {
      const _id = bucketId(book.kind, b);
      return { replaceOne: { filter: { _id }, replacement: { _id, entries: book.pack(ids) }, upsert: true } };
    });
    await BookDigestModel.bulkWrite(writes, { ordered: false });
  }
}
