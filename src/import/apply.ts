import {
  bookDigestState,
  type DigestLayout,
  type DigestState,
  markBookDigest,
  type StoredBook,
  writeDigest,
} from "../data/bookDigest.js";
import {
  type BookEntity,
  type BookWrites,
  CLOSED_LOAN_HASH,
  closeLoans,
  detectWriteStrategy,
  type EntityCounts,
  EntityWriter,
  readStoredBook,
  type WriteStrategy,
} from "../data/bookWriter.js";
import { markPlanningIndexStale, planningIndexState } from "../data/planningIndex.js";
import { BoundedWrites, SerialWrites } from "../data/serialWrites.js";
import { groupDocument } from "../domain/bookRecords.js";
import type { OverdueLoan } from "../features/stats/computeStats.js";
import { fingerprint, householdFields, loanFields } from "./documents.js";
import { parseRows } from "./parseRows.js";
import { PlanningIndexUpdate } from "./planningIndex.js";
import type { FileFormat } from "./source.js";
import type { RowSpool } from "./spool.js";
import type { ValidationResult } from "./validate.js";

export type { EntityCounts, WriteStrategy } from "../data/bookWriter.js";
export { detectWriteStrategy } from "../data/bookWriter.js";

const PROGRESS_EVERY = 1000;

export interface ApplyCounts {
  communes: EntityCounts;
  points: EntityCounts;
  groups: EntityCounts;
  households: EntityCounts;
  loans: EntityCounts;
  loansClosed: number;
}

export interface ApplyOptions {
  dryRun: boolean;
  fullSnapshot: boolean;
  idHashSecret: string;
  writeStrategy?: WriteStrategy;
  onProgress?: () => Promise<void>;
  /**
   * Receives the open overdue loans as the book stands after this file, worked out from the read of
   * stored loans the apply pass makes anyway and the file's rows, so that the overdue snapshot after
   * an import needs no second read of every loan.
   */
  onOverdueLoans?: (loans: OverdueLoan[]) => void;
  /** The rows as the first pass parsed them (else the file is parsed again). */
  spool?: RowSpool;
}

type Writer = Awaited<ReturnType<typeof openWriter>>;

async function openWriter(
  kind: BookEntity,
  options: { dryRun: boolean; strategy: WriteStrategy; digest: DigestState; writes: BookWrites },
  extraFields?: Record<string, 1>,
  visit?: (doc: Record<string, unknown>) => void,
) {
  const stored = await readStoredBook(kind, {
    digest: options.digest,
    ...(extraFields ? { extraFields } : {}),
    ...(visit ? { visit } : {}),
  });
  const writer = new EntityWriter(kind, stored, options.dryRun, options.strategy, options.writes);
  return {
    stored,
    counts: writer.counts,
    /** Resolves true when the document is new or changed. */
    put: (id: string, fields: Record<string, unknown>) => writer.put(id, fields, fingerprint(fields)),
    flush: () => writer.flush(),
  };
}

/** The open overdue loans, kept up to date as stored loans are read and the file's rows applied. */
class OverdueTracker {
  readonly loans = new Map<string, OverdueLoan>();

  track(id: string, l: OverdueLoan & { status?: unknown }): void {
    if (l.status !== "open" || l.overduePrincipal <= 0) {
      this.loans.delete(id);
      return;
    }
    const { communeCode, officeCode, groupCode, overduePrincipal } = l;
    this.loans.set(id, { communeCode, officeCode, groupCode, overduePrincipal });
  }
}

const LOAN_EXTRAS = {
  householdCode: 1,
  status: 1,
  overduePrincipal: 1,
  communeCode: 1,
  officeCode: 1,
  groupCode: 1,
} as const;

/** Whether a full snapshot closes this stored open loan: of one of its offices, and not in it. */
const closedBy = (validation: ValidationResult, loan: Record<string, unknown>): boolean =>
  validation.officeCodes.has(String(loan.officeCode)) && !validation.loanNumbers.has(String(loan._id));

/**
 * The households and loans of the file, in one more pass over it. A household lists its open loan
 * numbers so that a balance view reads each loan by `_id`: the loans in this file plus those stored
 * and not closed, since a file that is not a full snapshot may carry only some of a household's loans.
 */
