/**
 * Calendar dates in Vietnam are stored and passed around as "YYYY-MM-DD" strings (LocalDate):
 * the date as printed on the loan book in Asia/Ho_Chi_Minh, with no time and no zone.
 * Strings in this form sort in date order, so MongoDB range queries on them work as expected.
 * Instants (when something happened) are JavaScript Dates in UTC.
 */
export type LocalDate = string;

export const VIETNAM_TIME_ZONE = "Asia/Ho_Chi_Minh";

const LOCAL_DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/**
 * Vietnam has kept UTC+7 without daylight saving since 1975, so local time is a fixed offset: every
 * conversion between instants and Vietnamese dates or times of day goes through this one constant
 * (no locale's formatting is relied on).
 */
export const VIETNAM_OFFSET_MS = 7 * 3_600_000;

export function isLocalDate(value: string): value is LocalDate {
  const m = LOCAL_DATE_RE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return y >= 1900 && y <= 2200 && mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
}

export function localDate(year: number, month: number, day: number): LocalDate {
  return `${String(year).padStart(4, "0")}-${pad2(month)}-${pad2(day)}`;
}

export function splitLocalDate(date: LocalDate): { year: number; month: number; day: number } {
  const m = LOCAL_DATE_RE.exec(date);
  if (!m) throw new RangeError(`not a LocalDate: ${date}`);
  return { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
}

/** The calendar date in Vietnam at the given instant. */
export function vietnamDate(instant: Date): LocalDate {
  return fromEpochDay(Math.floor((instant.getTime() + VIETNAM_OFFSET_MS) / DAY_MS));
}

/** Minutes since midnight in Vietnam at the given instant. */
export function vietnamMinutes(instant: Date): number {
  const ms = (((instant.getTime() + VIETNAM_OFFSET_MS) % DAY_MS) + DAY_MS) % DAY_MS;
  return Math.floor(ms / 60_000);
}

/** The instant it is `hh:mm` in Vietnam on `date` ("24:00" is the next day's midnight). */
export function vietnamInstant(date: LocalDate, hhmm = "00:00"): Date {
  const { year, month, day } = splitLocalDate(date);
  const [hh, mm] = hhmm.split(":").map(Number) as [number, number];
  return new Date(Date.UTC(year, month - 1, day, hh, mm) - VIETNAM_OFFSET_MS);
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function toEpochDay(date: LocalDate): number {
  const { year, month, day } = splitLocalDate(date);
  return Date.UTC(year, month - 1, day) / DAY_MS;
}

function fromEpochDay(epochDay: number): LocalDate {
  const d = new Date(epochDay * DAY_MS);
  return localDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

export function addDays(date: LocalDate, days: number): LocalDate {
  return fromEpochDay(toEpochDay(date) + days);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: LocalDate, to: LocalDate): number {
  return toEpochDay(to) - toEpochDay(from);
}

/** The same day-of-month `months` later, clamped to the last day of a shorter month. */
export function addMonths(date: LocalDate, months: number): LocalDate {
  const { year, month, day } = splitLocalDate(date);
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  return localDate(y, m, Math.min(day, daysInMonth(y, m)));
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: LocalDate): number {
  const weekday = new Date(toEpochDay(date) * DAY_MS).getUTCDay();
  return weekday === 0 ? 7 : weekday;
}

/** "2026-03-05" → "05/03/2026" */
export function formatDateVi(date: LocalDate): string {
  const { year, month, day } = splitLocalDate(date);
  return `${pad2(day)}/${pad2(month)}/${year}`;
}

/** An instant as Vietnamese write it, in Vietnam time: "05/03/2026 14:07". */
export function formatVietnamDateTime(instant: Date): string {
  return `${formatDateVi(vietnamDate(instant))} ${vietnamTimeOfDay(instant)}`;
}

/** Reads "dd/mm/yyyy" (also "d/m/yyyy", "dd-mm-yyyy", "dd.mm.yyyy") or "yyyy-mm-dd". */
export function parseDateVi(text: string): LocalDate | null {
  const t = text.trim();
  if (isLocalDate(t)) return t;
  const m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(t);
  if (!m) return null;
  const candidate = localDate(Number(m[3]), Number(m[2]), Number(m[1]));
  return isLocalDate(candidate) ? candidate : null;
}

function pad2(n: number): string {
  return String(n).padStart(2, "0");
}

/** The local time of day as "HH:MM" in Vietnam. */
export function vietnamTimeOfDay(instant: Date): string {
  const minutes = vietnamMinutes(instant);
  return `${pad2(Math.floor(minutes / 60))}:${pad2(minutes % 60)}`;
}
