import {
  BorrowerAccountModel,
  CommuneModel,
  DeliveryOutcomeModel,
  GroupModel,
  HouseholdModel,
  LinkLockoutModel,
  LoanModel,
  OverdueSnapshotModel,
  UnreachableChatModel,
} from "../db/models/index.js";
import { addDays, type LocalDate } from "../domain/dates.js";
import type { Dong } from "../domain/money.js";
import { lastWeeks, type OverdueByPlace, topByAmount, weekStart } from "../domain/stats.js";
import { inScope, type Scope, scopeFilter } from "./staff.js";

export interface CommuneOverdue extends OverdueByPlace {
  name: string;
}

export interface GroupOverdue extends OverdueByPlace {
  name: string;
  communeName: string;
}

export interface Stats {
  households: number;
  linked: number;
  remindersSent: number;
  remindersFailed: number;
  unreachable: number;
  overdueByCommune: CommuneOverdue[];
  topGroups: GroupOverdue[];
  /** Oldest week first; null where no snapshot was taken that week. */
  trend: { weekStart: LocalDate; amount: Dong | null }[];
  /** Customer codes in scope whose linking was locked out in the last 24 hours (someone guessing). */
  codesUnderAttack: string[];
}

/** Households in scope whose customer code was locked out for linking since `since`. */
async function codesLockedOut(scope: Scope, since: Date): Promise<string[]> {
  const lockouts = await LinkLockoutModel.find(
    { at: { $gte: since }, customerCode: { $ne: null } },
    { customerCode: 1, communeCode: 1, officeCode: 1 },
  ).lean();
  const codes = lockouts
    .filter(
      (l) => l.communeCode && l.officeCode && inScope(scope, { communeCode: l.communeCode, officeCode: l.officeCode }),
    )
    .map((l) => String(l.customerCode));
  return [...new Set(codes)].sort();
}

const NOT_DELIVERED = ["failed", "unreachable", "uncertain", "expired"];

/**
 * Overdue loans of the whole bank, summed by commune and by group in memory (callers narrow to a
 * scope). Overdue loans are few (the whole point is to keep them near zero), and FerretDB v1 gets a
 * $group with two accumulators wrong (the second comes back 0), so this is both simpler and correct
 * on both servers.
 */
async function overdueTotals() {
  const loans = await LoanModel.find(
    { status: "open", overduePrincipal: { $gt: 0 } },
    { communeCode: 1, officeCode: 1, groupCode: 1, overduePrincipal: 1 },
  ).lean();
  type Total = { communeCode: string; officeCode: string; amount: number; count: number };
  const byCommune = new Map<string, Total>();
  const byGroup = new Map<string, Total>();
  for (const l of loans) {
    for (const [map, key] of [
      [byCommune, l.communeCode],
      [byGroup, l.groupCode],
    ] as const) {
      const t = map.get(key) ?? { communeCode: l.communeCode, officeCode: l.officeCode, amount: 0, count: 0 };
      t.amount += l.overduePrincipal;
      t.count++;
      map.set(key, t);
    }
  }
  return { byCommune, byGroup };
}

const SNAPSHOT_WRITES_PER_COMMAND = 50;

/**
 * Writes this week's overdue debt per commune (one upsert each): the history behind the trend.
 * Communes with nothing overdue are recorded as 0, so a week that was cleared shows as 0, not a gap.
 */
async function writeOverdueSnapshot(
  today: LocalDate,
  totals: Awaited<ReturnType<typeof overdueTotals>>,
  communes: readonly { _id: unknown; officeCode: string }[],
  now: Date,
): Promise<void> {
  const week = weekStart(today);
  const ops = communes.map((c) => {
    const row = totals.byCommune.get(String(c._id));
    return {
      updateOne: {
        filter: { _id: `${week}:${c._id}` },
        update: {
          $set: {
            weekStart: week,
            communeCode: String(c._id),
            officeCode: c.officeCode,
            amount: row?.amount ?? 0,
            count: row?.count ?? 0,
            takenAt: now,
          },
        },
        upsert: true,
      },
    };
  });
  // FerretDB v1 on SQLite keeps each statement's read open until the whole update command ends and
  // has 100 connections: a command of 100 or more updates that match a document never returns, and
  // leaves the server stuck. So the updates go in commands of fewer than that.
  for (let i = 0; i < ops.length; i += SNAPSHOT_WRITES_PER_COMMAND) {
    await OverdueSnapshotModel.bulkWrite(ops.slice(i, i + SNAPSHOT_WRITES_PER_COMMAND), { ordered: false });
  }
}

