import { communeNames } from "../../data/book.js";
import { allPoints, pointOfEachGroup } from "../../data/points.js";
import { overdueLoans, saveOverdueSnapshot } from "../../data/stats.js";
import type { LocalDate } from "../../domain/dates.js";
import { weekStart } from "../../domain/stats.js";
import type { PointOnFile } from "../../domain/transactionPoint.js";

/**
 * Overdue loans of the whole bank, summed by commune, by transaction point and by group in memory
 * (callers narrow to a scope). Overdue loans are few (the whole point is to keep them near zero),
 * and FerretDB v1 gets a $group with two accumulators wrong (the second comes back 0), so this is
 * both simpler and correct on both servers.
 */
export type OverdueLoan = Awaited<ReturnType<typeof overdueLoans>>[number];

export interface OverdueTotal {
  communeCode: string;
  officeCode: string;
  /** Set on a group's total (what a points scope is checked against). */
  groupCode: string | null;
  amount: number;
  count: number;
}

export interface OverdueTotals {
  byCommune: Map<string, OverdueTotal>;
  byPoint: Map<string, OverdueTotal>;
  byGroup: Map<string, OverdueTotal>;
}

/** The book's structure the totals are grouped and named by, read once. */
export interface Structure {
  communes: { code: string; name: string; officeCode: string; officeName: string }[];
  points: PointOnFile[];
  pointOfGroup: Map<string, string>;
}

export async function readStructure(): Promise<Structure> {
  const [communes, points, pointOfGroup] = await Promise.all([communeNames(), allPoints(), pointOfEachGroup()]);
  return { communes, points, pointOfGroup };
}

export async function overdueTotals(structure: Structure, known?: readonly OverdueLoan[]): Promise<OverdueTotals> {
  const loans = known ?? (await overdueLoans());
  const totals: OverdueTotals = { byCommune: new Map(), byPoint: new Map(), byGroup: new Map() };
  const add = (map: Map<string, OverdueTotal>, key: string, l: OverdueLoan, groupCode: string | null) => {
    const t = map.get(key) ?? { communeCode: l.communeCode, officeCode: l.officeCode, groupCode, amount: 0, count: 0 };
    t.amount += l.overduePrincipal;
    t.count++;
    map.set(key, t);
  };
  for (const l of loans) {
    add(totals.byCommune, l.communeCode, l, null);
    add(totals.byGroup, l.groupCode, l, l.groupCode);
    const point = structure.pointOfGroup.get(l.groupCode);
    if (point) add(totals.byPoint, point, l, null);
  }
  return totals;
}

/**
 * Writes this week's overdue debt per commune and per point: the history behind the trend. Places
 * with nothing overdue are recorded as 0, so a week that was cleared shows as 0, not a gap.
 */
export async function writeOverdueSnapshot(
  today: LocalDate,
  totals: OverdueTotals,
  structure: Structure,
  now: Date,
): Promise<void> {
  const communeRows = structure.communes.map((c) => {
    const row = totals.byCommune.get(c.code);
    return { communeCode: c.code, officeCode: c.officeCode, amount: row?.amount ?? 0, count: row?.count ?? 0 };
  });
  const pointRows = structure.points.map((p) => {
    const row = totals.byPoint.get(p.code);
    return {
      communeCode: p.communeCode,
      officeCode: p.officeCode,
      pointCode: p.code,
      amount: row?.amount ?? 0,
      count: row?.count ?? 0,
    };
  });
  await saveOverdueSnapshot(weekStart(today), [...communeRows, ...pointRows], now);
}

/** Records this week's overdue snapshot (after an import, which may hand over the overdue loans it knows). */
export async function recordOverdueSnapshot(
  today: LocalDate,
  now = new Date(),
  overdue?: readonly OverdueLoan[],
): Promise<void> {
  const structure = await readStructure();
  await writeOverdueSnapshot(today, await overdueTotals(structure, overdue), structure, now);
}
