import type { I18n } from "@grammyjs/i18n";
import cron, { type ScheduledTask } from "node-cron";
import { loadHolidays } from "../catalogue/load.js";
import type { Holidays } from "../catalogue/schema.js";
import { type Clock, systemClock } from "../clock.js";
import { LockHeldError } from "../data/lock.js";
import type { Dispatcher } from "../delivery/dispatcher.js";
import type { CarriesKind, PhoneChannel } from "../domain/channels.js";
import { daysBetween, VIETNAM_TIME_ZONE, vietnamDate } from "../domain/dates.js";
import { holidayDataRunsShort } from "../domain/transactionDay.js";
import { refreshClosures } from "../features/closures/calendar.js";
import { type Logger, safeError } from "../logger.js";
import type { ReminderConfig } from "./config.js";
import { planReminders } from "./planner.js";

export interface ReminderJobs {
  /** When the next scheduled planning runs. */
  nextPlanAt(): Date | null;
  /** Resolves when the start-up catch-up planning has finished. */
  caughtUp: Promise<void>;
  stop(): Promise<void>;
}

export interface ReminderJobOptions {
  config: ReminderConfig;
  i18n: I18n;
  dispatcher: Dispatcher;
  /** The SMS and Zalo dispatchers, one per channel in use. */
  phoneDispatchers?: readonly Dispatcher[];
  /** SMS and Zalo in the order the bank tries them (planning). */
  phoneChannels?: readonly PhoneChannel[];
  /** Which kinds each phone channel can carry (Zalo: those with a template). */
  carries?: CarriesKind;
  /** The bank's Zalo templates show the customer code. */
  znsCustomerCode?: boolean;
  adminIds: readonly number[];
  log: Logger;
  /** The clock the day is read from (default: the system's). */
  clock?: Clock;
  /** The holidays to plan with (default: as they are now, officers' additions included). */
  holidays?: () => Holidays;
}

/** Plans today (by the options' clock), logs what was planned, and wakes the dispatchers. */
async function planToday(options: ReminderJobOptions, dispatchers: readonly Dispatcher[], reason: string) {
  const { log } = options;
  const now = (options.clock ?? systemClock).now();
  const today = vietnamDate(now);
  try {
    // Closures officers added by command since the last run count from today's plan on.
    await refreshClosures();
    const { closures, coversUntil, transactionDayRule, workingDays } = (options.holidays ?? loadHolidays)();
    const report = await planReminders(today, {
      config: options.config,
      closures,
      i18n: options.i18n,
      adminIds: options.adminIds,
      holidaysCoverUntil: coversUntil,
      transactionDayRule,
      workingDays: workingDays.map((w) => w.date),
      phoneChannels: options.phoneChannels ?? [],
      ...(options.carries ? { carries: options.carries } : {}),
      znsCustomerCode: options.znsCustomerCode ?? false,
      now,
    });
    const { planned, channels, skipped, fallbacks, durationMs: ms } = report;
    log.info({ reason, date: today, planned, channels, skipped, fallbacks, ms }, "reminders planned");
    if (holidayDataRunsShort(today, coversUntil)) {
      log.error(
        { date: today, coversUntil, daysLeft: daysBetween(today, coversUntil) },
        "the holiday data (catalogue/holidays.json) covers less than 90 days ahead: extend it",
      );
    }
    for (const d of dispatchers) d.wake();
  } catch (error) {
    if (error instanceof LockHeldError) log.info({ reason, date: today }, "another process is planning");
    else log.error({ reason, date: today, err: safeError(error) }, "planning reminders failed");
  }
}

/**
 * The reminder schedule: plan the day at `planAt` (Asia/Ho_Chi_Minh) with node-cron, and keep the
 * dispatcher running. On start-up today's plan is made straight away, so a schedule missed while the
 * process was down is caught up (planning is idempotent: a day already planned gains nothing twice).
 * Several processes may run this; the planner's lock and the dispatcher's lease keep it single.
 */
export function startReminderJobs(options: ReminderJobOptions): ReminderJobs {
  const { config, dispatcher, log } = options;
  const dispatchers = [dispatcher, ...(options.phoneDispatchers ?? [])];
  const [hh, mm] = config.planAt.split(":").map(Number) as [number, number];
  const task: ScheduledTask = cron.schedule(
    `${mm} ${hh % 24} * * *`,
    () => planToday(options, dispatchers, "schedule"),
    {
      name: "plan-reminders",
      timezone: VIETNAM_TIME_ZONE,
      noOverlap: true,
    },
  );
  const caughtUp = planToday(options, dispatchers, "start-up");
  const running = Promise.all(
    dispatchers.map((d) =>
      d.run((report) => {
        if (report.batches > 0) log.info({ channel: d.channel.name, dispatch: { ...report } }, "reminders dispatched");
      }),
    ),
  );
  return {
    nextPlanAt: () => task.getNextRun(),
    caughtUp,
    async stop() {
      await task.stop();
      for (const d of dispatchers) d.stop();
      await running;
      for (const d of dispatchers) await d.channel.close?.();
    },
  };
}
