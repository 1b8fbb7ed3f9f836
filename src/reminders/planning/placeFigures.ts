import { eachAccount, type LinkedAccount } from "../../data/planning.js";
import { eachPackedGroup } from "../../data/planningIndex.js";
import { type LinkStatus, linkStatusOf, type ReminderLoan } from "../../domain/groupLists.js";
import type { Figures, GroupInfo, HouseholdInfo, PlaceFigures } from "./book.js";

/** A place's figures before any household is counted (a new object: counting adds to it). */
export const noFigures = (): Figures => ({ overdueLoans: 0, overdueAmount: 0, unreachableMembers: 0 });

/** Counts one household into its commune's and its point's figures. */
function count(
  figures: PlaceFigures,
  household: { communeCode: string; groupCode: string; loans: readonly ReminderLoan[] },
  status: LinkStatus,
  pointOf: (groupCode: string) => string | undefined,
): void {
  const places: [Map<string, Figures>, string | undefined][] = [
    [figures.byCommune, household.communeCode],
    [figures.byPoint, pointOf(household.groupCode)],
  ];
  for (const [map, code] of places) {
    if (!code) continue;
    const f = map.get(code) ?? noFigures();
    for (const loan of household.loans) {
      if (loan.overduePrincipal > 0) {
        f.overdueLoans++;
        f.overdueAmount += loan.overduePrincipal;
      }
    }
    if (status === "unreachable") f.unreachableMembers++;
    map.set(code, f);
  }
}

/** From households in memory (the book read whole, when the planner's index is stale). */
export function placeFiguresOf(
  households: ReadonlyMap<string, HouseholdInfo>,
  groups: ReadonlyMap<string, GroupInfo>,
  linkStatus: (code: string) => LinkStatus,
): PlaceFigures {
  const figures: PlaceFigures = { byCommune: new Map(), byPoint: new Map() };
  for (const [code, h] of households) count(figures, h, linkStatus(code), (g) => groups.get(g)?.pointCode);
  return figures;
}

/**
 * The same, streamed from the planner's index: every group's packed members one batch at a time, and
 * of the linked accounts only the households none of whose chats Telegram reaches. What is held is a
 * count per place, however many households the branch has (a province of 400,000 planned its weekly
 * day in 256 MB only once this replaced holding every household and account).
 */
export async function streamPlaceFigures(
  groups: ReadonlyMap<string, GroupInfo>,
  unreachableChats: ReadonlySet<number>,
  /** Sees every linked account as it streams past (the planner keeps those of the day's households). */
  visitAccount: (account: LinkedAccount) => void = () => undefined,
): Promise<PlaceFigures> {
  const unreachableHouseholds = new Set<string>();
  await eachAccount((a) => {
    visitAccount(a);
    if (linkStatusOf(a.chats, unreachableChats) === "unreachable") unreachableHouseholds.add(a.code);
  });
  const figures: PlaceFigures = { byCommune: new Map(), byPoint: new Map() };
  await eachPackedGroup((groupCode, members) => {
    for (const m of members) {
      const status = unreachableHouseholds.has(m.code) ? "unreachable" : "linked";
      count(
        figures,
        { communeCode: m.communeCode, groupCode, loans: m.loans },
        status,
        (g) => groups.get(g)?.pointCode,
      );
    }
  });
  return figures;
}
