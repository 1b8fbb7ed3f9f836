import { calendarOf, loadHolidays, loadProgrammeCatalogue } from "../../catalogue/load.js";
import { reliefsOfPlace, suspensionOn } from "../../catalogue/rates.js";
import type { Relief } from "../../catalogue/schema.js";
import { telegramLinksOfMany } from "../../data/accounts.js";
import { group, groupMembers, groupWithHead, type Loan, storedLoanRate } from "../../data/book.js";
import { openHardshipHouseholds } from "../../data/hardship.js";
import { pointOnFile } from "../../data/points.js";
import { unreachableAmong } from "../../data/unreachable.js";
import type { LocalDate } from "../../domain/dates.js";
import type { ReminderLoan } from "../../domain/groupLists.js";
import { linkStatusOf, type RosterMember } from "../../domain/groupLists.js";
import { nextSessionOf, type TransactionPlace, transactionPlaceOf } from "../../domain/transactionPoint.js";
import { linkedCustomerCode } from "../linking/accounts.js";

type LoanFields = Pick<Loan, "interestDueNext" | "overduePrincipal" | "overdueSince" | "nextInstallment"> & {
  _id: unknown;
  annualRatePpm?: number | null;
  annualRateBps?: number | null;
};

/** The fields of a stored loan that reminders and group lists use. */
export function toReminderLoan(l: LoanFields): ReminderLoan {
  return {
    loanNumber: String(l._id),
    interestDueNext: l.interestDueNext,
    overduePrincipal: l.overduePrincipal,
    overdueSince: l.overdueSince ?? null,
    annualRatePpm: storedLoanRate(l),
    nextInstallment: l.nextInstallment ? { dueOn: l.nextInstallment.dueOn, amount: l.nextInstallment.amount } : null,
  };
}

export interface HeadedGroup {
  customerCode: string;
  groupCode: string;
  groupName: string;
}

/**
 * The group whose head (from the bank's data) is the household this Telegram user is linked to, or
 * null. This is the server-side check behind every group-head command.
 */
export async function groupHeadedBy(telegramUserId: number): Promise<HeadedGroup | null> {
  const customerCode = await linkedCustomerCode(telegramUserId);
  return customerCode ? groupHeadedByHousehold(customerCode) : null;
}

/** The group a household heads, when the caller already knows the linked customer code. */
export async function groupHeadedByHousehold(customerCode: string): Promise<HeadedGroup | null> {
  const headed = await groupWithHead(customerCode);
  return headed ? { customerCode, groupCode: headed.code, groupName: headed.name } : null;
}

export interface GroupRoster {
  groupName: string;
  point: TransactionPlace | null;
  nextSession: LocalDate | null;
  /** A suspension of interest collection over the group on its next session, if any. */
  suspended: Relief | null;
  members: RosterMember[];
  /** Each member's linked Telegram chats, as read for their link status. */
  chatsOf: ReadonlyMap<string, number[]>;
}

/** A group's households with their open loans. */
export type MemberLoans = { code: string; name: string; loans: ReminderLoan[] }[];

/** From the book: the group's households and open loans (indexed by group on MongoDB). */
export async function bookMembersOf(groupCode: string): Promise<MemberLoans> {
  const { households, loans } = await groupMembers(groupCode);
  return households.map((h) => ({
    code: String(h._id),
    name: h.fullName,
    loans: loans.filter((l) => l.householdCode === String(h._id)).map(toReminderLoan),
  }));
}

/** A group's members with their open loans and whether the bot reaches them. */
export async function loadGroupRoster(
  groupCode: string,
  today: LocalDate,
  reliefs: readonly Relief[] = loadProgrammeCatalogue().reliefs,
  membersOf: (groupCode: string) => Promise<MemberLoans> = bookMembersOf,
): Promise<GroupRoster | null> {
  const found = await group(groupCode);
  if (!found) return null;
  const [point, households] = await Promise.all([pointOnFile(found.pointCode), membersOf(groupCode)]);
  const chatsOf = await telegramLinksOfMany(households.map((h) => h.code));
  const [unreachable, openReports] = await Promise.all([
    unreachableAmong([...chatsOf.values()].flat()),
    openHardshipHouseholds([groupCode]),
  ]);
  const calendar = calendarOf(loadHolidays());
  const nextSession = point ? nextSessionOf(today, point, calendar) : null;
  return {
    groupName: found.name,
    point: point && nextSession ? transactionPlaceOf(point, nextSession, calendar) : null,
    nextSession,
    suspended: nextSession ? suspensionOn(reliefsOfPlace({ reliefs }, found), nextSession) : null,
    members: households.map((h) => ({
      code: h.code,
      name: h.name,
      linkStatus: linkStatusOf(chatsOf.get(h.code) ?? [], unreachable),
      loans: h.loans,
      ...(openReports.has(h.code) ? { openReport: true } : {}),
    })),
    chatsOf,
  };
}
