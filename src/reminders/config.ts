import { readFileSync } from "node:fs";
import { z } from "zod";
import { ConfigError } from "../app/config.js";
import { deliverySettingsShape, timeOfDay } from "../delivery/settings.js";
import { broadcastConfigSchema } from "../domain/broadcast.js";

const weekday = z.number().int().min(1, "1 = Monday … 7 = Sunday").max(7, "1 = Monday … 7 = Sunday");

/**
 * The sending settings file (REMINDERS_CONFIG_FILE): when reminders go out (the fields below, owned
 * here), how everything is sent (delivery/settings.ts) and when broadcasts need approval
 * (domain/broadcast.ts). Defaults follow the bank's SMS practice; every figure is validated here.
 */
export const reminderConfigSchema = z.object({
  ...deliverySettingsShape,
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
  /** Officers' broadcasts go through the same dispatcher, window and limits. */
  broadcasts: broadcastConfigSchema.prefault({}),
});

export type ReminderConfig = z.infer<typeof reminderConfigSchema>;

/**
 * The reminder settings: defaults, overridden by the JSON file REMINDERS_CONFIG_FILE names. A bad
 * file stops start-up with one line per problem, like every other setting.
 */
export function loadReminderConfig(file: string | undefined): ReminderConfig {
  if (!file) return reminderConfigSchema.parse({});
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new ConfigError([`REMINDERS_CONFIG_FILE: cannot read ${file} as JSON (${(error as Error).message})`]);
  }
  const result = reminderConfigSchema.safeParse(raw);
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map(
        (i) => `REMINDERS_CONFIG_FILE ${file}: ${i.path.join(".") || "(top level)"}: ${i.message}`,
      ),
    );
  }
  return result.data;
}
