import { addDays, daysBetween, daysInMonth, isoWeekday, type LocalDate, localDate, splitLocalDate } from "./dates.js";

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
 * Where a transaction day goes when it falls in a closure or on a weekend. The domain sheet marks the
 * bank's rule unconfirmed, so it is data (catalogue/holidays.json, docs/reminders.md): a closure
 * moves it to the first day after (the usual practice) or the last day before; a weekend leaves it
 * (many commune points open on Saturdays and Sundays), or moves it to the Monday after or the Friday
 * before. Importing each commune's published schedule is safer still.
 */
export interface TransactionDayRule {
  onClosure: "after" | "before";
  onWeekend: "keep" | "after" | "before";
}

export const DEFAULT_TRANSACTION_DAY_RULE: TransactionDayRule = { onClosure: "after", onWeekend: "keep" };

const isWeekend = (date: LocalDate) => isoWeekday(date) >= 6;

/**
 * The session date of a commune whose fixed transaction day is `day`, in the given month. A day the
 * month lacks (the 31st in April) falls on the month's last day; a day in a closure or on a weekend
 * moves as `rule` says. The closures come from data (catalogue/holidays.json), never from code.
 */
export function transactionDateInMonth(
  year: number,
  month: number,
  day: number,
  closures: readonly Closure[],
  rule: TransactionDayRule = DEFAULT_TRANSACTION_DAY_RULE,
): LocalDate {
  if (!Number.isInteger(day) || day < 1 || day > 31) throw new RangeError("transaction day must be 1–31");
  let date = localDate(year, month, Math.min(day, daysInMonth(year, month)));
  // Moving off a weekend can land in a closure and the other way round: repeat until neither holds.
  for (let guard = 0; guard < 366; guard++) {
    const closure = closureContaining(date, closures);
    if (closure) date = rule.onClosure === "after" ? addDays(closure.to, 1) : addDays(closure.from, -1);
    else if (rule.onWeekend !== "keep" && isWeekend(date)) date = addDays(date, rule.onWeekend === "after" ? 1 : -1);
    else return date;
  }
  throw new Error("no open day within a year of the transaction day");
}

/** The first session on or after `today`. */
export function nextTransactionDate(
  today: LocalDate,
  day: number,
  closures: readonly Closure[],
  rule: TransactionDayRule = DEFAULT_TRANSACTION_DAY_RULE,
): LocalDate {
  const { year, month } = splitLocalDate(today);
  // A session pushed out of last month by a closure can still lie ahead, so look one month back too.
  for (let offset = -1; offset <= 2; offset++) {
    const index = year * 12 + (month - 1) + offset;
    const candidate = transactionDateInMonth(Math.floor(index / 12), (index % 12) + 1, day, closures, rule);
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
