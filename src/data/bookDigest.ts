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

/** The most buckets per kind: a bucket of a province's loans holds ~1,600 entries (~170 kB) at 400k loans. */
const MOST_BUCKETS: Record<BookEntity, number> = { commune: 1, point: 1, group: 16, household: 256, loan: 256 };
/**
 * Below the most, a kind has the fewest buckets (a power of two) of about this many entries each:
 * every bucket is one lookup on FerretDB, and 530 lookups cost a small branch's import ~0.5 s for
 * nothing (a book of 60 households filled a few entries of each).
 */
const ENTRIES_PER_BUCKET = 512;
/** Buckets per kind as the digest is written; a digest from before this was recorded has the most. */
export type DigestLayout = Record<BookEntity, number>;
const LEGACY_LAYOUT: DigestLayout = MOST_BUCKETS;
const STATE = "state";
/** Writes per command: FerretDB v1 never answers an update command of 100 or more matching statements. */
const CHUNK = 50;

/** Which of `buckets` an `_id` falls in (FNV-1a): the same on every run and in every process. */
export function hashBucket(id: string, buckets: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) hash = Math.imul(hash ^ id.charCodeAt(i), 0x01000193);
  return (hash >>> 0) % buckets;
}
const bucketId = (kind: BookEntity, bucket: number) => `${kind}:${bucket.toString(16).padStart(2, "0")}`;

/** The buckets `entries` need: a power of two, so that bucket counts divide each other and the most. */
export function bucketsFor(kind: BookEntity, entries: number): number {
  let buckets = 1;
  while (buckets < MOST_BUCKETS[kind] && buckets * ENTRIES_PER_BUCKET < entries) buckets *= 2;
  return buckets;
}

type Doc = Record<string, unknown>;

/** Every stored document of one kind as the importer knows it: `_id` → [fingerprint, ...DIGEST_FIELDS]. */
export class StoredBook {
  private readonly entries = new Map<string, unknown[]>();
  /** Of the most buckets: whatever the layout written, bucket `b` of the most falls in `b % buckets`. */
  private readonly changedBuckets = new Set<number>();
  private readonly fields: readonly string[];
  // Codes repeat across thousands of entries: one string each instead of one per entry.
  private readonly interned = new Map<string, string>();

  /** `buckets`: how many the stored digest of this kind has. */
  constructor(
    readonly kind: BookEntity,
    readonly buckets = MOST_BUCKETS[kind],
  ) {
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
    this.changedBuckets.add(hashBucket(id, MOST_BUCKETS[this.kind]));
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

  /**
   * The layout to write and the ids of each bucket to write: those this import changed, or all when
   * the digest is written afresh or its kind's entries now need another number of buckets (a bucket
   * beyond the new number is left as it was, and never read).
   */
  bucketsToWrite(all: boolean): { layout: number; write: Map<number, string[]> } {
    const layout = bucketsFor(this.kind, this.entries.size);
    const write = new Map<number, string[]>();
    if (all || layout !== this.buckets) for (let b = 0; b < layout; b++) write.set(b, []);
    else for (const b of this.changedBuckets) write.set(b % layout, []);
    if (write.size === 0) return { layout, write };
    for (const id of this.entries.keys()) write.get(hashBucket(id, layout))?.push(id);
    return { layout, write };
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

export interface DigestState {
  /** False before the first import, while one writes, and after one was cut off. */
  whole: boolean;
  layout: DigestLayout;
}

export async function bookDigestState(): Promise<DigestState> {
  const state = await BookDigestModel.findById(STATE, { whole: 1, buckets: 1 }).lean();
  const layout: DigestLayout = { ...LEGACY_LAYOUT, ...state?.buckets };
  // A layout no import writes (edited by hand, say) is not trusted: the book is read instead.
  const sound = (Object.keys(MOST_BUCKETS) as BookEntity[]).every((kind) => isLayout(kind, layout[kind]));
  return { whole: state?.whole === true && sound, layout: sound ? layout : LEGACY_LAYOUT };
}

const isLayout = (kind: BookEntity, buckets: unknown): boolean =>
  typeof buckets === "number" &&
  Number.isInteger(buckets) &&
  buckets >= 1 &&
  buckets <= MOST_BUCKETS[kind] &&
  (buckets & (buckets - 1)) === 0;

/** Marks the digest whole or not; marked whole, with the layout its buckets were written in. */
export async function markBookDigest(whole: false): Promise<void>;
export async function markBookDigest(whole: true, layout: DigestLayout): Promise<void>;
export async function markBookDigest(whole: boolean, layout?: DigestLayout): Promise<void> {
  const set = { whole, updatedAt: new Date(), ...(layout ? { buckets: layout } : {}) };
  await BookDigestModel.updateOne({ _id: STATE }, { $set: set }, { upsert: true });
}

/** Whether a digest read can serve a read of these stored fields. */
export const digestServes = (kind: BookEntity, fields: readonly string[]): boolean =>
  fields.every((f) => f === "importHash" || DIGEST_FIELDS[kind].includes(f));

/** Reads one kind's digest by `_id`, bucket by bucket. */
export async function readDigest(kind: BookEntity, book: StoredBook, visit?: (doc: Doc) => void): Promise<void> {
  const ids = Array.from({ length: book.buckets }, (_, b) => bucketId(kind, b));
  const docs = await findByIds<{ entries?: string }>(BookDigestModel, ids, { entries: 1 });
  for (const doc of docs) {
    for (const [id, ...entry] of JSON.parse(doc.entries ?? "[]") as unknown[][]) {
      const doc = book.docOf(String(id), entry);
      book.load(String(id), String(entry[0]), doc);
      visit?.(doc);
    }
  }
}

/** Writes the buckets this import changed (all of them when `all`); returns the kind's layout. */
export async function writeDigest(book: StoredBook, all: boolean): Promise<number> {
  const { layout, write } = book.bucketsToWrite(all);
  const buckets = [...write];
  // Packed a chunk at a time: a first import writes every bucket, ~10 MB of text at 100k loans.
  for (let i = 0; i < buckets.length; i += CHUNK) {
    const writes = buckets.slice(i, i + CHUNK).map(([b, ids]) => {
      const _id = bucketId(book.kind, b);
      return { replaceOne: { filter: { _id }, replacement: { _id, entries: book.pack(ids) }, upsert: true } };
    });
    await BookDigestModel.bulkWrite(writes, { ordered: false });
  }
  return layout;
}
