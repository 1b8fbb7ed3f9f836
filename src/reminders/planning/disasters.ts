import { disasterEvents } from "../../data/disasters.js";
import { openHardshipHouseholds } from "../../data/hardship.js";
import { daysBetween, formatDateVi, type LocalDate } from "../../domain/dates.js";
import { type DisasterEvent, HELD_KINDS, inForceOn, resumesOn } from "../../domain/disaster.js";
import type { ReminderLoan } from "../../domain/groupLists.js";
import { escapeHtml } from "../../domain/html.js";
import type { ReminderConfig } from "../config.js";
import type { PlannedReminder } from "../rules.js";
import type { HouseholdInfo } from "./book.js";
import type { DayPlan } from "./dayPlan.js";

/**
 * Disaster mode in planning (issue 26, domain/disaster.ts): the events that change today's plan,
 * reminders they hold, what is reminded the day after one ends, the one notice to the area's
 * borrowers, and the open hardship reports the heads' overdue lists mark.
 */

/** Declared events in force today, or which ended yesterday (their area's reminders resume today). */
export async function disasterEventsFor(today: LocalDate): Promise<DisasterEvent[]> {
  return (await disasterEvents()).filter(
    (e) => inForceOn(e, today) || (e.status === "declared" && resumesOn(e) === today),
  );
}

/** Drops the reminders a disaster event over the household's area holds today, counting them. */
export function withoutHeld(day: DayPlan, household: HouseholdInfo, due: PlannedReminder[]): PlannedReminder[] {
  if (!day.disasterOn(household)) return due;
  return due.filter((r) => {
    if (!HELD_KINDS.has(r.kind)) return true;
    day.skipped.held++;
    return false;
  });
}

/**
 * The day after an event over the household's area ends: one overdue notice per loan still overdue,
 * and one interest reminder when the session is still ahead and its regular reminders fell inside the
 * event, each unless today's regular plan already has it. Worked out from the book as it is now.
 */
export function remindersAfterDisaster(
  day: DayPlan,
  household: HouseholdInfo,
  nextSession: LocalDate | null,
  regular: readonly PlannedReminder[],
  config: ReminderConfig,
): PlannedReminder[] {
  const ended = day.resumingFor(household)[0];
  if (!ended) return [];
  const after = `after-${ended.id}`;
  const planned: PlannedReminder[] = [];
  const overdueToday = new Set(regular.flatMap((r) => (r.kind === "overdue" && r.loan ? [r.loan.loanNumber] : [])));
  for (const loan of household.loans) {
    if (!loan.overdueSince || loan.overduePrincipal <= 0 || overdueToday.has(loan.loanNumber)) continue;
    planned.push(overdueAfter(loan, day.today, after));
  }
  const interest = interestAfter(day.today, nextSession, household.loans, config, after);
  if (interest && !regular.some((r) => r.kind === "interest")) planned.push(interest);
  return planned;
}

function overdueAfter(loan: ReminderLoan, today: LocalDate, after: string): PlannedReminder {
  const since = loan.overdueSince as LocalDate;
  return {
    kind: "overdue",
    eventDate: since,
    amount: loan.overduePrincipal,
    loan: { loanNumber: loan.loanNumber, annualRatePpm: loan.annualRatePpm, daysOverdue: daysBetween(since, today) },
    subject: `${loan.loanNumber}-${after}`,
  };
}

function interestAfter(
  today: LocalDate,
  nextSession: LocalDate | null,
  loans: readonly ReminderLoan[],
  config: ReminderConfig,
  after: string,
): PlannedReminder | null {
  if (!nextSession) return null;
  const days = daysBetween(today, nextSession);
  // Only a session whose first regular reminder would have gone during the event.
  if (days < 0 || days >= Math.max(...config.interestDaysBefore)) return null;
  const amount = loans.reduce((sum, l) => sum + l.interestDueNext, 0);
  return amount > 0 ? { kind: "interest", eventDate: nextSession, amount, subject: `session-${after}` } : null;
}

/**
 * One notice per linked chat in an area under an event (keyed by the event: planned again each day
 * of it, sent once), naming the event, until when reminders are held, how to report a loss, and the
 * catalogue's relief over the place when there is one.
 */
export function planDisasterNotices(day: DayPlan): void {
  if (!day.disasters.some((e) => inForceOn(e, day.today))) return;
  for (const [code, household] of day.book.households) {
    const event = day.disasterOn(household);
    const account = day.book.accounts.get(code);
    if (!event || !account) continue;
    const relief = day.reliefsOn(household.groupCode, day.today, household)[0];
    const t = day.t(account.language);
    const text = [
      t("disaster-notice", {
        name: escapeHtml(event.name),
        from: formatDateVi(event.from),
        until: formatDateVi(event.until),
      }),
      ...(relief ? [t("disaster-notice-relief", { basis: escapeHtml(relief.basis) })] : []),
    ].join("\n\n");
    const about = { householdCode: code, groupCode: household.groupCode, communeCode: household.communeCode };
    for (const chatId of day.reachableChats(account)) {
      day.add(chatId, "disaster-notice", event.id, event.from, text, about, account.language);
    }
  }
}

/** Marks, for the heads' overdue lists, the households of areas under an event with an open report. */
export async function loadOpenReports(day: DayPlan): Promise<void> {
  const groups = [...day.book.groups.keys()].filter((code) => {
    const group = day.book.groups.get(code);
    return group && day.disasterOn({ groupCode: code, communeCode: group.communeCode });
  });
  if (groups.length === 0) return;
  for (const code of await openHardshipHouseholds(groups)) day.openReports.add(code);
}
