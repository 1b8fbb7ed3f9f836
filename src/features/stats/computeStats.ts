import { communeNames, groupNames } from "../../data/book.js";
import {
  householdCodesIn,
  linkedHouseholdCodes,
  lockoutsSince,
  overdueLoans,
  overdueSnapshots,
  phoneMessagesSent,
  reminderOutcomeTotals,
  saveOverdueSnapshot,
} from "../../data/stats.js";
import { allUnreachable } from "../../data/unreachable.js";
import { type ChannelCost, type ChannelPrices, priceUsage, tallyUsage } from "../../domain/costs.js";
import { addDays, type LocalDate } from "../../domain/dates.js";
import type { Dong } from "../../domain/money.js";
import { lastWeeks, type OverdueByPlace, topByAmount, weekStart } from "../../domain/stats.js";
import { inScope, type Scope } from "../../staff/roles.js";

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
  /** SMS and Zalo sent in the last 30 days, per commune in scope and channel, with their cost. */
  phoneCosts: (ChannelCost & { communeName: string })[];
}

/** Households in scope whose customer code was locked out for linking since `since`. */
async function codesLockedOut(scope: Scope, since: Date): Promise<string[]> {
  const codes = (await lockoutsSince(since))
    .filter(
      (l) => l.communeCode && l.officeCode && inScope(scope, { communeCode: l.communeCode, officeCode: l.officeCode }),
    )
    .map((l) => l.customerCode);
  return [...new Set(codes)].sort();
}

const NOT_DELIVERED = ["failed", "unreachable", "uncertain", "expired"];

/**
 * Overdue loans of the whole bank, summed by commune and by group in memory (callers narrow to a
 * scope). Overdue loans are few (the whole point is to keep them near zero), and FerretDB v1 gets a
 * $group with two accumulators wrong (the second comes back 0), so this is both simpler and correct
 * on both servers.
 */
export type OverdueLoan = Awaited<ReturnType<typeof overdueLoans>>[number];

async function overdueTotals(known?: readonly OverdueLoan[]) {
  const loans = known ?? (await overdueLoans());
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

/**
 * Writes this week's overdue debt per commune: the history behind the trend. Communes with nothing
 * overdue are recorded as 0, so a week that was cleared shows as 0, not a gap.
 */
async function writeOverdueSnapshot(
  today: LocalDate,
  totals: Awaited<ReturnType<typeof overdueTotals>>,
  communes: readonly { code: string; officeCode: string }[],
  now: Date,
): Promise<void> {
  const rows = communes.map((c) => {
    const row = totals.byCommune.get(c.code);
    return { communeCode: c.code, officeCode: c.officeCode, amount: row?.amount ?? 0, count: row?.count ?? 0 };
  });
  await saveOverdueSnapshot(weekStart(today), rows, now);
}

/** Records this week's overdue snapshot (after an import, which may hand over the overdue loans it knows). */
export async function recordOverdueSnapshot(
  today: LocalDate,
  now = new Date(),
  overdue?: readonly OverdueLoan[],
): Promise<void> {
  const [totals, communes] = await Promise.all([overdueTotals(overdue), communeNames()]);
  await writeOverdueSnapshot(today, totals, communes, now);
}

/** SMS and Zalo messages sent for the plan dates from..to in these communes, counted and priced. */
export async function phoneCostsIn(
  communeCodes: ReadonlySet<string> | null,
  from: LocalDate,
  to: LocalDate,
  prices: ChannelPrices,
): Promise<ChannelCost[]> {
  const sent = await phoneMessagesSent(from, to);
  const inScope = communeCodes ? sent.filter((s) => s.communeCode && communeCodes.has(s.communeCode)) : sent;
  return priceUsage(tallyUsage(inScope), prices);
}

const NO_PRICES: ChannelPrices = { smsPerSegment: null, znsPerMessage: null };

/** The figures behind /stats, within an officer's scope. */
export async function computeStats(
  scope: Scope,
  today: LocalDate,
  prices = NO_PRICES,
  now = new Date(),
): Promise<Stats> {
  const weeks = lastWeeks(today, 8);
  // One read of the overdue loans serves both this week's snapshot and the figures in scope.
  const [communes, totals] = await Promise.all([communeNames(), overdueTotals()]);
  await writeOverdueSnapshot(today, totals, communes, now);
  const overdue = {
    byCommune: [...totals.byCommune].filter(([, t]) => inScope(scope, t)),
    byGroup: [...totals.byGroup].filter(([, t]) => inScope(scope, t)),
  };
  const communesInScope = communes
    .filter((c) => inScope(scope, { communeCode: c.code, officeCode: c.officeCode }))
    .map((c) => c.code);
  const [inScopeHouseholds, linkedCodes, outcomes, unreachableChats, snapshots, phoneCosts] = await Promise.all([
    householdCodesIn(scope),
    linkedHouseholdCodes(),
    reminderOutcomeTotals(scope.kind === "all" ? null : communesInScope, addDays(today, -6), today),
    allUnreachable(),
    overdueSnapshots(weeks),
    phoneCostsIn(scope.kind === "all" ? null : new Set(communesInScope), addDays(today, -29), today, prices),
  ]);
  const linked = [...linkedCodes].filter((code) => inScopeHouseholds.has(code)).length;
  const communeName = new Map(communes.map((c) => [c.code, c.name]));
  const topGroups = topByAmount(
    overdue.byGroup.map(([code, g]) => ({ code, communeCode: g.communeCode, amount: g.amount, count: g.count })),
    10,
  );
  const groupName = await groupNames(topGroups.map((g) => g.code));
  const trendByWeek = new Map<string, number>();
  for (const s of snapshots) {
    if (!inScope(scope, s)) continue;
    trendByWeek.set(s.weekStart, (trendByWeek.get(s.weekStart) ?? 0) + s.amount);
  }
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
    topGroups: topGroups.map((g) => ({
      ...g,
      name: groupName.get(g.code) ?? g.code,
      communeName: communeName.get(g.communeCode) ?? g.communeCode,
    })),
    trend: weeks.map((w) => ({ weekStart: w, amount: trendByWeek.get(w) ?? null })),
    codesUnderAttack: await codesLockedOut(scope, new Date(now.getTime() - 24 * 3_600_000)),
    phoneCosts: phoneCosts.map((c) => ({ ...c, communeName: communeName.get(c.communeCode) ?? c.communeCode })),
  };
}
