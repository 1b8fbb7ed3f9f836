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

/**
 * When a transaction point holds its monthly session: a day of the month ("ngày 20 hằng tháng"), or
 * the n-th weekday of the month ("thứ Ba tuần thứ 3"; nth -1 is the last). Weekdays are ISO (1 =
 * Monday … 7 = Sunday).
 */
export type TransactionSchedule =
  | { kind: "day"; day: number }
  | { kind: "weekday"; weekday: number; nth: 1 | 2 | 3 | 4 | -1 };

const asSchedule = (s: TransactionSchedule | number): TransactionSchedule =>
  typeof s === "number" ? { kind: "day", day: s } : s;

/** The day a schedule names in a month, before closures move it. */
export function scheduledDateInMonth(year: number, month: number, schedule: TransactionSchedule | number): LocalDate {
  const s = asSchedule(schedule);
  if (s.kind === "day") {
    if (!Number.isInteger(s.day) || s.day < 1 || s.day > 31) throw new RangeError("transaction day must be 1–31");
    // A day the month lacks (the 31st in April) falls on the month's last day.
    return localDate(year, month, Math.min(s.day, daysInMonth(year, month)));
  }
  if (s.nth === -1) {
    const last = localDate(year, month, daysInMonth(year, month));
    return addDays(last, -((isoWeekday(last) - s.weekday + 7) % 7));
  }
  const first = localDate(year, month, 1);
  return addDays(first, ((s.weekday - isoWeekday(first) + 7) % 7) + 7 * (s.nth - 1));
}

/**
 * The session date of a point on `schedule` in the given month. A day in a closure or on a weekend
 * moves as `rule` says; a weekend day the government made a working day (làm bù, `workingDays`) is a
 * working day. The closures and working days come from data (catalogue/holidays.json), never code.
 */
export function transactionDateInMonth(
  year: number,
  month: number,
  schedule: TransactionSchedule | number,
  closures: readonly Closure[],
  rule: TransactionDayRule = DEFAULT_TRANSACTION_DAY_RULE,
  workingDays: readonly LocalDate[] = [],
): LocalDate {
  let date = scheduledDateInMonth(year, month, schedule);
  const offDay = (d: LocalDate) => isoWeekday(d) >= 6 && !workingDays.includes(d);
  // Moving off a weekend can land in a closure and the other way round: repeat until neither holds.
  for (let guard = 0; guard < 366; guard++) {
    const closure = closureContaining(date, closures);
    if (closure) date = rule.onClosure === "after" ? addDays(closure.to, 1) : addDays(closure.from, -1);
    else if (rule.onWeekend !== "keep" && offDay(date)) date = addDays(date, rule.onWeekend === "after" ? 1 : -1);
    else return date;
  }
  throw new Error("no open day within a year of the transaction day");
}

/**
 * What moves transaction days: the closures and the weekend days worked (làm bù) from the holidays
 * data, its default rule, and the last day the data is known complete (null: not said).
 */
export interface HolidayCalendar {
  closures: readonly Closure[];
  workingDays: readonly LocalDate[];
  rule: TransactionDayRule;
  coversUntil: LocalDate | null;
}

/** A calendar of closures alone (tests and callers that know no working days or coverage). */
export function calendarOf(closures: readonly Closure[], rule = DEFAULT_TRANSACTION_DAY_RULE): HolidayCalendar {
  return { closures, workingDays: [], rule, coversUntil: null };
}

/**
 * Whether a session date lies past what the holiday data covers: it was worked out as if no holiday
 * fell there, and the bot says so rather than state it as certain.
 */
export function beyondCoverage(date: LocalDate, calendar: Pick<HolidayCalendar, "coversUntil">): boolean {
  return calendar.coversUntil !== null && date > calendar.coversUntil;
}

/** The first session on or after `today`. */
export function nextTransactionDate(
  today: LocalDate,
  schedule: TransactionSchedule | number,
  closures: readonly Closure[],
  rule: TransactionDayRule = DEFAULT_TRANSACTION_DAY_RULE,
  workingDays: readonly LocalDate[] = [],
): LocalDate {
  const { year, month } = splitLocalDate(today);
  // A session pushed out of last month by a closure can still lie ahead, so look one month back too.
  for (let offset = -1; offset <= 2; offset++) {
    const index = year * 12 + (month - 1) + offset;
    const [y, m] = [Math.floor(index / 12), (index % 12) + 1];
    const candidate = transactionDateInMonth(y, m, schedule, closures, rule, workingDays);
    if (candidate >= today) return candidate;
  }
  throw new Error("unreachable: a transaction date exists within two months");
}

const WEEKDAY_WORDS: Record<string, number> = {
  hai: 1,
  "2": 1,
  ba: 2,
  "3": 2,
  tu: 3,
  "4": 3,
  nam: 4,
  "5": 4,
  sau: 5,
  "6": 5,
  bay: 6,
  "7": 6,
};

/**
 * A schedule as the bank's files write it: "20", "ngày 20", or "thứ Ba tuần thứ 3", "thứ 3 tuần 3",
 * "chủ nhật tuần 1", "thứ Sáu cuối tháng" (with or without diacritics); null when it is neither.
 */
export function parseSchedule(text: string): TransactionSchedule | null {
  const t = text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
  const day = /^(ngay )?(\d{1,2})( hang thang)?$/.exec(t);
  if (day) {
    const n = Number(day[2]);
    return n >= 1 && n <= 31 ? { kind: "day", day: n } : null;
  }
  const weekday = /^(thu (hai|ba|tu|nam|sau|bay|[2-7])|chu nhat|cn) (tuan (thu )?([1-4])|(tuan )?cuoi( thang)?)$/.exec(
    t,
  );
  if (!weekday) return null;
  const dayOfWeek = weekday[2] ? (WEEKDAY_WORDS[weekday[2]] as number) : 7;
  const nth = weekday[5] ? (Number(weekday[5]) as 1 | 2 | 3 | 4) : -1;
  return { kind: "weekday", weekday: dayOfWeek, nth };
}

/** How far ahead the holiday data must reach before admins are warned. */
export const HOLIDAY_NOTICE_DAYS = 90;

/** Whether the holiday data, complete until `coversUntil`, reaches less than 90 days past `today`. */
export function holidayDataRunsShort(today: LocalDate, coversUntil: LocalDate): boolean {
  return daysBetween(today, coversUntil) < HOLIDAY_NOTICE_DAYS;
}
