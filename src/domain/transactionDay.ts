import { addDays, daysBetween, daysInMonth, type LocalDate, localDate, splitLocalDate } from "./dates.js";

/** A period when transaction points are closed, e.g. Tết. Both ends inclusive. */
export interface Closure {
  from: LocalDate;
  to: LocalDate;
  name: string;
}

function closureContaining(date: LocalDate, closures: readonly Closure[]): Closure | undefined {
  return closures.find((c) => c.from <= date && date <= c.to);
}

/**
 * The session date of a commune whose fixed transaction day is `day`, in the given month.
 * A day the month lacks (the 31st in April) falls on the month's last day; a day inside a
 * closure moves to the first day after it. Both rules are the bank's usual practice; the
 * closures come from data (catalogue/holidays.json), never from code.
 */
export function transactionDateInMonth(
  year: number,
  month: number,
  day: number,
  closures: readonly Closure[],
): LocalDate {
  if (!Number.isInteger(day) || day < 1 || day > 31) throw new RangeError("transaction day must be 1–31");
  let date = localDate(year, month, Math.min(day, daysInMonth(year, month)));
  for (let closure = closureContaining(date, closures); closure; closure = closureContaining(date, closures)) {
    date = addDays(closure.to, 1);
  }
  return date;
}

/** The first session on or after `today`. */
export function nextTransactionDate(today: LocalDate, day: number, closures: readonly Closure[]): LocalDate {
  const { year, month } = splitLocalDate(today);
  // A session pushed out of last month by a closure can still lie ahead, so look one month back too.
  for (let offset = -1; offset <= 2; offset++) {
    const index = year * 12 + (month - 1) + offset;
    const candidate = transactionDateInMonth(Math.floor(index / 12), (index % 12) + 1, day, closures);
    if (candidate >= today) return candidate;
  }
  throw new Error("unreachable: a transaction date exists within two months");
}

/** How far ahead the holiday data must reach before admins are warned. */
export const HOLIDAY_NOTICE_DAYS = 90;

/** Whether the holiday data, complete until `coversUntil`, reaches less than 90 days past `today`. */
export function holidayDataRunsShort(today: LocalDate, coversUntil: LocalDate): boolean {
  return daysBetween(today, coversUntil) < HOLIDAY_NOTICE_DAYS;
}
