import type { Model } from "mongoose";
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

// biome-ignore lint/suspicious/noExplicitAny: the four models share only `_id` and `importHash`.
type AnyModel = Model<any>;

/** `_id → importHash` of what is stored, read in one streamed scan (cheap on MongoDB and FerretDB alike). */
async function storedFingerprints(model: AnyModel): Promise<Map<string, string>> {
  const map = new Map<string, string>();
  const cursor = model.find({}, { importHash: 1 }).lean().cursor({ batchSize: 2000 });
  for await (const doc of cursor) map.set(String(doc._id), String(doc.importHash));
  return map;
}

/**
 * Writes one entity type in chunks: new documents in one insertMany, changed ones one update each
 * (only the imported fields, so links and preferences survive), unchanged ones not at all. That
 * last rule is what makes a second import of the same file a no-op, and it also spares FerretDB,
 * whose updates cost a scan of the collection each.
 */
class EntityWriter {
  readonly counts: EntityCounts = { created: 0, updated: 0, unchanged: 0 };
  private inserts: Record<string, unknown>[] = [];
  private updates: { _id: string; fields: Record<string, unknown> }[] = [];

  constructor(
    private readonly model: AnyModel,
    private readonly stored: Map<string, string>,
    private readonly dryRun: boolean,
  ) {}

  async put(id: string, fields: Record<string, unknown>): Promise<void> {
    const importHash = fingerprint(fields);
    const previous = this.stored.get(id);
    if (previous === importHash) {
      this.counts.unchanged++;
      return;
    }
    if (previous === undefined) {
      this.counts.created++;
      this.inserts.push({ _id: id, ...fields, importHash });
    } else {
      this.counts.updated++;
      this.updates.push({ _id: id, fields: { ...fields, importHash } });
    }
    this.stored.set(id, importHash);
    if (this.inserts.length + this.updates.length >= CHUNK) await this.flush();
  }

  async flush(): Promise<void> {
    const inserts = this.inserts;
    const updates = this.updates;
    this.inserts = [];
    this.updates = [];
    if (this.dryRun) return;
    if (inserts.length > 0) await this.model.insertMany(inserts, { ordered: false });
    for (const { _id, fields } of updates) await this.model.updateOne({ _id }, { $set: fields });
  }
}

/** Second pass: re-reads the (already validated) file and brings the database in line with it. */
export async function applyFile(
  path: string,
  format: FileFormat,
  validation: ValidationResult,
  options: { dryRun: boolean; fullSnapshot: boolean; idHashSecret: string; onProgress?: () => Promise<void> },
): Promise<ApplyCounts> {
  const { dryRun } = options;
  const communes = new EntityWriter(CommuneModel, await storedFingerprints(CommuneModel), dryRun);
  for (const [code, fields] of validation.communes) await communes.put(code, fields);
  await communes.flush();

  const groups = new EntityWriter(GroupModel, await storedFingerprints(GroupModel), dryRun);
  for (const [code, g] of validation.groups) {
    await groups.put(code, { ...g.fields, headCode: g.headCode, deputyCode: g.deputyCode });
  }
  await groups.flush();

  const households = new EntityWriter(HouseholdModel, await storedFingerprints(HouseholdModel), dryRun);
  const loans = new EntityWriter(LoanModel, await storedFingerprints(LoanModel), dryRun);
  const seenHouseholds = new Set<string>();
  let sinceProgress = 0;
  for await (const item of parseRows(path, format)) {
    if ("errors" in item) throw new Error(`row ${item.row} failed validation on the second pass`);
    const r = item.data;
    if (!seenHouseholds.has(r.customerCode)) {
      seenHouseholds.add(r.customerCode);
      await households.put(r.customerCode, householdFields(r, options.idHashSecret));
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
      for (const _id of toClose) {
        // A different importHash makes the loan count as changed if it ever reappears in a file.
        await LoanModel.updateOne({ _id }, { $set: { status: "closed", closedAt: now, importHash: "closed" } });
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
