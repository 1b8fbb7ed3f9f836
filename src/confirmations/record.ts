import {
  type ConfirmationOffice,
  confirmationOffices,
  eachFiguresBucket,
  type FiguresBucket,
  FiguresWriter,
  figuresBucketOf,
  type PendingConfirmation,
} from "../data/recordedFigures.js";
import { addDays, type LocalDate } from "../domain/dates.js";
import {
  type ChangeKind,
  changesBetween,
  changesDigest,
  countByKind,
  type HouseholdFigures,
  outstandingOf,
} from "../domain/recordedChanges.js";
import type { HolidayCalendar } from "../domain/transactionDay.js";
import { nextSessionOf, type PointOnFile } from "../domain/transactionPoint.js";
import type { ImportRow } from "../import/rowSchema.js";

/**
 * After an import has written the book (issue 28): every household's figures compared with what the
 * last import left, bucket by bucket, each bucket written back in one write with the confirmations
 * its changes call for. Offices with confirmations off have their figures moved on and nothing
 * queued, so turning them on later does not send old news.
 */

export interface ConfirmationSummary {
  /** Households with a change, in offices with confirmations on: what approval would send. */
  toSend: number;
  byKind: Partial<Record<ChangeKind, number>>;
  /** Households with a change in offices with confirmations off (nothing is queued for them). */
  officesOff: number;
  /** False on the first import that records figures: nothing to compare with yet. */
  compared: boolean;
}

type PointRule = Pick<PointOnFile, "schedule" | "closureRule" | "weekendRule">;

export interface RecordInput {
  rows: AsyncIterable<ImportRow>;
  /** The offices the file covers and its loans: a full snapshot closes the others of those offices. */
  fullSnapshot: { officeCodes: ReadonlySet<string>; loanNumbers: { has(loanNumber: string): boolean } } | null;
  points: ReadonlyMap<string, PointRule>;
  importBatchId: string;
  asOf: LocalDate;
  calendar: HolidayCalendar;
  dryRun: boolean;
  now: Date;
  onProgress?: () => Promise<void>;
  /** Sees every household this import brings up to date, with the transaction day passed since the last, if any. */
  observe?: (code: string, after: HouseholdFigures, session: LocalDate | null) => void;
}

/**
 * A household of the file, flat and small while every household of a province waits for its bucket:
 * savings, office, commune, group, point, then 7 values per loan (number, outstanding, unpaid
 * interest, interest due next, overdue, disbursed, rate, programme).
 */
type FlatHousehold = (string | number)[];
const HEAD = 5;
const PER_LOAN = 8;

function unflatten(flat: FlatHousehold, asOf: LocalDate): HouseholdFigures {
  const [savings, officeCode, communeCode, groupCode, pointCode] = flat as [number, string, string, string, string];
  const loans: HouseholdFigures["loans"] = {};
  for (let i = HEAD; i < flat.length; i += PER_LOAN) {
    const [n, outstanding, unpaidInterest, interestDueNext, overdue, disbursed, ratePpm, programme] = flat.slice(
      i,
      i + PER_LOAN,
    ) as [string, number, number, number, number, number, number, string];
    loans[n] = { outstanding, unpaidInterest, interestDueNext, overdue, disbursed, ratePpm, programme };
  }
  return { asOf, savings, officeCode, communeCode, groupCode, pointCode, loans };
}

/** The file's households, flat, grouped by bucket; codes that repeat over thousands of rows kept once. */
async function figuresOfFile(rows: AsyncIterable<ImportRow>) {
  const byBucket = new Map<number, Map<string, FlatHousehold>>();
  const codes = new Map<string, string>();
  const once = (code: string) => {
    const known = codes.get(code);
    if (known !== undefined) return known;
    codes.set(code, code);
    return code;
  };
  for await (const r of rows) {
    const bucket = figuresBucketOf(r.customerCode);
    const households = byBucket.get(bucket) ?? new Map<string, FlatHousehold>();
    byBucket.set(bucket, households);
    let flat = households.get(r.customerCode);
    if (!flat) {
      flat = [r.savingsBalance, once(r.officeCode), once(r.communeCode), once(r.groupCode), once(r.pointCode)];
      households.set(r.customerCode, flat);
    }
    flat.push(r.loanNumber, r.outstandingPrincipal, r.unpaidInterest, r.interestDueNext, r.overduePrincipal);
    flat.push(r.disbursedAmount, r.annualRatePpm, once(r.programmeCode));
  }
  return byBucket;
}

