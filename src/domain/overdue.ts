import type { LocalDate } from "./dates.js";
import { daysBetween } from "./dates.js";
import type { Dong } from "./money.js";

export { interestForDays, penaltyRate } from "./rates.js";

import { interestForDays, penaltyRate, type RatePpm } from "./rates.js";

export function penaltyInterest(overduePrincipal: Dong, loanRate: RatePpm, daysOverdue: number): Dong {
  return interestForDays(overduePrincipal, penaltyRate(loanRate), daysOverdue);
}

/** Days a payment due on `dueDate` is late on `today`; 0 when not yet late. */
export function daysPastDue(dueDate: LocalDate, today: LocalDate): number {
  return Math.max(0, daysBetween(dueDate, today));
}

export const OVERDUE_BUCKETS = ["current", "1-30", "31-90", "91-180", "181-360", "over-360"] as const;
export type OverdueBucket = (typeof OVERDUE_BUCKETS)[number];

/** Buckets follow the day bands of Vietnam's debt classification (Circular 11/2021). */
export function overdueBucket(daysOverdue: number): OverdueBucket {
  if (daysOverdue <= 0) return "current";
  if (daysOverdue <= 30) return "1-30";
  if (daysOverdue <= 90) return "31-90";
  if (daysOverdue <= 180) return "91-180";
  if (daysOverdue <= 360) return "181-360";
  return "over-360";
}
