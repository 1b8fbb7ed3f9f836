import { addDays, type LocalDate } from "./dates.js";
import type { ReminderLoan } from "./groupLists.js";

/**
 * What the daily planner needs of a household, kept per group by the import (data/planningIndex):
 * one packed string per group reads far faster than one document per household and loan, and the
 * planner reads only the groups with something due (`dueIndexKeys`).
 */
export interface PlanningMember {
  code: string;
  name: string;
  /** The first phone on file ("+84…"), for SMS and Zalo. */
  phone: string | null;
  communeCode: string;
  officeCode: string;
  loans: ReminderLoan[];
}

type PackedLoan = [string, number, number, LocalDate | null, number, LocalDate | null, number | null];
type PackedMember = [string, string, string | null, string, string, PackedLoan[]];

export function packMembers(members: Iterable<PlanningMember>): string {
  const packed: PackedMember[] = [];
  for (const m of members) {
    const loans = m.loans.map(
      (l): PackedLoan => [
        l.loanNumber,
        l.interestDueNext,
        l.overduePrincipal,
        l.overdueSince,
        l.annualRatePpm,
        l.nextInstallment?.dueOn ?? null,
        l.nextInstallment?.amount ?? null,
      ],
    );
    packed.push([m.code, m.name, m.phone, m.communeCode, m.officeCode, loans]);
  }
  return JSON.stringify(packed);
}

export function unpackMembers(packed: string): PlanningMember[] {
  return (JSON.parse(packed) as PackedMember[]).map(([code, name, phone, communeCode, officeCode, loans]) => ({
    code,
    name,
    phone,
    communeCode,
    officeCode,
    loans: loans.map(([loanNumber, interestDueNext, overduePrincipal, overdueSince, annualRatePpm, dueOn, amount]) => ({
      loanNumber,
      interestDueNext,
      overduePrincipal,
      overdueSince,
      annualRatePpm,
      nextInstallment: dueOn !== null && amount !== null ? { dueOn, amount } : null,
    })),
  }));
}

/**
 * The index keys a group is listed under: each date one of its open loans has an installment
 * ("installment:<date>") and each date one fell overdue ("overdue:<date>").
 */
export function indexKeysOf(members: readonly PlanningMember[]): Set<string> {
  const keys = new Set<string>();
  for (const m of members) {
    for (const l of m.loans) {
      if (l.nextInstallment && l.nextInstallment.amount > 0) keys.add(`installment:${l.nextInstallment.dueOn}`);
      if (l.overdueSince) keys.add(`overdue:${l.overdueSince}`);
    }
  }
  return keys;
}

export interface DueWindows {
  principalDaysBefore: readonly number[];
  overdueDaysAfter: readonly number[];
  overdueRepeatDays: number;
}

/**
 * The index keys whose groups may have a reminder due on `today` (mirrors rules.ts remindersDueOn):
 * installments `principalDaysBefore` ahead; debts overdue exactly `overdueDaysAfter` days, or a
 * multiple of `overdueRepeatDays` past the last of them, back to the oldest date that is overdue.
 * `allOverdue`: every overdue date (the group heads' weekly overdue list).
 */
export function dueIndexKeys(
  today: LocalDate,
  windows: DueWindows,
  overdueDates: readonly LocalDate[],
  allOverdue: boolean,
): string[] {
  const keys = new Set(windows.principalDaysBefore.map((d) => `installment:${addDays(today, d)}`));
  if (allOverdue) {
    for (const date of overdueDates) keys.add(`overdue:${date}`);
    return [...keys];
  }
  for (const d of windows.overdueDaysAfter) keys.add(`overdue:${addDays(today, -d)}`);
  // The day after a debt fell overdue the head is told (rules.ts overdueListDue: new-overdue).
  keys.add(`overdue:${addDays(today, -1)}`);
  const last = Math.max(...windows.overdueDaysAfter);
  const oldest = overdueDates.reduce<LocalDate | null>((min, d) => (min === null || d < min ? d : min), null);
  if (oldest !== null && windows.overdueRepeatDays > 0) {
    for (let since = addDays(today, -last - windows.overdueRepeatDays); since >= oldest; ) {
      keys.add(`overdue:${since}`);
      since = addDays(since, -windows.overdueRepeatDays);
    }
  }
  return [...keys];
}
