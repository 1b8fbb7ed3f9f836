import { loadHolidays } from "../catalogue/load.js";
import {
  BorrowerAccountModel,
  CommuneModel,
  GroupModel,
  HouseholdModel,
  LoanModel,
  UnreachableChatModel,
} from "../db/models/index.js";
import { type Loan, storedLoanRate } from "../db/models/loan.js";
import type { LocalDate } from "../domain/dates.js";
import { linkStatusOf, type RosterMember } from "../domain/groupLists.js";
import type { TransactionPlace } from "../domain/reminderMessages.js";
import type { ReminderLoan } from "../domain/reminders.js";
import { nextTransactionDate } from "../domain/transactionDay.js";
import { linkedCustomerCode } from "./accounts.js";

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
  const group = await GroupModel.findOne({ headCode: customerCode }, { name: 1 }).lean();
  return group ? { customerCode, groupCode: String(group._id), groupName: group.name } : null;
}

export interface GroupRoster {
  groupName: string;
  point: TransactionPlace | null;
  nextSession: LocalDate | null;
  members: RosterMember[];
}

/** A group's members with their open loans and whether the bot reaches them. */
export async function loadGroupRoster(groupCode: string, today: LocalDate): Promise<GroupRoster | null> {
  const group = await GroupModel.findById(groupCode, { name: 1, communeCode: 1 }).lean();
  if (!group) return null;
  const [commune, households, loans] = await Promise.all([
    CommuneModel.findById(group.communeCode, { transactionPoint: 1 }).lean(),
    HouseholdModel.find({ groupCode }, { fullName: 1 }).lean(),
    LoanModel.find({ groupCode, status: "open" }).lean(),
  ]);
  const codes = households.map((h) => String(h._id));
  const accounts = await BorrowerAccountModel.find({ _id: { $in: codes } }, { telegramLinks: 1 }).lean();
  const chatsOf = new Map(accounts.map((a) => [String(a._id), a.telegramLinks.map((l) => l.telegramUserId)]));
  const allChats = [...chatsOf.values()].flat();
  const unreachable = new Set(
    (await UnreachableChatModel.find({ _id: { $in: allChats } }, { _id: 1 }).lean()).map((u) => u._id),
  );
  const point = commune?.transactionPoint ?? null;
  return {
    groupName: group.name,
    point: point ? { place: point.place, hours: point.hours } : null,
    nextSession: point
      ? nextTransactionDate(today, point.day, loadHolidays().closures, loadHolidays().transactionDayRule)
      : null,
    members: households.map((h) => ({
      code: String(h._id),
      name: h.fullName,
      linkStatus: linkStatusOf(chatsOf.get(String(h._id)) ?? [], unreachable),
      loans: loans.filter((l) => l.householdCode === String(h._id)).map(toReminderLoan),
    })),
  };
}
