import type { Model, mongo } from "mongoose";
import { isFerretdb } from "../db/byIds.js";
import { CommuneModel, GroupModel, HouseholdModel, LoanModel } from "../db/models/index.js";
import { fingerprint, householdFields, loanFields } from "./documents.js";
import type { FileFormat } from "./source.js";
import { parseRows, type ValidationResult } from "./validate.js";

export interface EntityCounts {
  created: number;
  updated: number;
  unchanged: number;
}

export interface ApplyCounts {
  communes: EntityCounts;
  groups: EntityCounts;
  households: EntityCounts;
  loans: EntityCounts;
  loansClosed: number;
}

const CHUNK = 1000;
/** The importHash of a loan closed by a full snapshot. */
const CLOSED = "closed";

// biome-ignore lint/suspicious/noExplicitAny: the four models share only `_id` and `importHash`.
type AnyModel = Model<any>;

/**
 * `_id → importHash` of what is stored, read in one streamed scan (cheap on MongoDB and FerretDB
 * alike). `visit` sees each document's other projected fields on the way.
 */
async function storedFingerprints(
  model: AnyModel,
  extraFields: Record<string, 1> = {},
  visit?: (doc: Record<string, unknown>) => void,
): Promise<Map<string, string>> {
  const map = new Map<string, string>();
  const cursor = model
    .find({}, { importHash: 1, ...extraFields })
    .lean()
    .cursor({ batchSize: 2000 });
  for await (const doc of cursor) {
    map.set(String(doc._id), String(doc.importHash));
    visit?.(doc);
  }
  return map;
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
 */
type ImportedDoc = { _id: string; importHash: string } & Record<string, unknown>;

export type WriteStrategy = "bulk" | "small-commands";
const SMALL_COMMAND = 50;

export async function detectWriteStrategy(): Promise<WriteStrategy> {
  return (await isFerretdb()) ? "small-commands" : "bulk";
}

/**
 * Writes one entity type in chunks: new documents in one insertMany, changed ones by the write
 * strategy, unchanged ones not at all. That last rule is what makes a second import of the same
 * file a no-op.
 */
class EntityWriter {
  readonly counts: EntityCounts = { created: 0, updated: 0, unchanged: 0 };
  private inserts: ImportedDoc[] = [];
  private replacements: ImportedDoc[] = [];
  private readonly collection: mongo.Collection<ImportedDoc>;

  constructor(
    model: AnyModel,
    private readonly stored: Map<string, string>,
    private readonly dryRun: boolean,
    private readonly strategy: WriteStrategy,
  ) {
    this.collection = model.collection as unknown as mongo.Collection<ImportedDoc>;
  }

  async put(id: string, fields: Record<string, unknown>): Promise<void> {
    const importHash = fingerprint(fields);
    const previous = this.stored.get(id);
    if (previous === importHash) {
      this.counts.unchanged++;
      return;
    }
    const doc = { _id: id, ...fields, importHash };
    if (previous === undefined) {
      this.counts.created++;
      this.inserts.push(doc);
    } else {
      this.counts.updated++;
      this.replacements.push(doc);
    }
    this.stored.set(id, importHash);
    if (this.inserts.length + this.replacements.length >= CHUNK) await this.flush();
  }

  async flush(): Promise<void> {
    const { inserts, replacements } = this;
    this.inserts = [];
    this.replacements = [];
    if (this.dryRun) return;
    const size = this.strategy === "small-commands" ? SMALL_COMMAND : CHUNK;
    for (let i = 0; i < replacements.length; i += size) {
      await this.collection.bulkWrite(
        replacements.slice(i, i + size).map((d) => ({ replaceOne: { filter: { _id: d._id }, replacement: d } })),
        { ordered: false },
      );
    }
    // Rows were validated by zod already; the driver's insertMany skips mongoose's second validation.
    if (inserts.length > 0) await this.collection.insertMany(inserts, { ordered: false });
  }
}

/** Second pass: re-reads the (already validated) file and brings the database in line with it. */
export async function applyFile(
  path: string,
  format: FileFormat,
  validation: ValidationResult,
  options: {
    dryRun: boolean;
    fullSnapshot: boolean;
    idHashSecret: string;
    writeStrategy?: WriteStrategy;
    onProgress?: () => Promise<void>;
  },
): Promise<ApplyCounts> {
  const { dryRun } = options;
  const strategy = options.writeStrategy ?? (await detectWriteStrategy());
  const writer = async (
    model: AnyModel,
    extraFields?: Record<string, 1>,
    visit?: (doc: Record<string, unknown>) => void,
  ) => new EntityWriter(model, await storedFingerprints(model, extraFields, visit), dryRun, strategy);
  const communes = await writer(CommuneModel);
  for (const [code, fields] of validation.communes) await communes.put(code, fields);
  await communes.flush();

  const groups = await writer(GroupModel);
  for (const [code, g] of validation.groups) {
    await groups.put(code, { ...g.fields, headCode: g.headCode, deputyCode: g.deputyCode });
  }
  await groups.flush();

  // A household lists its open loan numbers so that a balance view reads each loan by `_id` (see
  // services/statement.ts): the loans in this file plus those stored and not closed, since a file
  // that is not a full snapshot may carry only some of a household's loans.
  const storedOpenLoans = new Map<string, string[]>();
  const loans = await writer(LoanModel, { householdCode: 1 }, (loan) => {
    if (loan.importHash === CLOSED) return;
    const code = String(loan.householdCode);
    const list = storedOpenLoans.get(code);
    if (list) list.push(String(loan._id));
    else storedOpenLoans.set(code, [String(loan._id)]);
  });
  const households = await writer(HouseholdModel);
  const loanNumbersOf = (code: string) =>
    [...new Set([...(validation.householdLoans.get(code) ?? []), ...(storedOpenLoans.get(code) ?? [])])].sort();
  const seenHouseholds = new Set<string>();
  let sinceProgress = 0;
  for await (const item of parseRows(path, format)) {
    if ("errors" in item) throw new Error(`row ${item.row} failed validation on the second pass`);
    const r = item.data;
    if (!seenHouseholds.has(r.customerCode)) {
      seenHouseholds.add(r.customerCode);
      await households.put(r.customerCode, {
        ...householdFields(r, options.idHashSecret),
        loanNumbers: loanNumbersOf(r.customerCode),
      });
    }
    await loans.put(r.loanNumber, loanFields(r));
    if (++sinceProgress >= CHUNK) {
      sinceProgress = 0;
      await options.onProgress?.();
    }
  }
  await households.flush();
  await loans.flush();

  let loansClosed = 0;
  if (options.fullSnapshot) {
    const now = new Date();
    const cursor = LoanModel.find({ officeCode: { $in: [...validation.officeCodes] }, status: "open" }, { _id: 1 })
      .lean()
      .cursor({ batchSize: 2000 });
    const toClose: string[] = [];
    for await (const loan of cursor) {
      if (!validation.loanNumbers.has(String(loan._id))) toClose.push(String(loan._id));
    }
    loansClosed = toClose.length;
    if (!dryRun) {
      for (let i = 0; i < toClose.length; i += CHUNK) {
        // A different importHash makes the loan count as changed if it ever reappears in a file.
        await LoanModel.updateMany(
          { _id: { $in: toClose.slice(i, i + CHUNK) } },
          { $set: { status: "closed", closedAt: now, importHash: CLOSED } },
        );
      }
    }
  }

  return {
    communes: communes.counts,
    groups: groups.counts,
    households: households.counts,
    loans: loans.counts,
    loansClosed,
  };
}
