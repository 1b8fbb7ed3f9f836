import { z } from "zod";
import { broadcastConfigSchema } from "./broadcast.js";
import { addDays, daysBetween, isoWeekday, type LocalDate, vietnamDate } from "./dates.js";
import type { Dong } from "./money.js";
import type { Closure } from "./transactionDay.js";

const TIME_OF_DAY = /^(([01]\d|2[0-3]):[0-5]\d|24:00)$/;
const timeOfDay = z.string().regex(TIME_OF_DAY, "expected HH:MM (00:00–24:00)");
const weekday = z.number().int().min(1, "1 = Monday … 7 = Sunday").max(7, "1 = Monday … 7 = Sunday");

/**
 * When and how reminders go out. Defaults follow the issue and the bank's SMS practice; every figure
 * can be overridden from a JSON file (REMINDERS_CONFIG_FILE) and is validated here.
 */
export const reminderConfigSchema = z.object({
  interestDaysBefore: z.array(z.number().int().min(0).max(30)).default([3, 1]),
  principalDaysBefore: z.array(z.number().int().min(0).max(60)).default([7, 1, 0]),
  overdueDaysAfter: z.array(z.number().int().min(1).max(365)).min(1).default([1, 7, 30]),
  /** After the last of overdueDaysAfter, one more notice every this many days. */
  overdueRepeatDays: z.number().int().min(7).max(365).default(30),
  groupHeadCollectionDaysBefore: z.number().int().min(0).max(14).default(2),
  /** The weekly overdue list to group heads goes out on this ISO weekday (Monday). */
  groupHeadOverdueWeekday: weekday.default(1),
  /** The weekly per-commune summary to officers goes out on this ISO weekday (Monday). */
  officerSummaryWeekday: weekday.default(1),
  /** Local time the day's reminders are planned (sending starts with the first window after it). */
  planAt: timeOfDay.default("06:00"),
  /** Local (Asia/Ho_Chi_Minh) sending windows, as the bank's SMS service uses. */
  sendingWindows: z
    .array(
      z.object({ from: timeOfDay, to: timeOfDay }).refine(
        // Only once both ends are valid times (a bad one is reported on its own).
        (w) => !TIME_OF_DAY.test(w.from) || !TIME_OF_DAY.test(w.to) || w.from < w.to,
        "a window must end after it starts",
      ),
    )
    .min(1)
    .default([
      { from: "07:00", to: "11:30" },
      { from: "13:00", to: "17:00" },
    ]),
  /** Telegram's flood limits; a benchmark against a scaled fake server scales them together. */
  telegramLimits: z
    .object({
      globalPerSecond: z.number().positive().default(30),
      privateChatPerSecond: z.number().positive().default(1),
      groupChatPerMinute: z.number().positive().default(20),
      /** Added to every window so that network jitter cannot squeeze one message too many into it. */
      safetyMarginMs: z.number().int().min(0).max(1000).default(30),
    })
    .prefault({}),
  dispatch: z
    .object({
      /** Deliveries per batch; a batch is the unit a dispatcher leases. */
      batchSize: z.number().int().min(1).max(10_000).default(500),
      leaseSeconds: z.number().min(1).max(3600).default(60),
      maxAttempts: z.number().int().min(1).max(20).default(5),
      retryBaseSeconds: z.number().min(0).max(600).default(2),
      /** Requests in flight at once; the pacer, not this, keeps the rate. */
      concurrency: z.number().int().min(1).max(256).default(32),
      idlePollSeconds: z.number().min(0.05).max(3600).default(30),
    })
    .prefault({}),
  /** Officers' broadcasts go through the same dispatcher, window and limits. */
  broadcasts: broadcastConfigSchema.prefault({}),
});
export type ReminderConfig = z.infer<typeof reminderConfigSchema>;

export type ReminderKind = "interest" | "principal" | "overdue";
/** Everything the dispatcher sends: reminders to borrowers, lists to group heads, officer summaries. */
export type DeliveryKind = ReminderKind | "collection-list" | "overdue-list" | "officer-summary" | "broadcast";

export interface ReminderLoan {
  loanNumber: string;
  interestDueNext: Dong;
  overduePrincipal: Dong;
  overdueSince: LocalDate | null;
  annualRatePpm: number;
  nextInstallment: { dueOn: LocalDate; amount: Dong } | null;
}

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

/** The unique key of one delivery: one per recipient, subject, kind and event date. */
export function deliveryKey(
  recipient: string,
  r: { kind: DeliveryKind; subject: string; eventDate: LocalDate },
): string {
  return `${recipient}|${r.kind}|${r.subject}|${r.eventDate}`;
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

/**
 * The last day a delivery is still worth sending: a notice about a payment date is pointless after
 * that date; overdue notices, lists and summaries stay useful for a week.
 */
export function deliveryExpiresOn(kind: DeliveryKind, eventDate: LocalDate, planDate: LocalDate): LocalDate {
  if (kind === "interest" || kind === "principal" || kind === "collection-list") return eventDate;
  return addDays(planDate, 6);
}

// Vietnam has kept UTC+7 without daylight saving since 1975, so local time is a fixed offset.
const VIETNAM_OFFSET_MS = 7 * 3_600_000;

function localMinutes(instant: Date): number {
  const local = new Date(instant.getTime() + VIETNAM_OFFSET_MS);
  return local.getUTCHours() * 60 + local.getUTCMinutes();
}

function atLocal(date: LocalDate, hhmm: string): Date {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const [hh, mm] = hhmm.split(":").map(Number) as [number, number];
  return new Date(Date.UTC(y, m - 1, d, hh, mm) - VIETNAM_OFFSET_MS);
}

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));

/** The local time of day as "HH:MM" in Vietnam. */
export function vietnamTimeOfDay(instant: Date): string {
  const minutes = localMinutes(instant);
  return `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
}

/**
 * The earliest instant at or after `now` inside a sending window on a day that is not a closure
 * (e.g. Tết). Work that falls outside waits for the next window.
 */
export function nextSendingTime(now: Date, config: ReminderConfig, closures: readonly Closure[]): Date {
  const windows = [...config.sendingWindows].sort((a, b) => (a.from < b.from ? -1 : 1));
  let date = vietnamDate(now);
  for (let i = 0; i < 400; i++, date = addDays(date, 1)) {
    if (closures.some((c) => c.from <= date && date <= c.to)) continue;
    for (const w of windows) {
      const start = atLocal(date, w.from);
      const end = atLocal(date, w.to);
      if (i === 0 && now >= start && now < end) return now;
      if (start >= now) return start;
    }
  }
  throw new Error("no sending window within 400 days");
}

export function isInSendingWindow(now: Date, config: ReminderConfig, closures: readonly Closure[]): boolean {
  const date = vietnamDate(now);
  if (closures.some((c) => c.from <= date && date <= c.to)) return false;
  const minutes = localMinutes(now);
  return config.sendingWindows.some((w) => minutes >= minutesOf(w.from) && minutes < minutesOf(w.to));
}
