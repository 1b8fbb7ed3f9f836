import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import type { Closure, HolidayCalendar } from "../domain/transactionDay.js";
import { type Catalogue, catalogueSchema, type Holidays, holidaysSchema } from "./schema.js";

/** The data files live in <repo>/catalogue, two levels above this module in both src/ and dist/. */
export const CATALOGUE_DIR = fileURLToPath(new URL("../../catalogue/", import.meta.url));

function loadJson<T>(file: string, schema: z.ZodType<T>): T {
  const path = `${CATALOGUE_DIR}${file}`;
  const parsed = schema.safeParse(JSON.parse(readFileSync(path, "utf8")));
  if (!parsed.success) {
    throw new Error(`${path} is not valid:\n${z.prettifyError(parsed.error)}`);
  }
  return parsed.data;
}

let programmes: Catalogue | undefined;
let holidays: Holidays | undefined;
/** Closures officers added by command (kept in the database; features/closures/calendar.ts refreshes them). */
let addedClosures: Holidays["closures"] = [];

/** Closures from elsewhere than the file (an officer's command, a test setting), with their basis. */
export function announcedClosures(closures: readonly Closure[], basis: string): Holidays["closures"] {
  return closures.map((c) => ({ from: c.from, to: c.to, name: c.name, status: "announced" as const, basis }));
}

export function loadProgrammeCatalogue(): Catalogue {
  programmes ??= loadJson("programmes.json", catalogueSchema);
  return programmes;
}

/** The holiday file's data, with the closures officers added by command. */
export function loadHolidays(): Holidays {
  holidays ??= loadJson("holidays.json", holidaysSchema);
  return addedClosures.length === 0 ? holidays : { ...holidays, closures: [...holidays.closures, ...addedClosures] };
}

/** The holidays as a calendar for working out transaction days (domain/transactionDay.ts). */
export function calendarOf(holidays: Holidays): HolidayCalendar {
  return {
    closures: holidays.closures,
    workingDays: holidays.workingDays.map((w) => w.date),
    rule: holidays.transactionDayRule,
    coversUntil: holidays.coversUntil,
  };
}

/** Replaces the closures added by command (read from the database by features/closures/calendar.ts). */
export function setAddedClosures(closures: readonly Closure[]): void {
  addedClosures = announcedClosures(closures, "added by an officer (/closure)");
}
