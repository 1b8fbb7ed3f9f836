import type { LocalDate } from "./dates.js";
import { addDays } from "./dates.js";

/**
 * Hardship reports (issue 26): a borrower tells the bank of a loss that may keep them from paying.
 * The bot carries the report to the group head and the officer; relief itself is decided on paper
 * by the bank, so nothing here promises any.
 */

export const HARDSHIP_REASONS = ["crop-livestock", "house-damaged", "illness-death", "job-lost", "other"] as const;
export type HardshipReason = (typeof HARDSHIP_REASONS)[number];

/** When it happened, as a borrower can say it in one tap. */
export const HARDSHIP_WHEN = ["this-week", "this-month", "earlier"] as const;
export type HardshipWhen = (typeof HARDSHIP_WHEN)[number];

/**
 * awaiting-head → new (head confirmed, or 3 days without an answer) → checking → needs-form →
 * sent-to-office → decided; the borrower may withdraw until the office has it.
 */
export const HARDSHIP_STATUSES = [
  "awaiting-head",
  "new",
  "checking",
  "needs-form",
  "sent-to-office",
  "decided",
  "withdrawn",
] as const;
export type HardshipStatus = (typeof HARDSHIP_STATUSES)[number];

const WITHDRAWABLE: ReadonlySet<HardshipStatus> = new Set(["awaiting-head", "new", "checking", "needs-form"]);

export const canWithdraw = (status: HardshipStatus): boolean => WITHDRAWABLE.has(status);

/** The first day of the period the borrower picked (the report keeps the period, not a guessed day). */
export function happenedFrom(when: HardshipWhen, today: LocalDate): LocalDate | null {
  if (when === "this-week") return addDays(today, -6);
  if (when === "this-month") return addDays(today, -30);
  return null;
}

/** Letters and digits no one reads one for another (no 0/O, 1/I/L). */
const REFERENCE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

/**
 * "KK-251207-7QF3": the day it was filed and four characters from `random` (one byte each). Unique
 * only with the store's unique `_id`: a clash is retried with new characters.
 */
export function hardshipReference(today: LocalDate, random: Uint8Array): string {
  const day = today.slice(2).replaceAll("-", "");
  const tail = [...random.slice(0, 4)].map((b) => REFERENCE_ALPHABET[b % REFERENCE_ALPHABET.length]).join("");
  return `KK-${day}-${tail}`;
}

export const HARDSHIP_REFERENCE_RE = /^KK-\d{6}-[2-9A-HJKMNP-Z]{4}$/;

/** The longest free text kept (a few sentences; a long story is for the paper form). */
export const HARDSHIP_TEXT_MAX = 1000;

/** Days a group head has to confirm before the report goes on to the officer unconfirmed (issue 26). */
export const HEAD_ANSWER_DAYS = 3;

export interface QueueView {
  status: HardshipStatus;
  /** Gone on to the officer because the head did not answer in time. */
  headTimedOut: boolean;
}

/** Where a report stands now: one the head left unanswered for 3 days counts as new, marked so. */
export function queueView(report: { status: string; filedAt: Date }, now: Date): QueueView {
  const status = report.status as HardshipStatus;
  const waited = now.getTime() - report.filedAt.getTime() >= HEAD_ANSWER_DAYS * 24 * 3600_000;
  return status === "awaiting-head" && waited ? { status: "new", headTimedOut: true } : { status, headTimedOut: false };
}

/** What an officer may move a report to from where it stands (as queueView sees it). */
const OFFICER_STEPS: Record<HardshipStatus, readonly HardshipStatus[]> = {
  "awaiting-head": [],
  new: ["checking"],
  checking: ["needs-form", "sent-to-office"],
  "needs-form": ["checking", "sent-to-office"],
  "sent-to-office": ["decided"],
  decided: [],
  withdrawn: [],
};
export const officerSteps = (status: HardshipStatus): readonly HardshipStatus[] => OFFICER_STEPS[status];

export const HARDSHIP_DECISIONS = ["extended", "frozen", "written-off", "refused"] as const;
export type HardshipDecision = (typeof HARDSHIP_DECISIONS)[number];

/** Statuses an officer's queue shows (withdrawn and still-with-the-head reports are not theirs yet). */
export const inOfficerQueue = (view: QueueView): boolean =>
  view.status !== "awaiting-head" && view.status !== "withdrawn";

/** The longest note an officer types on a report (what a form lacks; a decision's number). */
export const HARDSHIP_NOTE_MAX = { "needs-form": 300, decided: 40 } as const;
