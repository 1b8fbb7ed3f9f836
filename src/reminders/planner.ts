import type { I18n } from "@grammyjs/i18n";
import { loadProgrammeCatalogue } from "../catalogue/load.js";
import type { Relief } from "../catalogue/schema.js";
import { withLock } from "../data/lock.js";
import { enqueueDeliveries, releasePlanningBatches } from "../data/outbox.js";
import { savePlanRun } from "../data/planning.js";
import { planningIndexState } from "../data/planningIndex.js";
import { nextSendingTime } from "../delivery/settings.js";
import type { CarriesKind, Channel, PhoneChannel } from "../domain/channels.js";
import type { LocalDate } from "../domain/dates.js";
import type { DeliveryKind } from "../domain/delivery.js";
import type { DisasterEvent } from "../domain/disaster.js";
import {
  type Closure,
  DEFAULT_TRANSACTION_DAY_RULE,
  type HolidayCalendar,
  type TransactionDayRule,
} from "../domain/transactionDay.js";
import type { ReminderConfig } from "./config.js";
import { type Book, readBook } from "./planning/book.js";
import { planBorrowerReminders } from "./planning/borrowers.js";
import { DayPlan } from "./planning/dayPlan.js";
import { disasterEventsFor, loadOpenReports, planDisasterNotices } from "./planning/disasters.js";
import { ExperimentDay } from "./planning/experiments.js";
import { planGroupHeadLists } from "./planning/groupHeads.js";
import { readIndexedBook } from "./planning/indexedBook.js";
import { planHolidayNotice, planOfficerSummaries } from "./planning/officers.js";
import { officerSummaryDue } from "./rules.js";

export const REMINDER_SOURCE = "reminders";

export interface PlanOptions {
  config: ReminderConfig;
  closures: readonly Closure[];
  i18n: I18n;
  /** Admins get the officer summary of every commune. */
  adminIds?: readonly number[];
  /** Where a transaction day in a closure or on a weekend goes (holidays.json; the default when absent). */
  transactionDayRule?: TransactionDayRule;
  /**
   * The last day the holiday data is known complete: admins are warned when it is near, and a
   * session past it is said to be worked out as if no holiday fell there.
   */
  holidaysCoverUntil?: LocalDate;
  /** Weekend days made working days (làm bù): a transaction day moved off a weekend may land there. */
  workingDays?: readonly LocalDate[];
  /** SMS and Zalo, in the order the bank tries them, for households Telegram does not reach. */
  phoneChannels?: readonly PhoneChannel[];
  /** Which kinds each phone channel can carry (Zalo: those with a template); all when absent. */
  carries?: CarriesKind;
  /** The bank's Zalo templates show the customer code (ZNS_TEMPLATE_CUSTOMER_CODE). */
  znsCustomerCode?: boolean;
  /** Temporary reliefs (default: the catalogue's); a suspension of interest collection stops interest reminders. */
  reliefs?: readonly Relief[];
  /** Declared disaster events in force today or ending yesterday (default: read from the store). */
  disasters?: readonly DisasterEvent[];
  now?: Date;
  /** "book": read every household, loan and account rather than the index (the index's reference in tests). */
  bookSource?: "index" | "book";
}

export interface PlanReport {
  date: LocalDate;
  planned: Partial<Record<DeliveryKind, number>>;
  alreadyPlanned: number;
  /** Deliveries planned per channel. */
  channels: Partial<Record<Channel, number>>;
  /** muted: turned off by the borrower; unreachable: chats Telegram refused; optedOut: no SMS or Zalo wanted. */
  skipped: {
    muted: number;
    unreachable: number;
    optedOut: number;
    suspended: number;
    held: number;
    experiment: number;
  };
  /** Reminders sent by a later phone channel than the household's first, by that first channel (no Zalo template). */
  fallbacks: Partial<Record<PhoneChannel, number>>;
  durationMs: number;
  /** Where the time went: reading the book, rendering the messages, writing the outbox. */
  phasesMs: { read: number; render: number; enqueue: number };
  /**
   * What was read: the index's due groups (with, on the weekly summaries' day, every group streamed
   * for their figures), or the book itself (index stale).
   */
  read: BookRead;
}

/** Households and accounts read, and how long it took. */
type BookRead = { from: "index-due" | "index-due+figures" | "book"; households: number; accounts: number; ms: number };

