import { groupNames } from "../../data/book.js";
import {
  householdCodesIn,
  linkedHouseholdCodes,
  lockoutsSince,
  type OutcomePlaces,
  overdueSnapshots,
  phoneMessagesSent,
  reminderOutcomeTotals,
} from "../../data/stats.js";
import { allUnreachable } from "../../data/unreachable.js";
import { type ChannelCost, type ChannelPrices, priceUsage, tallyUsage } from "../../domain/costs.js";
import { addDays, type LocalDate } from "../../domain/dates.js";
import type { Dong } from "../../domain/money.js";
import { pointInScope } from "../../domain/scope.js";
import { lastWeeks, type OverdueByPlace, topByAmount } from "../../domain/stats.js";
import { inScope, type Scope } from "../../staff/roles.js";
import { overdueTotals, readStructure, type Structure, writeOverdueSnapshot } from "./overdue.js";

export { type OverdueLoan, recordOverdueSnapshot } from "./overdue.js";

export interface CommuneOverdue extends OverdueByPlace {
  name: string;
}

export interface PointOverdue extends OverdueByPlace {
  name: string;
  communeName: string;
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
  /** Empty for an officer scoped to points (a commune's total is wider than the scope). */
  overdueByCommune: CommuneOverdue[];
  /** Overdue by transaction point, where the scope has a commune with several points or is points. */
  overdueByPoint: PointOverdue[];
  topGroups: GroupOverdue[];
  /** Oldest week first; null where no snapshot was taken that week. */
  trend: { weekStart: LocalDate; amount: Dong | null }[];
  /** Customer codes in scope whose linking was locked out in the last 24 hours (someone guessing). */
  codesUnderAttack: string[];
  /** SMS and Zalo sent in the last 30 days, per commune in scope and channel, with their cost. */
  phoneCosts: (ChannelCost & { communeName: string })[];
}

/** Households in scope whose customer code was locked out for linking since `since`. */
async function codesLockedOut(scope: Scope, since: Date): Promise<string[]> {
  const codes = (await lockoutsSince(since))
    .filter(
      (l) =>
        l.communeCode &&
        l.officeCode &&
        inScope(scope, { communeCode: l.communeCode, officeCode: l.officeCode, groupCode: l.groupCode }),
    )
    .map((l) => l.customerCode);
  return [...new Set(codes)].sort();
}

const NOT_DELIVERED = ["failed", "unreachable", "uncertain", "expired"];

/** SMS and Zalo messages sent for the plan dates from..to in these places, counted and priced. */
export async function phoneCostsIn(
  places: OutcomePlaces,
  from: LocalDate,
  to: LocalDate,
  prices: ChannelPrices,
): Promise<ChannelCost[]> {
  const sent = await phoneMessagesSent(from, to);
  const codes = places ? new Set(places.codes) : null;
  const within = codes && places ? sent.filter((s) => codes.has(s[places.field] ?? "")) : sent;
  return priceUsage(tallyUsage(within), prices);
}

const NO_PRICES: ChannelPrices = { smsPerSegment: null, znsPerMessage: null };

/** Where a scope's deliveries are counted: its communes, or for points its groups. */
function outcomePlaces(scope: Scope, communesInScope: readonly string[]): OutcomePlaces {
  if (scope.kind === "all") return null;
  if (scope.kind === "points") return { field: "groupCode", codes: [...scope.groups] };
  return { field: "communeCode", codes: communesInScope };
}

/** The week's overdue in scope: one figure per week, from the communes' rows or the points'. */
export function trendOf(scope: Scope, weeks: LocalDate[], snapshots: Awaited<ReturnType<typeof overdueSnapshots>>) {
  const byWeek = new Map<string, number>();
  for (const s of snapshots) {
    const counts =
      scope.kind === "points"
        ? s.pointCode !== null && scope.codes.includes(s.pointCode)
        : s.pointCode === null && inScope(scope, s);
    if (counts) byWeek.set(s.weekStart, (byWeek.get(s.weekStart) ?? 0) + s.amount);
  }
  return weeks.map((w) => ({ weekStart: w, amount: byWeek.get(w) ?? null }));
}

/** Overdue by point, shown where it says more than by commune: a commune in scope with several points. */
function overdueByPoint(scope: Scope, structure: Structure, totals: Awaited<ReturnType<typeof overdueTotals>>) {
  const points = structure.points.filter((p) => pointInScope(scope, p));
  const perCommune = new Map<string, number>();
  for (const p of points) perCommune.set(p.communeCode, (perCommune.get(p.communeCode) ?? 0) + 1);
  if (scope.kind !== "points" && ![...perCommune.values()].some((n) => n > 1)) return [];
  return topByAmount(
    points.map((p) => ({
      code: p.code,
      name: p.name,
      communeName: p.communeName,
      amount: totals.byPoint.get(p.code)?.amount ?? 0,
      count: totals.byPoint.get(p.code)?.count ?? 0,
    })),
    Number.MAX_SAFE_INTEGER,
  );
}

/** The figures behind /stats, within an officer's scope. */
export async function computeStats(
  scope: Scope,
  today: LocalDate,
  prices = NO_PRICES,
  now = new Date(),
): Promise<Stats> {
  const weeks = lastWeeks(today, 8);
  // One read of the overdue loans serves both this week's snapshot and the figures in scope.
  const structure = await readStructure();
  const totals = await overdueTotals(structure);
  await writeOverdueSnapshot(today, totals, structure, now);
  const communes = structure.communes;
  const overdue = {
    byCommune: [...totals.byCommune].filter(([, t]) => scope.kind !== "points" && inScope(scope, t)),
    byGroup: [...totals.byGroup].filter(([, t]) => inScope(scope, t)),
  };
  const communesInScope = communes
    .filter((c) => inScope(scope, { communeCode: c.code, officeCode: c.officeCode }))
    .map((c) => c.code);
  const places = outcomePlaces(scope, communesInScope);
  const [inScopeHouseholds, linkedCodes, outcomes, unreachableChats, snapshots, phoneCosts] = await Promise.all([
    householdCodesIn(scope),
    linkedHouseholdCodes(),
    reminderOutcomeTotals(places, addDays(today, -6), today),
    allUnreachable(),
    overdueSnapshots(weeks),
    phoneCostsIn(places, addDays(today, -29), today, prices),
  ]);
  const linked = [...linkedCodes].filter((code) => inScopeHouseholds.has(code)).length;
  const communeName = new Map(communes.map((c) => [c.code, c.name]));
  const topGroups = topByAmount(
    overdue.byGroup.map(([code, g]) => ({ code, communeCode: g.communeCode, amount: g.amount, count: g.count })),
    10,
  );
  const groupName = await groupNames(topGroups.map((g) => g.code));
  return {
    households: inScopeHouseholds.size,
    linked,
    remindersSent: outcomes.get("sent") ?? 0,
    remindersFailed: NOT_DELIVERED.reduce((sum, outcome) => sum + (outcomes.get(outcome) ?? 0), 0),
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
    overdueByPoint: overdueByPoint(scope, structure, totals),
    topGroups: topGroups.map((g) => ({
      ...g,
      name: groupName.get(g.code) ?? g.code,
      communeName: communeName.get(g.communeCode) ?? g.communeCode,
    })),
    trend: trendOf(scope, weeks, snapshots),
    codesUnderAttack: await codesLockedOut(scope, new Date(now.getTime() - 24 * 3_600_000)),
    phoneCosts: phoneCosts.map((c) => ({ ...c, communeName: communeName.get(c.communeCode) ?? c.communeCode })),
  };
}
