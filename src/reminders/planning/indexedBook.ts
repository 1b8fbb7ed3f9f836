import { allChannelFailures, allOptOuts } from "../../data/channels.js";
import { accountsOf, type LinkedAccount } from "../../data/planning.js";
import { eachListedGroup, groupsUnder } from "../../data/planningIndex.js";
import { allUnreachable } from "../../data/unreachable.js";
import { daysBetween, isoWeekday, type LocalDate } from "../../domain/dates.js";
import { type DisasterEvent, disasterCovers } from "../../domain/disaster.js";
import { dueIndexKeys, type PlanningMember } from "../../domain/planningIndex.js";
import type { HolidayCalendar } from "../../domain/transactionDay.js";
import type { ReminderConfig } from "../config.js";
import { collectionListDue, overdueListDue, remindersDueOn } from "../rules.js";
import {
  type Account,
  accountOf,
  type Book,
  type GroupInfo,
  type HouseholdInfo,
  type PointInfo,
  readPlaces,
} from "./book.js";
import { streamPlaceFigures } from "./placeFigures.js";

/**
 * The book from the planner's index (data/planningIndex.ts): on most days only the groups with
 * something due, read by `_id`: those whose point holds its session on a day a reminder or list goes
 * before, and those listed under a date an installment or an overdue step falls on; on the weekly
 * summaries' day, their figures counted over every group as it streams past. Gives the same deliveries as readBook (a test
 * compares them over a month of days).
 */
export async function readIndexedBook(
  today: LocalDate,
  calendar: HolidayCalendar,
  config: ReminderConfig,
  overdueDates: readonly LocalDate[],
  /** The weekly officer summaries' day: their figures are streamed over every group (placeFigures.ts). */
  withFigures: boolean,
  disasters: readonly DisasterEvent[] = [],
): Promise<Book> {
  const { communes, points, groups } = await readPlaces(today, calendar);
  const chosen = new Map<string, GroupInfo>();
  const households = new Map<string, HouseholdInfo>();
  const inArea = groupsInDisasterAreas(groups, disasters);
  const add = (code: string, list: PlanningMember[]) => {
    const group = groups.get(code);
    if (group) chosen.set(code, group);
    for (const m of inArea.has(code) ? list : lookedAt(today, config, points, group, list)) {
      households.set(m.code, householdOf(m, code));
      group?.members.push(m.code);
    }
  };
  const byDate = await groupsByDate(today, config, overdueDates);
  const due = dueGroups(today, config, points, groups, byDate);
  for (const code of inArea) due.add(code);
  await eachListedGroup([...due], add);
  const [unreachableChats, optedOut, channelFailures, dayAccounts] = await Promise.all([
    allUnreachable(),
    allOptOuts(),
    allChannelFailures(),
    withFigures ? [] : accountsOf([...households.keys()]),
  ]);
  const unreachable = new Set(unreachableChats.map((u) => u.chatId));
  const accounts = new Map<string, Account>();
  // The weekly figures read every account anyway: the day's households take theirs as it streams past.
  const keep = (a: LinkedAccount) => {
    if (households.has(a.code)) accounts.set(a.code, accountOf(a));
  };
  const figures = withFigures ? await streamPlaceFigures(groups, unreachable, keep) : undefined;
  for (const a of dayAccounts) keep(a);
  return {
    ...(figures ? { placeFigures: figures } : {}),
    communes,
    points,
    groups: chosen,
    households,
    accounts,
    unreachable,
    optedOut,
    channelFailures,
  };
}

/**
 * Groups of the areas under a disaster event today or the day after one (disasterEventsFor): read
 * whole, for the notice to every linked borrower there and what is reminded once the event ends.
 */
function groupsInDisasterAreas(
  groups: ReadonlyMap<string, GroupInfo>,
  disasters: readonly DisasterEvent[],
): Set<string> {
  const codes = new Set<string>();
  if (disasters.length === 0) return codes;
  for (const [code, group] of groups) {
    if (disasters.some((e) => disasterCovers(e, group))) codes.add(code);
  }
  return codes;
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
 * The members of a group the day's plan looks at: all of them when its head gets the collection list
 * today (the list shows each member's amount and link), else its head, each household with a
 * reminder due (rules.ts, as the planners decide) and, when the head gets the overdue list, each
 * household with an overdue loan (the list shows those alone). Nobody else changes the plan, so nobody
 * else is kept or has an account read.
 */
function lookedAt(
  today: LocalDate,
  config: ReminderConfig,
  points: ReadonlyMap<string, PointInfo>,
  group: GroupInfo | undefined,
  members: readonly PlanningMember[],
): readonly PlanningMember[] {
  const session = (group && points.get(group.pointCode)?.nextSession) ?? null;
  if (group && collectionListDue(today, session, config)) return members;
  const overdueSince = members.flatMap((m) => m.loans.flatMap((l) => (l.overdueSince ? [l.overdueSince] : [])));
  const overdueList = group !== undefined && overdueListDue(today, overdueSince, config) !== null;
  return members.filter(
    (m) =>
      m.code === group?.headCode ||
      (overdueList && m.loans.some((l) => l.overdueSince)) ||
      remindersDueOn(today, session, m.loans, config).length > 0,
  );
}

const householdOf = (m: PlanningMember, groupCode: string): HouseholdInfo => ({
  name: m.name,
  phone: m.phone,
  groupCode,
  communeCode: m.communeCode,
  officeCode: m.officeCode,
  loans: m.loans,
});
