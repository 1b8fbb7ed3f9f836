import type { LocalDate } from "../domain/dates.js";
import type { HouseholdFigures, LoanFigures, RecordedChange } from "../domain/recordedChanges.js";
import { hashBucket } from "./bookDigest.js";
import { isDuplicateKey } from "./errors.js";
import { ConfirmationOfficeModel, PaymentConfirmationModel, RecordedFiguresModel } from "./models/index.js";

/**
 * The figures payment confirmations are worked out from (models/recordedFigures.ts), read and
 * written by `_id` only: 256 buckets, one at a time, so that memory holds one bucket's households
 * and not a province's, and FerretDB v1 never scans (it pushes down only `{_id: <string>}`).
 */

export const FIGURE_BUCKETS = 256;
/** Buckets read side by side (each a lookup by `_id`). */
const READ_AHEAD = 8;

const bucketId = (bucket: number) => `b:${bucket.toString(16).padStart(2, "0")}`;
export const figuresBucketOf = (householdCode: string): number => hashBucket(householdCode, FIGURE_BUCKETS);

/** A paid loan as it stood before (what "why this amount?" explains). */
export type LoanBefore = Pick<LoanFigures, "outstanding" | "overdue" | "ratePpm" | "unpaidInterest" | "programme"> & {
  loanNumber: string;
};

/** A confirmation worked out by an import and not yet sent or dropped. */
export interface PendingConfirmation {
  importBatchId: string;
  householdCode: string;
  officeCode: string;
  communeCode: string;
  groupCode: string;
  eventDate: LocalDate;
  changes: RecordedChange[];
  loansBefore: LoanBefore[];
  /** Principal still owed after the change. */
  outstanding: number;
  /** changesDigest(changes): with household and import, the confirmation's key. */
  digest: string;
}

export interface FiguresBucket {
  bucket: number;
  figures: Map<string, HouseholdFigures>;
  pending: PendingConfirmation[];
}

type PackedLoan = [string, number, number, number, number, number, number, string];
type PackedHousehold = [LocalDate, number, string, string, PackedLoan[], string, string];

function unpack(p: PackedHousehold): HouseholdFigures {
  const loans: Record<string, LoanFigures> = {};
  for (const [n, outstanding, unpaidInterest, interestDueNext, overdue, disbursed, ratePpm, programme] of p[4]) {
    loans[n] = { outstanding, unpaidInterest, interestDueNext, overdue, disbursed, ratePpm, programme };
  }
  return { asOf: p[0], savings: p[1], officeCode: p[2], pointCode: p[3], loans, communeCode: p[5], groupCode: p[6] };
}

function pack(f: HouseholdFigures): PackedHousehold {
  const loans = Object.entries(f.loans).map(
    ([n, l]): PackedLoan => [
      n,
      l.outstanding,
      l.unpaidInterest,
      l.interestDueNext,
      l.overdue,
      l.disbursed,
      l.ratePpm,
      l.programme,
    ],
  );
  return [f.asOf, f.savings, f.officeCode, f.pointCode, loans, f.communeCode, f.groupCode];
}

function parseBucket(bucket: number, doc: { figures?: string; pending?: string } | undefined): FiguresBucket {
  const packed = JSON.parse(doc?.figures ?? "{}") as Record<string, PackedHousehold>;
  const figures = new Map(Object.entries(packed).map(([code, p]) => [code, unpack(p)] as const));
  return { bucket, figures, pending: JSON.parse(doc?.pending ?? "[]") as PendingConfirmation[] };
}

/**
 * Every bucket, in order; a bucket never written comes empty. One pass over the collection (it holds
 * nothing else), a few buckets a batch: on FerretDB v1 the same cost as reading each by `_id`, without
 * 256 round trips; on MongoDB a scan of at most 256 documents in `_id` order.
 */
export async function* eachFiguresBucket(): AsyncGenerator<FiguresBucket> {
  let next = 0;
  const cursor = RecordedFiguresModel.find({}, { figures: 1, pending: 1 })
    .sort({ _id: 1 })
    .batchSize(READ_AHEAD)
    .lean()
    .cursor();
  for await (const doc of cursor) {
    const bucket = Number.parseInt(String(doc._id).slice(2), 16);
    while (next < bucket) yield parseBucket(next++, undefined);
    yield parseBucket(bucket, doc as { figures?: string; pending?: string });
    next = bucket + 1;
  }
  while (next < FIGURE_BUCKETS) yield parseBucket(next++, undefined);
}

/**
 * Replaces buckets whole, figures and pending confirmations of each in one document write; sent a
 * few dozen to a command (FerretDB v1 never answers one of 100 or more statements), each document
 * still all-or-nothing.
 */
export class FiguresWriter {
  private writes: {
    replaceOne: {
      filter: { _id: string };
      replacement: { _id: string; figures: string; pending: string; updatedAt: Date };
      upsert: true;
    };
  }[] = [];

  constructor(private readonly now: Date) {}

  /** Buckets added and not yet written. */
  get waiting(): number {
    return this.writes.length;
  }

