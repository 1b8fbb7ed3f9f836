import { readFileSync } from "node:fs";
import { ConfigError } from "../app/config.js";
import { type ReminderConfig, reminderConfigSchema } from "../domain/reminders.js";

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