async function applyHouseholdsAndLoans(
  path: string,
  format: FileFormat,
  validation: ValidationResult,
  options: ApplyOptions,
  open: (
    kind: BookEntity,
    extra?: Record<string, 1>,
    visit?: (doc: Record<string, unknown>) => void,
  ) => Promise<Writer>,
  overdue: OverdueTracker,
  index: PlanningIndexUpdate | null,
) {
  const storedOpenLoans = new Map<string, string[]>();
  // A full snapshot closes the open loans of its offices that it does not list: known before any row is
  // applied, so that no household written below lists one of them.
  const closing: string[] = [];
  const loans = await open("loan", { ...LOAN_EXTRAS, ...index?.loanFields() }, (loan) => {
    if (loan.importHash === CLOSED_LOAN_HASH) return;
    index?.storedLoan(loan);
    overdue.track(String(loan._id), loan as unknown as OverdueLoan & { status: unknown });
    if (options.fullSnapshot && closedBy(validation, loan)) {
      closing.push(String(loan._id));
      return;
    }
    const code = String(loan.householdCode);
    const list = storedOpenLoans.get(code);
    if (list) list.push(String(loan._id));
    else storedOpenLoans.set(code, [String(loan._id)]);
  });
  const households = await open(
    "household",
    index?.householdFields(),
    index ? (h) => index.storedHousehold(h) : undefined,
  );
  const loanNumbersOf = (code: string) =>
    [...new Set([...(validation.householdLoans.get(code) ?? []), ...(storedOpenLoans.get(code) ?? [])])].sort();
  const seenHouseholds = new Set<string>();
  let sinceProgress = 0;
  for await (const item of options.spool?.rows() ?? parseRows(path, format)) {
    if ("errors" in item) throw new Error(`row ${item.row} failed validation on the second pass`);
    const r = item.data;
    if (!seenHouseholds.has(r.customerCode)) {
      seenHouseholds.add(r.customerCode);
      const fields = { ...householdFields(r, options.idHashSecret), loanNumbers: loanNumbersOf(r.customerCode) };
      const changed = await households.put(r.customerCode, fields);
      index?.household(r.customerCode, fields, changed);
    }
    const fields = loanFields(r);
    const changed = await loans.put(r.loanNumber, fields);
    index?.loan(r.loanNumber, fields, changed);
    overdue.track(r.loanNumber, fields);
    if (++sinceProgress >= PROGRESS_EVERY) {
      sinceProgress = 0;
      await options.onProgress?.();
    }
  }
  await households.flush();
  await loans.flush();
  return { households, loans, closing };
}

/** After the import's last write to the book: the digest in line with it, and marked whole. */
async function writeBookDigest(books: StoredBook[], digestWasWhole: boolean): Promise<void> {
  const layout: Partial<DigestLayout> = {};
  for (const book of books) layout[book.kind] = await writeDigest(book, !digestWasWhole);
  await markBookDigest(true, layout as DigestLayout);
}

/** Second pass: the validated rows (from the first pass's spool, else the file read again) brought into the database. */
export async function applyFile(
  path: string,
  format: FileFormat,
  validation: ValidationResult,
  options: ApplyOptions,
): Promise<ApplyCounts> {
  const { dryRun } = options;
  const strategy = options.writeStrategy ?? (await detectWriteStrategy());
  const digest = await bookDigestState();
  const writes: BookWrites = { replacements: new SerialWrites(), inserts: new BoundedWrites(2) };
  // Until the digest is written again below, the next import reads the book itself (a kill leaves it so).
  if (!dryRun) await markBookDigest(false);
  const open = (kind: BookEntity, extra?: Record<string, 1>, visit?: (doc: Record<string, unknown>) => void) =>
    openWriter(kind, { dryRun, strategy, digest, writes }, extra, visit);
  const communes = await open("commune");
  for (const [code, fields] of validation.communes) await communes.put(code, fields);
  await communes.flush();
  const points = await open("point");
  for (const [code, fields] of validation.points) await points.put(code, fields);
  await points.flush();
  const groups = await open("group");
  for (const [code, g] of validation.groups) {
    await groups.put(code, groupDocument(g.fields, g.headCode, g.deputyCode));
  }
  await groups.flush();

  const overdue = new OverdueTracker();
  // Until the planner's index is rewritten below, planners read the book itself (a kill leaves it so).
  const index = dryRun ? null : new PlanningIndexUpdate((await planningIndexState()).stale);
  if (index) await markPlanningIndexStale();
  const written = await applyHouseholdsAndLoans(path, format, validation, options, open, overdue, index);
  const { households, loans, closing } = written;
  if (!dryRun) await closeLoans(closing, new Date());
  for (const id of closing) {
    overdue.loans.delete(id);
    index?.closed(id);
    loans.stored.update(id, CLOSED_LOAN_HASH, { status: "closed" });
  }
  // One after the other: written side by side, they hung a 100k-row first import on FerretDB v1.
  await index?.write();
  if (!dryRun)
    await writeBookDigest(
      [communes, points, groups, households, loans].map((w) => w.stored),
      digest.whole,
    );
  options.onOverdueLoans?.([...overdue.loans.values()]);
  return {
    communes: communes.counts,
    points: points.counts,
    groups: groups.counts,
    households: households.counts,
    loans: loans.counts,
    loansClosed: closing.length,
  };
}
