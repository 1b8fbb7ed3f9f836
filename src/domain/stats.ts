import { addDays, isoWeekday, type LocalDate } from "./dates.js";
import type { Dong } from "./money.js";

/** The Monday that starts the week of a date (weeks are counted Monday to Sunday, as in Vietnam). */
export function weekStart(date: LocalDate): LocalDate {
  return addDays(date, 1 - isoWeekday(date));
}

/** The starts of the last `count` weeks, oldest first, ending with this week's. */
export function lastWeeks(today: LocalDate, count: number): LocalDate[] {
  const current = weekStart(today);
  return Array.from({ length: count }, (_, i) => addDays(current, -7 * (count - 1 - i)));
}

export interface OverdueByPlace {
  code: string;
  amount: Dong;
  count: number;
}

/** The `n` places with the most overdue debt, largest first (ties: by code, for a stable order). */
export function topByAmount<T extends OverdueByPlace>(rows: readonly T[], n: number): T[] {
  return [...rows]
    .filter((r) => r.amount > 0)
    .sort((a, b) => b.amount - a.amount || a.code.localeCompare(b.code))
    .slice(0, n);
}

/** "42,5%" / "42.5%": one decimal; 0 of 0 is 0%. */
export function percentOf(part: number, whole: number, locale: "vi" | "en"): string {
  const value = whole > 0 ? (part * 100) / whole : 0;
  return `${value.toLocaleString(locale === "vi" ? "vi-VN" : "en-US", { maximumFractionDigits: 1 })}%`;
}

/** Amounts on the chart's axis, in millions of đồng with one decimal. */
export function millions(amount: Dong): number {
  return Math.round(amount / 100_000) / 10;
}