/** A household after this import: the file's figures over the stored ones, less what a full snapshot closes. */
function merged(before: HouseholdFigures, inFile: HouseholdFigures | undefined, input: RecordInput) {
  const loans = { ...before.loans };
  const snapshot = input.fullSnapshot;
  if (snapshot) {
    for (const n of Object.keys(loans)) {
      if (snapshot.officeCodes.has(before.officeCode) && !snapshot.loanNumbers.has(n)) delete loans[n];
    }
  }
  if (!inFile) {
    const closedAny = Object.keys(loans).length !== Object.keys(before.loans).length;
    return closedAny ? { ...before, asOf: input.asOf, loans } : null;
  }
  return { ...inFile, loans: { ...loans, ...inFile.loans } };
}

/** The point's session after the earlier import, if it fell on or before this one's day. */
function sessionBetween(before: HouseholdFigures, after: HouseholdFigures, input: RecordInput): LocalDate | null {
  const point = input.points.get(after.pointCode);
  if (!point || before.asOf >= input.asOf) return null;
  const session = nextSessionOf(addDays(before.asOf, 1), point, input.calendar);
  return session <= input.asOf ? session : null;
}

function pendingOf(
  code: string,
  before: HouseholdFigures,
  after: HouseholdFigures,
  session: LocalDate | null,
  input: RecordInput,
) {
  const changes = changesBetween(before, after, session !== null);
  if (changes.length === 0) return null;
  const paid = new Set(changes.flatMap((c) => (c.kind === "interest-paid" && c.loanNumber ? [c.loanNumber] : [])));
  return {
    importBatchId: input.importBatchId,
    householdCode: code,
    officeCode: after.officeCode,
    communeCode: after.communeCode,
    groupCode: after.groupCode,
    eventDate: session ?? input.asOf,
    changes,
    loansBefore: [...paid].map((n) => ({ loanNumber: n, ...(before.loans[n] as HouseholdFigures["loans"][string]) })),
    outstanding: outstandingOf(after),
    digest: changesDigest(changes),
  } satisfies PendingConfirmation;
}

/** One bucket brought up to this import; true when it must be written. */
function recordBucket(
  bucket: FiguresBucket,
  flatInFile: Map<string, FlatHousehold>,
  offices: Map<string, ConfirmationOffice>,
  input: RecordInput,
  summary: ConfirmationSummary,
): boolean {
  let changed = false;
  const inFile = new Map([...flatInFile].map(([code, flat]) => [code, unflatten(flat, input.asOf)] as const));
  for (const [code, before] of bucket.figures) {
    const after = merged(before, inFile.get(code), input);
    if (!after) continue;
    bucket.figures.set(code, after);
    changed = true;
    const session = sessionBetween(before, after, input);
    input.observe?.(code, after, session);
    const pending = pendingOf(code, before, after, session, input);
    if (!pending) continue;
    if (offices.get(after.officeCode)?.state !== "on") {
      summary.officesOff++;
      continue;
    }
    summary.toSend++;
    countByKind(pending.changes, summary.byKind);
    // A confirmation of an earlier import not yet sent stays: both go, each once.
    bucket.pending.push(pending);
  }
  for (const [code, figures] of inFile) {
    if (bucket.figures.has(code)) continue;
    // A household seen for the first time: its figures are the baseline; nothing to confirm.
    bucket.figures.set(code, figures);
    changed = true;
  }
  return changed;
}

/** Buckets between two calls of `onProgress` (the import renews its lock there: a write each time). */
const PROGRESS_EVERY_BUCKETS = 32;
/**
 * Changed buckets written in one command: a few, so that few packed buckets wait in memory at once;
 * counted, not by position, so that a small book's changes (a bucket here and there) go in a few
 * commands rather than one per eight positions.
 */
const BUCKETS_PER_WRITE = 8;

export async function recordImportChanges(input: RecordInput): Promise<ConfirmationSummary> {
  const inFile = await figuresOfFile(input.rows);
  const offices = await confirmationOffices();
  const summary: ConfirmationSummary = { toSend: 0, byKind: {}, officesOff: 0, compared: false };
  const writer = new FiguresWriter(input.now);
  for await (const bucket of eachFiguresBucket()) {
    if (bucket.figures.size > 0) summary.compared = true;
    const changed = recordBucket(bucket, inFile.get(bucket.bucket) ?? new Map(), offices, input, summary);
    if (changed && !input.dryRun) writer.add(bucket);
    if (writer.waiting >= BUCKETS_PER_WRITE) await writer.flush();
    if (bucket.bucket % PROGRESS_EVERY_BUCKETS === PROGRESS_EVERY_BUCKETS - 1) await input.onProgress?.();
  }
  await writer.flush();
  return summary;
}
