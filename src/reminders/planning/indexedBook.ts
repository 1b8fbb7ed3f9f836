import { allChannelFailures, allOptOuts } from "../../data/channels.js";
import { accountsOf, eachAccount, type LinkedAccount } from "../../data/planning.js";
import { eachPackedGroup, groupsUnder, packedGroups } from "../../data/planningIndex.js";
import { allUnreachable } from "../../data/unreachable.js";
import { daysBetween, isoWeekday, type LocalDate } from "../../domain/dates.js";
import { dueIndexKeys, type PlanningMember } from "../../domain/planningIndex.js";
import type { HolidayCalendar } from "../../domain/transactionDay.js";
import { isLocale } from "../../i18n.js";
import type { ReminderConfig } from "../config.js";
import { collectionListDue, overdueListDue, remindersDueOn } from "../rules.js";
import { type Account, type Book, type GroupInfo, type HouseholdInfo, type PointInfo, readPlaces } from "./book.js";

/**
 * The book from the planner's index (data/planningIndex.ts): on most days only the groups with
 * something due, read by `_id`: those whose point holds its session on a day a reminder or list goes
 * before, and those listed under a date an installment or an overdue step falls on; `whole` for the
 * weekly summaries, which count every household. Gives the same deliveries as readBook (a test
 * compares them over a month of days).
 */
export async function readIndexedBook(
  today: LocalDate,
  calendar: HolidayCalendar,
  config: ReminderConfig,
  overdueDates: readonly LocalDate[],
  whole: boolean,
): Promise<Book> {
  const { communes, points, groups } = await readPlaces(today, calendar);
  const members = whole
    ? await allMembers()
    : await packedGroups([
        ...dueGroups(today, config, points, groups, await groupsByDate(today, config, overdueDates)),
      ]);
  const chosen = new Map<string, GroupInfo>();
  const households = new Map<string, HouseholdInfo>();
  for (const [code, list] of members) {
    const group = groups.get(code);
    if (group) chosen.set(code, group);
    for (const m of list) {
      households.set(m.code, householdOf(m, code));
      group?.members.push(m.code);
    }
  }
  const [accounts, unreachableChats, optedOut, channelFailures] = await Promise.all([
    whole
      ? everyAccount()
      : accountsOf([...needingAccounts(today, config, points, chosen, households)]).then(toAccounts),
    allUnreachable(),
    allOptOuts(),
    allChannelFailures(),
  ]);
  return {
    communes,
    points,
    groups: chosen,
    households,
    accounts,
    unreachable: new Set(unreachableChats.map((u) => u.chatId)),
    optedOut,
    channelFailures,
  };
}

function groupsByDate(today: LocalDate, config: ReminderConfig, overdueDates: readonly LocalDate[]) {
  const weeklyOverdueList = isoWeekday(today) === config.groupHeadOverdueWeekday;
  return groupsUnder(dueIndexKeys(today, config, overdueDates, weeklyOverdueList));
}

/** Groups whose point's next session is a day on which reminders or the head's list go out, and those by date. */
function dueGroups(
  today: LocalDate,
  config: ReminderConfig,
  points: ReadonlyMap<string, PointInfo>,
  groups: ReadonlyMap<string, GroupInfo>,
  byDate: ReadonlySet<string>,
): Set<string> {
  const daysBefore = new Set([...config.interestDaysBefore, config.groupHeadCollectionDaysBefore]);
  const due = new Set(byDate);
  for (const [code, group] of groups) {
    const point = points.get(group.pointCode);
    if (point && daysBefore.has(daysBetween(today, point.nextSession))) due.add(code);
  }
  return due;
}

/**
 * Whose account (links, language, muted kinds) the day's plan looks at: every member of a group whose
 * head gets a list today (the list shows each member's link), each group's head, and each household
 * with a reminder due (rules.ts, as the planners decide). Nobody else's account changes the plan, so
 * nobody else's is read.
 */
function needingAccounts(
  today: LocalDate,
  config: ReminderConfig,
  points: ReadonlyMap<string, PointInfo>,
  groups: ReadonlyMap<string, GroupInfo>,
  households: ReadonlyMap<string, HouseholdInfo>,
): Set<string> {
  const codes = new Set<string>();
  for (const group of groups.values()) {
    if (group.headCode) codes.add(group.headCode);
    const session = points.get(group.pointCode)?.nextSession ?? null;
    const overdueSince = group.members.flatMap((code) =>
      (households.get(code)?.loans ?? []).flatMap((l) => (l.overdueSince ? [l.overdueSince] : [])),
    );
    if (collectionListDue(today, session, config) || overdueListDue(today, overdueSince, config)) {
      for (const code of group.members) codes.add(code);
    }
  }
  for (const [code, household] of households) {
    if (codes.has(code)) continue;
    const group = groups.get(household.groupCode);
    const session = (group && points.get(group.pointCode)?.nextSession) ?? null;
    if (remindersDueOn(today, session, household.loans, config).length > 0) codes.add(code);
  }
  return codes;
}

async function allMembers(): Promise<Map<string, PlanningMember[]>> {
  const members = new Map<string, PlanningMember[]>();
  await eachPackedGroup((code, list) => members.set(code, list));
  return members;
}

const householdOf = (m: PlanningMember, groupCode: string): HouseholdInfo => ({
  name: m.name,
  phone: m.phone,
  groupCode,
  communeCode: m.communeCode,
  officeCode: m.officeCode,
  loans: m.loans,
});

function toAccounts(list: readonly LinkedAccount[]): Map<string, Account> {
  const accounts = new Map<string, Account>();
  for (const a of list) {
    accounts.set(a.code, {
      chats: a.chats,
      language: isLocale(a.language) ? a.language : "vi",
      muted: new Set(a.muted),
    });
  }
  return accounts;
}

async function everyAccount(): Promise<Map<string, Account>> {
  const list: LinkedAccount[] = [];
  await eachAccount((a) => list.push(a));
  return toAccounts(list);
}