/** Records this week's overdue snapshot (after an import). */
export async function recordOverdueSnapshot(today: LocalDate, now = new Date()): Promise<void> {
  const [totals, communes] = await Promise.all([overdueTotals(), CommuneModel.find({}, { officeCode: 1 }).lean()]);
  await writeOverdueSnapshot(today, totals, communes, now);
}

/** The figures behind /stats, within an officer's scope. */
export async function computeStats(scope: Scope, today: LocalDate): Promise<Stats> {
  const weeks = lastWeeks(today, 8);
  // One read of the overdue loans serves both this week's snapshot and the figures in scope.
  const [communes, totals] = await Promise.all([
    CommuneModel.find({}, { name: 1, officeCode: 1 }).lean(),
    overdueTotals(),
  ]);
  await writeOverdueSnapshot(today, totals, communes, new Date());
  const overdue = {
    byCommune: [...totals.byCommune].filter(([, t]) => inScope(scope, t)),
    byGroup: [...totals.byGroup].filter(([, t]) => inScope(scope, t)),
  };
  const communesInScope = communes
    .filter((c) => inScope(scope, { communeCode: String(c._id), officeCode: c.officeCode }))
    .map((c) => String(c._id));
  const outcomeScope = scope.kind === "all" ? {} : { communeCode: { $in: communesInScope } };
  const [households, accounts, outcomes, unreachableChats, snapshots] = await Promise.all([
    HouseholdModel.find(scopeFilter(scope), { _id: 1 }).lean(),
    BorrowerAccountModel.find({}, { telegramLinks: 1 }).lean(),
    DeliveryOutcomeModel.aggregate<{ _id: string; n: number }>([
      {
        $match: { $and: [outcomeScope, { source: "reminders", planDate: { $gte: addDays(today, -6), $lte: today } }] },
      },
      { $group: { _id: "$outcome", n: { $sum: 1 } } },
    ]),
    UnreachableChatModel.find({}, { householdCode: 1 }).lean(),
    OverdueSnapshotModel.find({ weekStart: { $in: weeks } }).lean(),
  ]);
  const inScopeHouseholds = new Set(households.map((h) => String(h._id)));
  const linked = accounts.filter((a) => a.telegramLinks.length > 0 && inScopeHouseholds.has(String(a._id))).length;
  const communeName = new Map(communes.map((c) => [String(c._id), c.name]));
  const topGroups = topByAmount(
    overdue.byGroup.map(([code, g]) => ({ code, communeCode: g.communeCode, amount: g.amount, count: g.count })),
    10,
  );
  const groupNames = new Map(
    (await GroupModel.find({ _id: { $in: topGroups.map((g) => g.code) } }, { name: 1 }).lean()).map((g) => [
      String(g._id),
      g.name,
    ]),
  );
  const trendByWeek = new Map<string, number>();
  for (const s of snapshots) {
    if (!inScope(scope, s)) continue;
    trendByWeek.set(s.weekStart, (trendByWeek.get(s.weekStart) ?? 0) + s.amount);
  }
  return {
    households: households.length,
    linked,
    remindersSent: outcomes.find((o) => o._id === "sent")?.n ?? 0,
    remindersFailed: outcomes.filter((o) => NOT_DELIVERED.includes(o._id)).reduce((s, o) => s + o.n, 0),
    unreachable: unreachableChats.filter((u) => u.householdCode && inScopeHouseholds.has(u.householdCode)).length,
    overdueByCommune: topByAmount(
      overdue.byCommune.map(([code, c]) => ({
        code,
        name: communeName.get(code) ?? code,
        amount: c.amount,
        count: c.count,
      })),
      Number.MAX_SAFE_INTEGER,
    ),
    topGroups: topGroups.map((g) => ({
      ...g,
      name: groupNames.get(g.code) ?? g.code,
      communeName: communeName.get(g.communeCode) ?? g.communeCode,
    })),
    trend: weeks.map((w) => ({ weekStart: w, amount: trendByWeek.get(w) ?? null })),
    codesUnderAttack: await codesLockedOut(scope, new Date(Date.now() - 24 * 3_600_000)),
  };
}