  add(bucket: FiguresBucket): void {
    const figures: Record<string, PackedHousehold> = {};
    for (const [code, f] of bucket.figures) figures[code] = pack(f);
    const _id = bucketId(bucket.bucket);
    const replacement = {
      _id,
      figures: JSON.stringify(figures),
      pending: JSON.stringify(bucket.pending),
      updatedAt: this.now,
    };
    this.writes.push({ replaceOne: { filter: { _id }, replacement, upsert: true } });
  }

  async flush(): Promise<void> {
    if (this.writes.length === 0) return;
    const writes = this.writes;
    this.writes = [];
    await RecordedFiguresModel.bulkWrite(writes, { ordered: false });
  }
}

/** Rewrites only a bucket's pending confirmations (those sent or dropped leave it). */
export async function writePending(bucket: number, pending: readonly PendingConfirmation[], now: Date): Promise<void> {
  await RecordedFiguresModel.updateOne(
    { _id: bucketId(bucket) },
    { $set: { pending: JSON.stringify(pending), updatedAt: now } },
  );
}

export type OfficeConfirmationState = "off" | "requested" | "on";

export interface ConfirmationOffice {
  officeCode: string;
  state: OfficeConfirmationState;
  requestedBy: number | null;
}

/** Every office with a recorded choice (few: one per transaction office); the rest are off. */
export async function confirmationOffices(): Promise<Map<string, ConfirmationOffice>> {
  const all = await ConfirmationOfficeModel.find({}, { state: 1, requestedBy: 1 }).lean();
  return new Map(
    all.map((o) => [
      String(o._id),
      { officeCode: String(o._id), state: o.state as OfficeConfirmationState, requestedBy: o.requestedBy ?? null },
    ]),
  );
}

export async function confirmationOffice(officeCode: string): Promise<ConfirmationOffice> {
  const o = await ConfirmationOfficeModel.findById(officeCode, { state: 1, requestedBy: 1 }).lean();
  return { officeCode, state: (o?.state as OfficeConfirmationState) ?? "off", requestedBy: o?.requestedBy ?? null };
}

/**
 * Moves an office's state from `from` to `to` only if it is still `from` (two officers pressing at
 * once: one wins); true when this call made the change.
 */
export async function moveConfirmationOffice(
  officeCode: string,
  from: OfficeConfirmationState,
  to: { state: OfficeConfirmationState; requestedBy?: number | null; decidedBy?: number | null },
  now: Date,
): Promise<boolean> {
  const fields = { ...to, at: now };
  if (from === "off") {
    // "off" is also the state of an office never recorded.
    try {
      const result = await ConfirmationOfficeModel.updateOne(
        { _id: officeCode, state: "off" },
        { $set: fields },
        { upsert: true },
      );
      return result.modifiedCount + result.upsertedCount > 0;
    } catch (error) {
      if (isDuplicateKey(error)) return false;
      throw error;
    }
  }
  const result = await ConfirmationOfficeModel.updateOne({ _id: officeCode, state: from }, { $set: fields });
  return result.modifiedCount > 0;
}

/** The sent confirmation's record; inserting it again changes nothing. */
export async function savePaymentConfirmations(
  records: readonly (PendingConfirmation & { id: string; createdAt: Date })[],
): Promise<void> {
  if (records.length === 0) return;
  const docs = records.map((r) => ({
    _id: r.id,
    householdCode: r.householdCode,
    importBatchId: r.importBatchId,
    officeCode: r.officeCode,
    eventDate: r.eventDate,
    changes: JSON.stringify(r.changes),
    loansBefore: JSON.stringify(r.loansBefore),
    outstanding: r.outstanding,
    createdAt: r.createdAt,
  }));
  await PaymentConfirmationModel.insertMany(docs, { ordered: false, lean: true }).catch((error) => {
    if (!isDuplicateKey(error)) throw error;
  });
}

export interface StoredConfirmation {
  id: string;
  householdCode: string;
  officeCode: string;
  eventDate: LocalDate;
  changes: RecordedChange[];
  loansBefore: LoanBefore[];
  outstanding: number;
  disputedAt: Date | null;
}

export async function paymentConfirmation(id: string): Promise<StoredConfirmation | null> {
  const d = await PaymentConfirmationModel.findById(id).lean();
  if (!d) return null;
  const changes = JSON.parse(d.changes) as RecordedChange[];
  const loansBefore = JSON.parse(d.loansBefore) as LoanBefore[];
  return {
    id: String(d._id),
    householdCode: d.householdCode,
    officeCode: d.officeCode,
    eventDate: d.eventDate,
    changes,
    loansBefore,
    outstanding: d.outstanding,
    disputedAt: d.disputedAt ?? null,
  };
}

/** Marks a confirmation disputed; true only for the first report (a second press reports nothing new). */
export async function markDisputed(id: string, now: Date): Promise<boolean> {
  const result = await PaymentConfirmationModel.updateOne({ _id: id, disputedAt: null }, { $set: { disputedAt: now } });
  return result.modifiedCount > 0;
}
