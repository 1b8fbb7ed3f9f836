import type { LocalDate } from "./dates.js";
import { daysBetween } from "./dates.js";
import type { Dong } from "./money.js";

/** Annual rates are held in basis points (6.6 %/year = 660) so that money arithmetic stays integral. */
export type RateBps = number;

/** Overdue principal carries 130 % of the loan's rate. */
export const PENALTY_RATE_PERCENT_OF_LOAN_RATE = 130;

export function penaltyRateBps(loanRateBps: RateBps): RateBps {
  return Math.round((loanRateBps * PENALTY_RATE_PERCENT_OF_LOAN_RATE) / 100);
}

/** 660 bps a year → 0.55 % a month; 825 → 0.6875 (kept to four decimals, as the bank prints them). */
export function monthlyRatePercent(annualRateBps: RateBps): number {
  return Math.round((annualRateBps / 12) * 100) / 10_000;
}

/**
 * Interest on `principal` for `days` days at an annual rate, computed as the bank does:
 * monthly rate (annual ÷ 12) spread over 30 days, rounded half up to a whole đồng.
 * BigInt keeps large balances exact.
 */
export function interestForDays(principal: Dong, annualRateBps: RateBps, days: number): Dong {
  if (principal <= 0 || days <= 0) return 0;
  const numerator = BigInt(principal) * BigInt(annualRateBps) * BigInt(days);
  const denominator = 10_000n * 12n * 30n;
  return Number((numerator * 2n + denominator) / (denominator * 2n));
}

export function penaltyInterest(overduePrincipal: Dong, loanRateBps: RateBps, daysOverdue: number): Dong {
  return interestForDays(overduePrincipal, penaltyRateBps(loanRateBps), daysOverdue);
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
