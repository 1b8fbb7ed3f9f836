import type { ClosureRule, WeekendRule } from "./bookRecords.js";
import { addDays, type LocalDate } from "./dates.js";
import {
  beyondCoverage,
  type HolidayCalendar,
  nextTransactionDate,
  type TransactionDayRule,
  type TransactionSchedule,
} from "./transactionDay.js";

/**
 * What borrowers and group heads are told of a transaction point: its place and hours, and, where a
 * merged commune kept several points, which point it is and the old commune it was named after.
 */
export interface PointName {
  /** The point's own name ("Nậm Kè"). */
  name: string;
  /** The commune it serves now ("Xã Mường Nhé"). */
  communeName: string;
  /** The old commune it was named after, where it differs from the commune now ("Xã Nậm Kè"). */
  formerCommune: string | null;
}

/** Where and when a group pays, as reminders, lists and /duedates say it. */
export interface TransactionPlace {
  place: string;
  hours: string;
  /** Which point, where a merged commune kept several (said with the place). */
  point?: PointName | null;
  /**
   * Set when the session lies past what the holiday data covers: the day was worked out as if no
   * holiday fell there, and the message says so.
   */
  holidaysKnownUntil?: LocalDate | null;
}

export interface PointOnFile extends PointName {
  code: string;
  communeCode: string;
  officeCode: string;
  place: string;
  hours: string;
  schedule: TransactionSchedule;
  closureRule: ClosureRule | null;
  weekendRule: WeekendRule | null;
}

/** Where this point's day goes on a closure or weekend: its own rule, else the holidays file's. */
export function pointDayRule(point: Pick<PointOnFile, "closureRule" | "weekendRule">, fallback: TransactionDayRule) {
  return {
    onClosure: point.closureRule ?? fallback.onClosure,
    onWeekend: point.weekendRule ?? fallback.onWeekend,
  } satisfies TransactionDayRule;
}

/** A point's next session on or after `today`, moved by its own rule or the calendar's. */
export function nextSessionOf(
  today: LocalDate,
  point: Pick<PointOnFile, "schedule" | "closureRule" | "weekendRule">,
  calendar: HolidayCalendar,
): LocalDate {
  const rule = pointDayRule(point, calendar.rule);
  return nextTransactionDate(today, point.schedule, calendar.closures, rule, calendar.workingDays);
}

/** The sessions of a point from `today` on, `count` of them. */
export function nextSessionsOf(
  today: LocalDate,
  point: Pick<PointOnFile, "schedule" | "closureRule" | "weekendRule">,
  calendar: HolidayCalendar,
  count: number,
): LocalDate[] {
  const sessions: LocalDate[] = [];
  let from = today;
  while (sessions.length < count) {
    const next = nextSessionOf(from, point, calendar);
    sessions.push(next);
    from = addDays(next, 1);
  }
  return sessions;
}

/** A point as messages say it, for a session on `session`. */
export function transactionPlaceOf(
  point: PointOnFile,
  session: LocalDate,
  calendar: HolidayCalendar,
): TransactionPlace {
  return {
    place: point.place,
    hours: point.hours,
    point: { name: point.name, communeName: point.communeName, formerCommune: point.formerCommune },
    holidaysKnownUntil: beyondCoverage(session, calendar) ? calendar.coversUntil : null,
  };
}

type Translate = (key: string, variables?: Record<string, string | number>) => string;

const UNIT = /^(xã|phường|thị trấn|đặc khu)\s+/iu;

/** "Xã Nậm Kè" → "Nậm Kè": a place's name without the word for its kind. */
const bareName = (name: string) => name.replace(UNIT, "").trim();

/** "Xã Nậm Kè" → "xã Nậm Kè": as written inside a sentence. */
const midSentence = (name: string) => name.replace(UNIT, (unit) => unit.toLocaleLowerCase("vi"));

/**
 * Whether the point needs naming: a commune's point named as the commune ("Mường Nhé" in "Xã
 * Mường Nhé"), and not after an old commune, goes with its place alone.
 */
export function pointNeedsName(point: PointName): boolean {
  return point.formerCommune !== null || bareName(point.name) !== bareName(point.communeName);
}

/**
 * "Điểm giao dịch Nậm Kè (xã Nậm Kè cũ), nay thuộc xã Mường Nhé — Nhà văn hóa bản", or the place alone
 * for a commune's only point. Plain text: the caller escapes it for HTML.
 */
export function placeWithPoint(t: Translate, place: string, point: PointName | null | undefined): string {
  if (!point || !pointNeedsName(point)) return place;
  const commune = midSentence(point.communeName);
  const label = point.formerCommune
    ? t("point-name-former", { name: point.name, former: midSentence(point.formerCommune), commune })
    : t("point-name", { name: point.name, commune });
  return t("point-place", { point: label, place });
}

/**
 * The place with the point's own name before it, for texts with little room (SMS, Zalo templates):
 * members of a merged commune know their point by its old name.
 */
export function shortPointPlace(place: string, point: PointName | null | undefined): string {
  return point && pointNeedsName(point) ? `${point.name} - ${place}` : place;
}
