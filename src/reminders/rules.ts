import { addDays, daysBetween, isoWeekday, type LocalDate } from "../domain/dates.js";
import type { ReminderKind } from "../domain/delivery.js";
import type { ReminderLoan } from "../domain/groupLists.js";
import type { Dong } from "../domain/money.js";
import type { ReminderConfig } from "./config.js";

export interface PlannedReminder {
  kind: ReminderKind;
  /** The payment date the reminder is about (for overdue: the date the debt became overdue). */
  eventDate: LocalDate;
  amount: Dong;
  /** Overdue notices are per loan. */
  loan?: { loanNumber: string; annualRatePpm: number; daysOverdue: number };
  /**
   * Which reminder of the event this is (e.g. "session-3d-before"); with the recipient, kind and event
   * date it makes the delivery unique, so planning twice plans nothing new but each step is sent.
   */
  subject: string;
}

/**
 * The reminders a household is owed on `today`: interest before the commune's next session,
 * principal before and on each installment date, overdue notices after a missed date.
 * Pure: preferences and reachability are applied by the caller.
 */
export function remindersDueOn(
  today: LocalDate,
  nextSession: LocalDate | null,
  loans: readonly ReminderLoan[],
  config: ReminderConfig,
): PlannedReminder[] {
  const planned: PlannedReminder[] = [];
  const daysToSession = nextSession ? daysBetween(today, nextSession) : -1;
  if (nextSession && config.interestDaysBefore.includes(daysToSession)) {
    const amount = loans.reduce((sum, l) => sum + l.interestDueNext, 0);
    if (amount > 0)
      planned.push({ kind: "interest", eventDate: nextSession, amount, subject: `session-${daysToSession}d-before` });
  }
  const principalByDate = new Map<LocalDate, Dong>();
  for (const loan of loans) {
    const due = loan.nextInstallment;
    if (due && due.amount > 0 && config.principalDaysBefore.includes(daysBetween(today, due.dueOn))) {
      principalByDate.set(due.dueOn, (principalByDate.get(due.dueOn) ?? 0) + due.amount);
    }
  }
  for (const [date, amount] of principalByDate) {
    planned.push({
      kind: "principal",
      eventDate: date,
      amount,
      subject: `installment-${daysBetween(today, date)}d-before`,
    });
  }
  for (const loan of loans) {
    if (!loan.overdueSince || loan.overduePrincipal <= 0) continue;
    const days = daysBetween(loan.overdueSince, today);
    const last = Math.max(...config.overdueDaysAfter);
    const due =
      config.overdueDaysAfter.includes(days) || (days > last && (days - last) % config.overdueRepeatDays === 0);
    if (due) {
      planned.push({
        kind: "overdue",
        eventDate: loan.overdueSince,
        amount: loan.overduePrincipal,
        loan: { loanNumber: loan.loanNumber, annualRatePpm: loan.annualRatePpm, daysOverdue: days },
        subject: `${loan.loanNumber}-${days}d-after`,
      });
    }
  }
  return planned;
}

/** Whether the group head's collection list goes out today (2 days before the session by default). */
export function collectionListDue(today: LocalDate, nextSession: LocalDate | null, config: ReminderConfig): boolean {
  return nextSession !== null && daysBetween(today, nextSession) === config.groupHeadCollectionDaysBefore;
}

/**
 * Whether the group head's overdue list goes out today: weekly when the group has overdue debt, and
 * the day after any member falls overdue.
 */
export function overdueListDue(
  today: LocalDate,
  overdueSince: readonly LocalDate[],
  config: ReminderConfig,
): "weekly" | "new-overdue" | null {
  if (overdueSince.length === 0) return null;
  if (isoWeekday(today) === config.groupHeadOverdueWeekday) return "weekly";
  const yesterday = addDays(today, -1);
  return overdueSince.includes(yesterday) ? "new-overdue" : null;
}

export function officerSummaryDue(today: LocalDate, config: ReminderConfig): boolean {
  return isoWeekday(today) === config.officerSummaryWeekday;
}
