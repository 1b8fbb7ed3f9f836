import { randomBytes } from "node:crypto";
import type { LocalDate } from "../domain/dates.js";
import {
  canWithdraw,
  type HardshipReason,
  type HardshipStatus,
  type HardshipWhen,
  happenedFrom,
  hardshipReference,
} from "../domain/hardship.js";
import { findByIds } from "./byIds.js";
import { isDuplicateKey } from "./errors.js";
import { forgetHardshipPhotos } from "./hardshipPhotos.js";
import type { HardshipReportRecord } from "./models/hardshipReport.js";
import { HardshipListModel, HardshipReportModel } from "./models/index.js";
import { oneAtATimeOnFerretdb, SerialWrites } from "./serialWrites.js";

/** Hardship reports (models/hardshipReport.ts): every read and write by `_id`. */

export interface NewHardshipReport {
  householdCode: string;
  groupCode: string;
  communeCode: string;
  officeCode: string;
  filedBy: number;
  reason: HardshipReason;
  when: HardshipWhen;
  loanNumber: string | null;
  text: string;
  /** Filed by the group head for a member without a phone: it goes to the officer at once. */
  byHead?: boolean;
  /** How many photos are stored with it (written after it: data/hardshipPhotos.ts). */
  photos?: number;
  locationKept?: boolean;
}

export type HardshipReport = HardshipReportRecord & { status: HardshipStatus };

/**
 * Files a report and returns its reference. The reference joins the household's list before the
 * report is written: a crash in between leaves a listed reference with no report (skipped when read),
 * never a report its borrower cannot see.
 */
