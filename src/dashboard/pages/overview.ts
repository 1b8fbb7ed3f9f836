import { calendarOf, loadHolidays } from "../../catalogue/load.js";
import { outcomeTotalsOf } from "../../data/broadcasts.js";
import { broadcastsSince } from "../../data/dashboard.js";
import { householdsOfDeliveries } from "../../data/outbox.js";
import { overdueSnapshots } from "../../data/stats.js";
import { addDays, formatDateVi, type LocalDate, vietnamDate } from "../../domain/dates.js";
import { queueView } from "../../domain/hardship.js";
import { formatVnd } from "../../domain/money.js";
import { inScope, pointInScope, type Scope } from "../../domain/scope.js";
import { lastWeeks } from "../../domain/stats.js";
import { nextSessionOf } from "../../domain/transactionPoint.js";
import { reportsInScope } from "../../features/hardship/scope.js";
import { trendOf } from "../../features/stats/computeStats.js";
import type { OverdueTotals, Structure } from "../../features/stats/overdue.js";
import type { BookView, DeliveryTally } from "../cache.js";

const WEEK_DAYS = 7;
const TREND_WEEKS = 8;

/** Each point in scope: its next session within the week (if any) and its overdue. */
function pointsOf(scope: Scope, structure: Structure, totals: OverdueTotals, today: LocalDate) {
  const calendar = calendarOf(loadHolidays());
  const weekEnd = addDays(today, WEEK_DAYS - 1);
  const communeName = new Map(structure.communes.map((c) => [c.code, c.name]));
  return structure.points
    .filter((p) => pointInScope(scope, p))
    .map((p) => {
      const next = nextSessionOf(today, p, calendar);
      const overdue = totals.byPoint.get(p.code);
      return {
        code: p.code,
        name: p.name,
        commune: communeName.get(p.communeCode) ?? p.communeCode,
        place: p.place,
        sessionThisWeek: next <= weekEnd ? formatDateVi(next) : null,
        sessionSort: next,
        overdueAmount: overdue?.amount ?? 0,
        overdue: formatVnd(overdue?.amount ?? 0),
        overdueCount: overdue?.count ?? 0,
      };
    })
    .sort((a, b) => b.overdueAmount - a.overdueAmount || (a.sessionSort < b.sessionSort ? -1 : 1));
}

/** Broadcasts of the last week whose every recipient lies in scope, with how far each has gone. */
async function broadcastsIn(scope: Scope, now: Date) {
  const recent = (await broadcastsSince(new Date(now.getTime() - WEEK_DAYS * 86_400_000))).filter(
    (b) => b.places.length > 0 && b.places.every((p) => inScope(scope, p)),
  );
  return Promise.all(
    recent.slice(0, 5).map(async (b) => {
      const outcomes = await outcomeTotalsOf(`broadcast:${b._id}`);
      const settled = [...outcomes].filter(([o]) => o !== "retry").reduce((sum, [, n]) => sum + n, 0);
      return {
        queuedOn: b.queuedAt ? formatDateVi(vietnamDate(b.queuedAt)) : null,
        status: b.status,
        recipients: b.recipients,
        settled,
        sent: outcomes.get("sent") ?? 0,
      };
    }),
  );
}

/** The hardship reports in scope, counted by the status the officer's queue shows. */
async function hardshipCounts(scope: Scope, now: Date): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const r of await reportsInScope(scope)) {
    const { status } = queueView(r, now);
    if (status !== "withdrawn") counts[status] = (counts[status] ?? 0) + 1;
  }
  return counts;
}

/** Whether a tallied row (its commune and group) lies in scope; a row about no commune never does. */
type RowInScope = (row: { communeCode: string | null; groupCode: string | null }) => boolean;

function rowsInScope(scope: Scope, structure: Structure): RowInScope {
  const officeOf = new Map(structure.communes.map((c) => [c.code, c.officeCode]));
  return ({ communeCode, groupCode }) =>
    communeCode !== null && inScope(scope, { communeCode, officeCode: officeOf.get(communeCode) ?? "", groupCode });
}

/** The in-doubt deliveries of the week in scope, with the household each is about (to check by hand). */
async function inDoubtIn(tally: DeliveryTally, inScopeRow: RowInScope) {
  const rows = tally.inDoubt.filter(inScopeRow);
  const households = await householdsOfDeliveries(rows.map((r) => r.deliveryId));
  return rows.map((r) => ({
    household: households.get(r.deliveryId) ?? null,
    kind: r.kind,
    channel: r.channel,
    date: formatDateVi(r.planDate),
  }));
}

/** Reminder outcomes of the week in scope, by channel and outcome. */
function reachIn(tally: DeliveryTally, inScopeRow: RowInScope) {
  const sums = new Map<string, { channel: string; outcome: string; count: number }>();
  for (const r of tally.reach.filter(inScopeRow)) {
    const key = `${r.channel}|${r.outcome}`;
    const sum = sums.get(key) ?? { channel: r.channel, outcome: r.outcome, count: 0 };
    sum.count += r.count;
    sums.set(key, sum);
  }
  return [...sums.values()].sort((a, b) =>
    a.channel < b.channel ? -1 : a.channel > b.channel ? 1 : b.count - a.count,
  );
}

/**
 * The officer's overview within `scope` (as stored now, maybe narrowed to one office or point):
 * transaction days this week, overdue by point with its weekly trend, reminders' reach by channel,
 * deliveries in doubt, broadcasts and the hardship queue. Reads only; writes no snapshot.
 */
export async function officerOverview(scope: Scope, book: BookView, tally: DeliveryTally, today: LocalDate, now: Date) {
  const { structure, totals } = book;
  const inScopeRow = rowsInScope(scope, structure);
  const weeks = lastWeeks(today, TREND_WEEKS);
  const [inDoubt, snapshots, broadcasts, hardship] = await Promise.all([
    inDoubtIn(tally, inScopeRow),
    overdueSnapshots(weeks),
    broadcastsIn(scope, now),
    hardshipCounts(scope, now),
  ]);
  const points = pointsOf(scope, structure, totals, today);
  const overdueAmount = points.reduce((sum, p) => sum + p.overdueAmount, 0);
  return {
    overdue: { amount: formatVnd(overdueAmount), count: points.reduce((sum, p) => sum + p.overdueCount, 0) },
    trend: trendOf(scope, weeks, snapshots).map((w) => ({ week: formatDateVi(w.weekStart), amount: w.amount })),
    week: points
      .filter((p) => p.sessionThisWeek)
      .sort((a, b) => (a.sessionSort < b.sessionSort ? -1 : 1))
      .map(({ name, commune, place, sessionThisWeek }) => ({ name, commune, place, date: sessionThisWeek })),
    points: points.map(({ sessionSort: _s, overdueAmount: _a, ...p }) => p),
    reach: reachIn(tally, inScopeRow),
    inDoubt,
    broadcasts,
    hardship,
  };
}
