/**
 * Interest rates, exact: an annual rate is held as an integer number of millionths of the principal
 * a year (parts per million), so 6.24 %/year = 62,400 and 7.9248 %/year = 79,248. That is exact to
 * 1/10,000 of a percent, the finest the bank's decisions use (7.9248 % = 127 % of 6.24 %), and keeps
 * every rate and money computation in integers.
 */
export type RatePpm = number;

const PPM_PER_PERCENT = 10_000;

/** Half-up rounding of a non-negative integer ratio, in BigInt so large balances stay exact. */
function divideHalfUp(numerator: bigint, denominator: bigint): bigint {
  return (numerator * 2n + denominator) / (denominator * 2n);
}

/** "7,9248", "7.488 %", "6" → millionths; null when it is not a percentage with at most 4 decimals. */
export function parsePercent(text: string): RatePpm | null {
  const m = /^(\d{1,3})(?:[.,](\d{1,4}))?\s*%?$/.exec(text.trim());
  if (!m) return null;
  return Number(m[1]) * PPM_PER_PERCENT + Number((m[2] ?? "").padEnd(4, "0"));
}

/** 79,248 → "7,9248" (vi) or "7.9248" (en): every decimal the rate has, and no more. */
export function formatRate(rate: RatePpm, locale: "vi" | "en"): string {
  const whole = Math.floor(rate / PPM_PER_PERCENT);
  const fraction = String(rate % PPM_PER_PERCENT)
    .padStart(4, "0")
    .replace(/0+$/, "");
  return fraction ? `${whole}${locale === "vi" ? "," : "."}${fraction}` : String(whole);
}

/** A share of a rate, as decisions set them ("120 % of the poor-household rate"), rounded half up. */
export function percentOfRate(rate: RatePpm, percent: number): RatePpm {
  return Number(divideHalfUp(BigInt(rate) * BigInt(percent), 100n));
}

/** The monthly rate the bank quotes: annual ÷ 12 (6.24 % → 0.52 %), rounded half up to 1/10,000 %. */
export function monthlyRate(annual: RatePpm): RatePpm {
  return Number(divideHalfUp(BigInt(annual), 12n));
}

/** The annual rate of a monthly one, exactly (0.52 %/month → 6.24 %/year). */
export function annualFromMonthly(monthly: RatePpm): RatePpm {
  return monthly * 12;
}

/** Overdue principal carries 130 % of the loan's rate. */
export const PENALTY_PERCENT_OF_LOAN_RATE = 130;

export function penaltyRate(loanRate: RatePpm): RatePpm {
  return percentOfRate(loanRate, PENALTY_PERCENT_OF_LOAN_RATE);
}

/**
 * Interest on `principal` đồng for `days` days at an annual rate, as the bank computes it: the
 * monthly rate (annual ÷ 12) spread over 30 days, rounded half up to a whole đồng.
 */
export function interestForDays(principal: number, annual: RatePpm, days: number): number {
  if (principal <= 0 || days <= 0) return 0;
  return Number(divideHalfUp(BigInt(principal) * BigInt(annual) * BigInt(days), 1_000_000n * 12n * 30n));
}