export async function fileHardshipReport(report: NewHardshipReport, today: LocalDate, now: Date): Promise<string> {
  for (;;) {
    const reference = hardshipReference(today, randomBytes(4));
    await writeLists(report, { $addToSet: { references: reference } }, true);
    const { byHead, ...fields } = report;
    const status = byHead ? "new" : "awaiting-head";
    try {
      await HardshipReportModel.create({
        _id: reference,
        ...fields,
        happenedFrom: happenedFrom(report.when, today),
        status,
        ...(byHead ? { filedByHead: true, headConfirmed: true } : {}),
        history: [{ at: now, status, by: byHead ? "head" : "borrower" }],
        filedAt: now,
      });
      return reference;
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
  }
}

/** The lists a report is on: its household's, its group head's, and its officers'. */
const listsOf = (r: { householdCode: string; groupCode: string; communeCode: string; officeCode: string }) => [
  r.householdCode,
  `group:${r.groupCode}`,
  `commune:${r.communeCode}`,
  `office:${r.officeCode}`,
  "all",
];

/** The reports on these lists (see the model), newest first. */
export async function reportsOnLists(listIds: readonly string[]): Promise<HardshipReport[]> {
  const lists = await findByIds<{ references?: string[] }>(HardshipListModel, listIds, { references: 1 });
  const references = [...new Set(lists.flatMap((l) => l.references ?? []))];
  const reports = await findByIds<HardshipReport>(HardshipReportModel, references, {});
  return reports.sort((a, b) => b.filedAt.getTime() - a.filedAt.getTime());
}

export async function hardshipReport(reference: string): Promise<HardshipReport | null> {
  return HardshipReportModel.findById(reference).lean<HardshipReport>();
}

/**
 * Moves a report on from the status it was read at (read, checked by the caller, then written with
 * that status in the filter, so that of two people acting at once only one moves it).
 */
export async function moveHardshipReport(
  reference: string,
  from: HardshipStatus,
  change: {
    status: HardshipStatus;
    by: string;
    headConfirmed?: boolean;
    decision?: string;
    decisionNumber?: string;
    missing?: string;
    headNote?: string;
  },
  now: Date,
): Promise<boolean> {
  const { status, by, ...rest } = change;
  const result = await oneAtATimeOnFerretdb(reportWrites, () =>
    HardshipReportModel.updateOne(
      { _id: reference, status: from },
      { $set: { status, ...rest }, $push: { history: { at: now, status, by } } },
    ),
  );
  return result.modifiedCount === 1;
}

/** Statuses after which nothing more happens to a report. */
const CLOSED: ReadonlySet<string> = new Set(["decided", "withdrawn"]);

/** The households of these groups with a report still open (neither decided nor withdrawn). */
export async function openHardshipHouseholds(groupCodes: readonly string[]): Promise<Set<string>> {
  const reports = await reportsOnLists(groupCodes.map((g) => `group:${g}`));
  return new Set(reports.filter((r) => !CLOSED.has(r.status)).map((r) => r.householdCode));
}

/** The household's reports, newest first. */
export async function hardshipReportsOf(householdCode: string): Promise<HardshipReport[]> {
  return (await reportsOnLists([householdCode])).filter((r) => r.householdCode === householdCode);
}

export type WithdrawOutcome = "withdrawn" | "not-found" | "too-late";

/**
 * Withdraws a report of this household: one it does not own reads as not found. The status is
 * checked on the stored report, then written by `_id` with the status it was read at, so two
 * presses (or a change by an officer in between) cannot both win.
 */
export async function withdrawHardshipReport(
  householdCode: string,
  reference: string,
  now: Date,
): Promise<WithdrawOutcome> {
  const report = await HardshipReportModel.findById(reference).lean();
  if (!report || report.householdCode !== householdCode) return "not-found";
  if (!canWithdraw(report.status as HardshipStatus)) return "too-late";
  const result = await oneAtATimeOnFerretdb(reportWrites, () =>
    HardshipReportModel.updateOne(
      { _id: reference, status: report.status },
      { $set: { status: "withdrawn" }, $push: { history: { at: now, status: "withdrawn", by: "borrower" } } },
    ),
  );
  return result.modifiedCount === 1 ? "withdrawn" : "too-late";
}

/** /deletemydata: the reports this Telegram user filed for the household are removed, and their references. */
export async function forgetHardshipReports(householdCode: string, telegramUserId: number): Promise<number> {
  const mine = (await hardshipReportsOf(householdCode)).filter((r) => r.filedBy === telegramUserId);
  for (const report of mine) await removeReport(report);
  return mine.length;
}

/**
 * Retention: reports decided or withdrawn before `before` are removed with their photos and
 * references (the audit log keeps that they existed: codes and references, no words).
 */
export async function forgetClosedHardshipReports(before: Date): Promise<number> {
  const closed = (await reportsOnLists(["all"])).filter(
    (r) => CLOSED.has(r.status) && (r.history.at(-1)?.at ?? r.filedAt).getTime() < before.getTime(),
  );
  for (const report of closed) await removeReport(report);
  return closed.length;
}

/**
 * Photos, then the report, then its references: cut off anywhere, what is left is either still a
 * listed report (removed again next time) or a reference to nothing, which reads as nothing.
 */
async function removeReport(report: HardshipReport): Promise<void> {
  await forgetHardshipPhotos(report._id);
  await HardshipReportModel.deleteOne({ _id: report._id });
  await writeLists(report, { $pullAll: { references: [report._id] } }, false);
}

/** On FerretDB the lists are written one command at a time (writeLists), and so are status changes. */
const listWrites = new SerialWrites();
const reportWrites = new SerialWrites();

/**
 * One command for a report's lists, each statement by `_id`. The "all", office and commune lists are
 * shared by every report filed there: on FerretDB v1, upserts of one document at once fail with a
 * duplicate key or hang (bench:hardship hung with 50 borrowers filing at once), so there they are
 * written one command at a time. On MongoDB two first upserts of one list can also meet on the
 * unique `_id`: the loser tries again, and finds the list.
 */
async function writeLists(
  report: Parameters<typeof listsOf>[0],
  update: Record<string, unknown>,
  upsert: boolean,
): Promise<void> {
  const write = () =>
    HardshipListModel.bulkWrite(
      listsOf(report).map((_id) => ({ updateOne: { filter: { _id }, update, upsert } })),
      { ordered: false },
    );
  for (let attempt = 1; ; attempt++) {
    try {
      await oneAtATimeOnFerretdb(listWrites, write);
      return;
    } catch (error) {
      if (!isDuplicateKey(error) || attempt >= 3) throw error;
    }
  }
}
