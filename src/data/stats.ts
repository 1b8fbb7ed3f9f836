import type { LocalDate } from "../domain/dates.js";
import type { Scope } from "../domain/scope.js";
import {
  BorrowerAccountModel,
  DeliveryOutcomeModel,
  HouseholdModel,
  LinkLockoutModel,
  LoanModel,
  OverdueSnapshotModel,
} from "./models/index.js";
import { scopeFilter } from "./scope.js";

/**
 * The reads behind /stats and the weekly overdue snapshot. Deliberately whole reads filtered in
 * memory (on the allow-list of the index-coverage test): they run on an officer's request, not per
 * update, and on FerretDB any other filter would read the whole collection too.
 */

/** Lock-outs of real households' codes since `since` (index `at`). */
export async function lockoutsSince(since: Date) {
  const lockouts = await LinkLockoutModel.find(
    { at: { $gte: since }, customerCode: { $ne: null } },
    { customerCode: 1, communeCode: 1, officeCode: 1, groupCode: 1 },
  ).lean();
  return lockouts.map((l) => ({
    customerCode: String(l.customerCode),
    communeCode: l.communeCode ?? null,
    officeCode: l.officeCode ?? null,
    groupCode: l.groupCode ?? null,
  }));
}

/** Open loans with overdue principal, with their place. Few, since overdue debt is kept near zero. */
export async function overdueLoans() {
  const loans = await LoanModel.find(
    { status: "open", overduePrincipal: { $gt: 0 } },
    { communeCode: 1, officeCode: 1, groupCode: 1, overduePrincipal: 1 },
  ).lean();
  return loans.map((l) => ({
    communeCode: l.communeCode,
    officeCode: l.officeCode,
    groupCode: l.groupCode,
    overduePrincipal: l.overduePrincipal,
  }));
}

const SNAPSHOT_WRITES_PER_COMMAND = 50;

export interface SnapshotRow {
  communeCode: string;
  officeCode: string;
  /** A point's row; null (or absent) for a commune's. */
  pointCode?: string | null;
  amount: number;
  count: number;
}

/**
 * Writes one week's overdue figure per commune (`_id` = "<week>:<commune>") and per point
 * ("<week>:p:<point>"), so a second write replaces.
 */
export async function saveOverdueSnapshot(week: LocalDate, rows: readonly SnapshotRow[], now: Date): Promise<void> {
  const ops = rows.map((r) => ({
    updateOne: {
      filter: { _id: r.pointCode ? `${week}:p:${r.pointCode}` : `${week}:${r.communeCode}` },
      update: { $set: { weekStart: week, ...r, pointCode: r.pointCode ?? null, takenAt: now } },
      upsert: true,
    },
  }));
  // FerretDB v1 on SQLite keeps each statement's read open until the whole update command ends and
  // has 100 connections: a command of 100 or more updates that match a document never returns, and
  // leaves the server stuck. So the updates go in commands of fewer than that (on MongoDB too: the
  // snapshot is a few thousand communes at most).
  for (let i = 0; i < ops.length; i += SNAPSHOT_WRITES_PER_COMMAND) {
    await OverdueSnapshotModel.bulkWrite(ops.slice(i, i + SNAPSHOT_WRITES_PER_COMMAND), { ordered: false });
  }
}

/** The snapshots of these weeks (index `weekStart`). */
export async function overdueSnapshots(weeks: readonly LocalDate[]) {
  const snapshots = await OverdueSnapshotModel.find({ weekStart: { $in: weeks } }).lean();
  return snapshots.map((s) => ({
    weekStart: s.weekStart as LocalDate,
    communeCode: s.communeCode,
    officeCode: s.officeCode,
    pointCode: s.pointCode ?? null,
    amount: s.amount,
  }));
}

/** The codes of the households within a scope (index `communeCode`, or a whole read for offices and all). */
export async function householdCodesIn(scope: Scope): Promise<Set<string>> {
  const households = await HouseholdModel.find(scopeFilter(scope), { _id: 1 }).lean();
  return new Set(households.map((h) => String(h._id)));
}

/** Households with at least one Telegram link. */
export async function linkedHouseholdCodes(): Promise<Set<string>> {
  const accounts = await BorrowerAccountModel.find({}, { telegramLinks: 1 }).lean();
  return new Set(accounts.filter((a) => a.telegramLinks.length > 0).map((a) => String(a._id)));
}

/** Where outcomes are counted: everywhere (null), in some communes, or in some groups (a points scope). */
export type OutcomePlaces = { field: "communeCode" | "groupCode"; codes: readonly string[] } | null;

/**
 * Reminder outcomes of the plan dates from..to, by outcome, in these places (null: everywhere).
 * Served by the `planDate, outcome` index on MongoDB.
 */
export async function reminderOutcomeTotals(
  places: OutcomePlaces,
  from: LocalDate,
  to: LocalDate,
): Promise<Map<string, number>> {
  const rows = await DeliveryOutcomeModel.aggregate<{ _id: string; n: number }>([
    {
      $match: {
        planDate: { $gte: from, $lte: to },
        source: "reminders",
        ...(places ? { [places.field]: { $in: places.codes } } : {}),
      },
    },
    { $group: { _id: "$outcome", n: { $sum: 1 } } },
  ]);
  return new Map(rows.map((r) => [r._id, r.n]));
}

/**
 * The SMS and Zalo messages sent for plan dates from..to, with their commune and segments (costs).
 * Served by the `planDate, outcome` index on MongoDB; the other channels are left out in memory.
 */
export async function phoneMessagesSent(
  from: LocalDate,
  to: LocalDate,
): Promise<
  { communeCode: string | null; groupCode: string | null; channel: string; segments: number; inDoubt: boolean }[]
> {
  // Sent, and in doubt: a message whose fate is unknown may have been taken, and billed.
  const sent = await DeliveryOutcomeModel.find(
    { planDate: { $gte: from, $lte: to }, outcome: { $in: ["sent", "uncertain"] } },
    { _id: 0, communeCode: 1, groupCode: 1, channel: 1, segments: 1, outcome: 1 },
  ).lean();
  return sent
    .filter((o) => o.channel === "sms" || o.channel === "zns")
    .map((o) => ({
      communeCode: o.communeCode ?? null,
      groupCode: o.groupCode ?? null,
      channel: o.channel as string,
      segments: o.segments ?? 1,
      inDoubt: o.outcome === "uncertain",
    }));
}
