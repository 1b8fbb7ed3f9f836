import type { Model, mongo } from "mongoose";
import {
  type BookEntity,
  DIGEST_FIELDS,
  type DigestState,
  digestServes,
  readDigest,
  StoredBook,
} from "./bookDigest.js";
import { isFerretdb } from "./byIds.js";
import { CommuneModel, GroupModel, HouseholdModel, LoanModel, TransactionPointModel } from "./models/index.js";
import type { BoundedWrites, SerialWrites } from "./serialWrites.js";

/** How the importer reads and writes the bank's book (communes, points, groups, households, loans). */

export interface EntityCounts {
  created: number;
  updated: number;
  unchanged: number;
}

export type { BookEntity } from "./bookDigest.js";

// biome-ignore lint/suspicious/noExplicitAny: the five models share only `_id` and `importHash`.
type AnyModel = Model<any>;
export const BOOK_MODELS: Record<BookEntity, AnyModel> = {
  commune: CommuneModel,
  point: TransactionPointModel,
  group: GroupModel,
  household: HouseholdModel,
  loan: LoanModel,
};

const CHUNK = 1000;
/** The importHash of a loan closed by a full snapshot. */
export const CLOSED_LOAN_HASH = "closed";

/**
 * What is stored of one kind, as the importer needs it: from the digest (by `_id`, data/bookDigest.ts)
 * when it is whole and holds every field asked for, else in one streamed scan of the documents.
 * `visit` sees each document's `_id`, `importHash` and asked-for fields on the way.
 */
export async function readStoredBook(
  kind: BookEntity,
  options: { extraFields?: Record<string, 1>; visit?: (doc: Record<string, unknown>) => void; digest: DigestState },
): Promise<StoredBook> {
  const { extraFields = {}, visit, digest } = options;
  const book = new StoredBook(kind, digest.layout[kind]);
  if (digest.whole && digestServes(kind, Object.keys(extraFields))) {
    await readDigest(kind, book, visit);
    return book;
  }
  const projection: Record<string, 1> = { importHash: 1, ...extraFields };
  for (const field of DIGEST_FIELDS[kind]) projection[field] = 1;
  const cursor = BOOK_MODELS[kind].find({}, projection).lean().cursor({ batchSize: 2000 });
  for await (const doc of cursor) {
    book.load(String(doc._id), String(doc.importHash), doc);
    visit?.(doc);
  }
  return book;
}

/**
 * How changed documents are written: always one replaceOne by `_id` per document, so each document
 * changes atomically and a crash at any moment leaves every document in its old or its new form,
 * never in neither. Only the size of the commands differs:
 * - "bulk": up to 1,000 replacements in one bulkWrite (MongoDB).
 * - "small-commands": at most 50 per command, on FerretDB v1, which never answers an update command
 *   of 100 or more statements that match documents (each statement's read stays open until the
 *   command ends, and its SQLite pool has 100 connections). With the patched build
 *   (docs/ferretdb.md) each replacement by `_id` is an index search there too.
 * Imported documents hold bank data only (the bot's own data is in borrower_accounts), so
 * replacing them whole loses nothing.
 *
 * Replacement commands go one at a time for the whole import (`BookWrites.replacements`: side by side
 * they can stop FerretDB v1 answering); insert commands two at a time (`BookWrites.inserts`): FerretDB
 * converts one command's documents while SQLite stores the other's. A 100k-row first import wrote its
 * households and loans in 9.1–9.6 s instead of 11.3–12.5 s (bench:import, 2026-12-08, alternating).
 */
export interface BookWrites {
  replacements: SerialWrites;
  inserts: BoundedWrites;
}
type ImportedDoc = { _id: string; importHash: string } & Record<string, unknown>;

export type WriteStrategy = "bulk" | "small-commands";
const SMALL_COMMAND = 50;

/** How many replacements one write command carries under each strategy. */
export const replacementsPerCommand = (strategy: WriteStrategy): number =>
  strategy === "small-commands" ? SMALL_COMMAND : CHUNK;

export async function detectWriteStrategy(): Promise<WriteStrategy> {
  return (await isFerretdb()) ? "small-commands" : "bulk";
}

/**
 * Writes one entity type in chunks: new documents in one insertMany, changed ones by the write
 * strategy, unchanged ones not at all. That last rule is what makes a second import of the same
 * file a no-op.
 */
export class EntityWriter {
  readonly counts: EntityCounts = { created: 0, updated: 0, unchanged: 0 };
  private inserts: ImportedDoc[] = [];
  private replacements: ImportedDoc[] = [];
  private writing: Promise<void> = Promise.resolve();
  private failure: unknown = null;
  private readonly collection: mongo.Collection<ImportedDoc>;

  constructor(
    kind: BookEntity,
    private readonly stored: StoredBook,
    private readonly dryRun: boolean,
    private readonly strategy: WriteStrategy,
    private readonly writes: BookWrites,
  ) {
    this.collection = BOOK_MODELS[kind].collection as unknown as mongo.Collection<ImportedDoc>;
  }

  /** Records the document with its fingerprint; written at the next flush only if it is new or changed. */
  async put(id: string, fields: Record<string, unknown>, importHash: string): Promise<boolean> {
    const previous = this.stored.hashOf(id);
    if (previous === importHash) {
      this.counts.unchanged++;
      return false;
    }
    const doc = { _id: id, ...fields, importHash };
    if (previous === undefined) {
      this.counts.created++;
      this.inserts.push(doc);
    } else {
      this.counts.updated++;
      this.replacements.push(doc);
    }
    this.stored.set(id, importHash, fields);
    if (this.inserts.length + this.replacements.length >= CHUNK) await this.startWrite();
    return true;
  }

  /**
   * Sends what is gathered while the caller goes on parsing rows: one chunk of this kind in flight at a
   * time, so the database writes it while the next is prepared (the two processes share two cores).
   * A failed write fails the next put or the flush.
   */
  private async startWrite(): Promise<void> {
    await this.writing;
    if (this.failure) throw this.failure;
    const { inserts, replacements } = this;
    this.inserts = [];
    this.replacements = [];
    if (this.dryRun || inserts.length + replacements.length === 0) return;
    this.writing = this.write(inserts, replacements).catch((error: unknown) => {
      this.failure = error;
    });
  }

  async flush(): Promise<void> {
    await this.startWrite();
    await this.writing;
    if (this.failure) throw this.failure;
  }

  private async write(inserts: ImportedDoc[], replacements: ImportedDoc[]): Promise<void> {
    const size = replacementsPerCommand(this.strategy);
    for (let i = 0; i < replacements.length; i += size) {
      const command = replacements
        .slice(i, i + size)
        .map((d) => ({ replaceOne: { filter: { _id: d._id }, replacement: d } }));
      await this.writes.replacements.run(() => this.collection.bulkWrite(command, { ordered: false }));
    }
    // Rows were validated by zod already; the driver's insertMany skips mongoose's second validation.
    if (inserts.length > 0)
      await this.writes.inserts.run(() => this.collection.insertMany(inserts, { ordered: false }));
  }
}

/** Closes loans (a different importHash makes one count as changed if it ever reappears in a file). */
export async function closeLoans(loanNumbers: readonly string[], now: Date): Promise<void> {
  for (let i = 0; i < loanNumbers.length; i += CHUNK) {
    await LoanModel.updateMany(
      { _id: { $in: loanNumbers.slice(i, i + CHUNK) } },
      { $set: { status: "closed", closedAt: now, importHash: CLOSED_LOAN_HASH } },
    );
  }
}