/**
 * The book for `today`: from the planner's index, only the groups with something due (all of them on
 * the weekly summary day); the book itself while the index is stale (an import is writing or was cut
 * off) or when asked (`bookSource: "book"`, the reference the index is tested against).
 */
async function readBookFor(
  today: LocalDate,
  calendar: HolidayCalendar,
  config: ReminderConfig,
  source: "index" | "book",
  disasters: readonly DisasterEvent[],
): Promise<{ book: Book; read: BookRead }> {
  const started = performance.now();
  const ms = () => Math.round(performance.now() - started);
  const state = source === "index" ? await planningIndexState() : null;
  if (!state || state.stale) {
    const book = await readBook(today, calendar);
    return { book, read: { from: "book", households: book.households.size, accounts: book.accounts.size, ms: ms() } };
  }
  const weekly = officerSummaryDue(today, config);
  const book = await readIndexedBook(today, calendar, config, state.overdueDates, weekly, disasters);
  const from = weekly ? "index-due+figures" : "index-due";
  return { book, read: { from, households: book.households.size, accounts: book.accounts.size, ms: ms() } };
}

/**
 * Plans one local day's deliveries: reminders to linked borrowers, lists to linked group heads and
 * the weekly officer summary, each rendered in the recipient's language and written to the outbox.
 * Planning the same day again adds only what is new (e.g. after a re-import). Reads from the
 * planner's index only the groups with something due (readBookFor), and works in memory.
 */
export async function planReminders(today: LocalDate, options: PlanOptions): Promise<PlanReport> {
  return withLock("plan-reminders", 10 * 60_000, () => plan(today, options));
}

/** The day's deliveries as planning renders them, written nowhere, and what was read. */
export async function renderDay(today: LocalDate, options: PlanOptions): Promise<{ day: DayPlan; read: BookRead }> {
  const { config, closures } = options;
  const calendar = {
    closures,
    workingDays: options.workingDays ?? [],
    rule: options.transactionDayRule ?? DEFAULT_TRANSACTION_DAY_RULE,
    coversUntil: options.holidaysCoverUntil ?? null,
  };
  const disasters = options.disasters ?? (await disasterEventsFor(today));
  const { book, read } = await readBookFor(today, calendar, config, options.bookSource ?? "index", disasters);
  const day = new DayPlan(
    today,
    book,
    options.i18n,
    options.phoneChannels ?? [],
    options.carries,
    options.znsCustomerCode ?? false,
    options.reliefs ?? loadProgrammeCatalogue().reliefs,
    disasters,
  );
  await loadOpenReports(day);
  day.experiments = await ExperimentDay.load(today);
  planBorrowerReminders(day, config);
  planDisasterNotices(day);
  planGroupHeadLists(day, config);
  if (officerSummaryDue(today, config)) await planOfficerSummaries(day, options.adminIds ?? []);
  if (options.holidaysCoverUntil) planHolidayNotice(day, options.adminIds ?? [], options.holidaysCoverUntil);
  return { day, read };
}

async function plan(today: LocalDate, options: PlanOptions): Promise<PlanReport> {
  const started = options.now ?? new Date();
  const clock = performance.now();
  const { config, closures } = options;
  await releasePlanningBatches(REMINDER_SOURCE);
  const { day, read } = await renderDay(today, options);
  const renderDone = performance.now();
  const result = await enqueueDeliveries(REMINDER_SOURCE, today, day.deliveries, {
    batchSize: config.dispatch.batchSize,
    notBefore: nextSendingTime(started, config, closures),
    now: started,
  });
  await day.experiments.save();
  const planned: Partial<Record<DeliveryKind, number>> = {};
  const channels: Partial<Record<Channel, number>> = {};
  for (const d of day.deliveries) {
    planned[d.kind] = (planned[d.kind] ?? 0) + 1;
    const channel = d.channel ?? "telegram";
    channels[channel] = (channels[channel] ?? 0) + 1;
  }
  const { skipped } = day;
  const durationMs = Math.round(performance.now() - clock);
  await savePlanRun(today, started, { durationMs, planned, alreadyPlanned: result.alreadyPlanned, skipped });
  return {
    date: today,
    planned,
    alreadyPlanned: result.alreadyPlanned,
    channels,
    skipped,
    fallbacks: day.fallbacks,
    durationMs,
    read,
    phasesMs: {
      read: read.ms,
      render: Math.round(renderDone - clock) - read.ms,
      enqueue: Math.round(performance.now() - renderDone),
    },
  };
}
