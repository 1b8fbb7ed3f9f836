import { addDays, daysBetween, type LocalDate, parseDateVi } from "./dates.js";
import type { DeliveryKind } from "./delivery.js";

/**
 * Disaster mode (issue 26): an officer declares an event (a storm, a flood) over a commune or a
 * transaction point for a period, and a second officer approves it. While it lasts, interest and
 * overdue reminders to the area are held; the day after it ends, what is still owed is reminded once
 * (not the held messages themselves: a reminder for a session that has passed would be wrong).
 */

export type DisasterAreaKind = "commune" | "point";
export interface DisasterArea {
  kind: DisasterAreaKind;
  code: string;
}

export const DISASTER_STATUSES = ["proposed", "declared", "refused"] as const;
export type DisasterStatus = (typeof DISASTER_STATUSES)[number];

export interface DisasterEvent {
  id: string;
  name: string;
  area: DisasterArea;
  from: LocalDate;
  until: LocalDate;
  status: DisasterStatus;
}

/** The reminders an event holds. Principal installments and lists to heads and officers still go. */
export const HELD_KINDS: ReadonlySet<DeliveryKind> = new Set(["interest", "overdue"]);

/** A declaration longer than this is a mistake (a year covers any season of storms). */
export const DISASTER_MAX_DAYS = 366;
export const DISASTER_NAME_MAX = 80;

/** The event's key: its area and first day ("c-X0101-20250928"); declaring it twice finds the first. */
export const disasterId = (area: DisasterArea, from: LocalDate): string =>
  `${area.kind === "commune" ? "c" : "p"}-${area.code}-${from.replaceAll("-", "")}`;

/** Whether a place (a household's commune and its group's point) lies in the event's area. */
export function disasterCovers(
  event: DisasterEvent,
  place: { communeCode: string; pointCode: string | null },
): boolean {
  return event.area.kind === "commune" ? place.communeCode === event.area.code : place.pointCode === event.area.code;
}

/** Declared (approved) and covering `date`. */
export const inForceOn = (event: DisasterEvent, date: LocalDate): boolean =>
  event.status === "declared" && event.from <= date && date <= event.until;

/** The day the held reminders are worked out again. */
export const resumesOn = (event: DisasterEvent): LocalDate => addDays(event.until, 1);

export type DeclarationProblem = "format" | "dates" | "order" | "too-long" | "name";

export interface Declaration {
  area: DisasterArea;
  from: LocalDate;
  until: LocalDate;
  name: string;
}

/**
 * "/disaster commune:X0101 28/09/2025-15/10/2025 bão số 10" (or point:CODE): the area, the period and
 * a name. Codes are upper-cased as the bank's files write them.
 */
export function parseDeclaration(text: string): Declaration | DeclarationProblem {
  const m = /^(commune|xa|xã|point|diem|điểm):(\S+)\s+(\S+?)\s*[-–]\s*(\S+)\s+(.+)$/iu.exec(text.trim());
  if (!m) return "format";
  const [, kindWord, code, fromText, untilText, nameText] = m as unknown as string[];
  const kind: DisasterAreaKind = /^(commune|xa|xã)$/iu.test(kindWord as string) ? "commune" : "point";
  const from = parseDateVi(fromText as string);
  const until = parseDateVi(untilText as string);
  if (!from || !until) return "dates";
  if (until < from) return "order";
  if (daysBetween(from, until) >= DISASTER_MAX_DAYS) return "too-long";
  const name = (nameText as string).trim();
  if (name.length === 0 || name.length > DISASTER_NAME_MAX) return "name";
  return { area: { kind, code: (code as string).toUpperCase() }, from, until, name };
}
