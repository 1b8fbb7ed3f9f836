import {
  BorrowerAccountModel,
  CommuneModel,
  DeliveryOutcomeModel,
  GroupModel,
  HouseholdModel,
  LoanModel,
  OverdueSnapshotModel,
  UnreachableChatModel,
} from "../db/models/index.js";
import { addDays, type LocalDate } from "../domain/dates.js";
import type { Dong } from "../domain/money.js";
import { lastWeeks, type OverdueByPlace, topByAmount, weekStart } from "../domain/stats.js";
import { inScope, type Scope } from "./staff.js";

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
}

const NOT_DELIVERED = ["failed", "unreachable", "uncertain", "expired"];

function scopeFilter(scope: Scope): Record<string, unknown> {
  if (scope.kind === "all") return {};
  return scope.kind === "offices" ? { officeCode: { $in: scope.codes } } : { communeCode: { $in: scope.codes } };
}

/**
 * Overdue loans in scope, summed by commune and by group in memory. Overdue loans are few (the
 * whole point is to keep them near zero), and FerretDB v1 gets a $group with two accumulators wrong
 * (the second comes back 0), so this is both simpler and correct on both servers.
 */
async function overdueTotals(scope: Scope) {
  const loans = await LoanModel.find(
    { $and: [scopeFilter(scope), { status: "open", overduePrincipal: { $gt: 0 } }] },
    { communeCode: 1, officeCode: 1, groupCode: 1, overduePrincipal: 1 },
  ).lean();
  const byCommune = new Map<string, { officeCode: string; amount: number; count: number }>();
  const byGroup = new Map<string, { communeCode: string; amount: number; count: number }>();
  for (const l of loans) {
    const c = byCommune.get(l.communeCode) ?? { officeCode: l.officeCode, amount: 0, count: 0 };
    c.amount += l.overduePrincipal;
    c.count++;
    byCommune.set(l.communeCode, c);
    const g = byGroup.get(l.groupCode) ?? { communeCode: l.communeCode, amount: 0, count: 0 };
    g.amount += l.overduePrincipal;
    g.count++;
    byGroup.set(l.groupCode, g);
  }
  return { byCommune, byGroup };
}

/**
 * Records this week's overdue debt per commune (one upsert each): the history behind the trend.
 * Communes with nothing overdue are recorded as 0, so a week that was cleared shows as 0, not a gap.
 */
export async function recordOverdueSnapshot(today: LocalDate, now = new Date()): Promise<void> {
  const week = weekStart(today);
  const [{ byCommune }, communes] = await Promise.all([
    overdueTotals({ kind: "all" }),
    CommuneModel.find({}, { officeCode: 1 }).lean(),
  ]);
  const ops = communes.map((c) => {
    const row = byCommune.get(String(c._id));
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
  if (ops.length > 0) await OverdueSnapshotModel.bulkWrite(ops, { ordered: false });
}

/** The figures behind /stats, within an officer's scope. */
export async function computeStats(scope: Scope, today: LocalDate): Promise<Stats> {
  await recordOverdueSnapshot(today);
  const weeks = lastWeeks(today, 8);
  const communes = await CommuneModel.find({}, { name: 1, officeCode: 1 }).lean();
  const communesInScope = communes
    .filter((c) => inScope(scope, { communeCode: String(c._id), officeCode: c.officeCode }))
    .map((c) => String(c._id));
  const outcomeScope = scope.kind === "all" ? {} : { communeCode: { $in: communesInScope } };
  const [households, accounts, outcomes, unreachableChats, overdue, snapshots] = await Promise.all([
    HouseholdModel.find(scopeFilter(scope), { _id: 1 }).lean(),
    BorrowerAccountModel.find({}, { telegramLinks: 1 }).lean(),
    DeliveryOutcomeModel.aggregate<{ _id: string; n: number }>([
      {
        $match: { $and: [outcomeScope, { source: "reminders", planDate: { $gte: addDays(today, -6), $lte: today } }] },
      },
      { $group: { _id: "$outcome", n: { $sum: 1 } } },
    ]),
    UnreachableChatModel.find({}, { householdCode: 1 }).lean(),
    overdueTotals(scope),
    OverdueSnapshotModel.find({ weekStart: { $in: weeks } }).lean(),
  ]);
  const inScopeHouseholds = new Set(households.map((h) => String(h._id)));
  const linked = accounts.filter((a) => a.telegramLinks.length > 0 && inScopeHouseholds.has(String(a._id))).length;
  const communeName = new Map(communes.map((c) => [String(c._id), c.name]));
  const topGroups = topByAmount(
    [...overdue.byGroup].map(([code, g]) => ({ code, communeCode: g.communeCode, amount: g.amount, count: g.count })),
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
      [...overdue.byCommune].map(([code, c]) => ({
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
  };
}
