import { createHash } from "node:crypto";
import type { LocalDate } from "./dates.js";
import type { Dong } from "./money.js";
import { interestForDays, penaltyRate, type RatePpm } from "./rates.js";

/**
 * What the bank's data recorded for a household between two imports (issue 28): worked out from the
 * figures each import carries, since the bank's file has balances, not payments. Pure.
 */

/** One open loan as an import left it. */
export interface LoanFigures {
  outstanding: Dong;
  unpaidInterest: Dong;
  interestDueNext: Dong;
  overdue: Dong;
  disbursed: Dong;
  ratePpm: RatePpm;
  programme: string;
}

/** A household as an import left it: its savings and its open loans by loan number. */
export interface HouseholdFigures {
  /** The Vietnam date of the import these figures come from. */
  asOf: LocalDate;
  savings: Dong;
  officeCode: string;
  communeCode: string;
  groupCode: string;
  pointCode: string;
  loans: Record<string, LoanFigures>;
}

export const CHANGE_KINDS = [
  "interest-paid",
  "principal-paid",
  "loan-settled",
  "savings-deposited",
  "savings-withdrawn",
  "loan-disbursed",
  "overdue-cleared",
  "newly-overdue",
] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

/** One change: its amount, and the figure it changed before and after (for the officer, if disputed). */
export interface RecordedChange {
  kind: ChangeKind;
  loanNumber: string | null;
  amount: Dong;
  before: Dong;
  after: Dong;
}

/**
 * The changes between two imports of one household. `sessionPassed`: a transaction day of its point
 * fell after the earlier import and on or before the later one, so the interest then due
 * (`interestDueNext`) was owed in between; what is owed less what is still unpaid was paid.
 */
export function changesBetween(
  before: HouseholdFigures,
  after: HouseholdFigures,
  sessionPassed: boolean,
): RecordedChange[] {
  const changes: RecordedChange[] = [];
  for (const [number, was] of Object.entries(before.loans)) {
    changes.push(...loanChanges(number, was, after.loans[number] ?? null, sessionPassed));
  }
  for (const [number, loan] of Object.entries(after.loans)) {
    if (before.loans[number]) continue;
    changes.push({
      kind: "loan-disbursed",
      loanNumber: number,
      amount: loan.disbursed,
      before: 0,
      after: loan.outstanding,
    });
  }
  const saved = after.savings - before.savings;
  if (saved !== 0) {
    const kind = saved > 0 ? "savings-deposited" : "savings-withdrawn";
    changes.push({ kind, loanNumber: null, amount: Math.abs(saved), before: before.savings, after: after.savings });
  }
  return changes.sort((a, b) => CHANGE_KINDS.indexOf(a.kind) - CHANGE_KINDS.indexOf(b.kind));
}

/** A loan's changes; `now` null: the loan is closed (a full snapshot no longer lists it). */
function loanChanges(number: string, was: LoanFigures, now: LoanFigures | null, sessionPassed: boolean) {
  const changes: RecordedChange[] = [];
  const owed = was.unpaidInterest + (sessionPassed ? was.interestDueNext : 0);
  const stillUnpaid = now?.unpaidInterest ?? 0;
  if (owed > stillUnpaid) {
    changes.push({
      kind: "interest-paid",
      loanNumber: number,
      amount: owed - stillUnpaid,
      before: owed,
      after: stillUnpaid,
    });
  }
  const left = now?.outstanding ?? 0;
  if (left === 0) {
    if (was.outstanding > 0) {
      changes.push({
        kind: "loan-settled",
        loanNumber: number,
        amount: was.outstanding,
        before: was.outstanding,
        after: 0,
      });
    }
    return changes;
  }
  if (was.outstanding > left) {
    changes.push({
      kind: "principal-paid",
      loanNumber: number,
      amount: was.outstanding - left,
      before: was.outstanding,
      after: left,
    });
  }
  const overdue = now?.overdue ?? 0;
  if (was.overdue > 0 && overdue === 0) {
    changes.push({ kind: "overdue-cleared", loanNumber: number, amount: was.overdue, before: was.overdue, after: 0 });
  } else if (was.overdue === 0 && overdue > 0) {
    changes.push({ kind: "newly-overdue", loanNumber: number, amount: overdue, before: 0, after: overdue });
  }
  return changes;
}

/** What is still owed in principal after these figures. */
export const outstandingOf = (figures: HouseholdFigures): Dong =>
  Object.values(figures.loans).reduce((sum, l) => sum + l.outstanding, 0);

/** A short, stable name of a set of changes: part of the confirmation's key, so the same change is sent once. */
export function changesDigest(changes: readonly RecordedChange[]): string {
  const canonical = changes.map((c) => [c.kind, c.loanNumber, c.amount, c.before, c.after]);
  return createHash("sha256").update(JSON.stringify(canonical)).digest("base64url").slice(0, 12);
}

/** Counts of changes by kind (an import's summary). */
export function countByKind(changes: readonly RecordedChange[], into: Partial<Record<ChangeKind, number>> = {}) {
  for (const c of changes) into[c.kind] = (into[c.kind] ?? 0) + 1;
  return into;
}

/** Days of interest a month, as the bank counts them (domain/rates.ts interestForDays). */
export const DAYS_OF_A_MONTH = 30;

/**
 * Why an interest payment is what it is: a month's interest on the principal at the catalogue's rate
 * for the programme (30 days at annual ÷ 12), plus the penalty rate on overdue principal, and what the
 * payment carries beyond that (interest left unpaid before). `catalogueRatePpm` null: the catalogue
 * has no rate for the programme on that day, and the loan's own rate is shown alone.
 */
export interface InterestExplanation {
  principal: Dong;
  loanRatePpm: RatePpm;
  catalogueRatePpm: RatePpm | null;
  days: number;
  monthInterest: Dong;
  overduePrincipal: Dong;
  penaltyRatePpm: RatePpm;
  penaltyInterest: Dong;
  /** Interest unpaid before this period, paid now too. */
  arrears: Dong;
  paid: Dong;
  /** The loan's rate differs from the catalogue's for its programme: the officer should be asked. */
  rateDiffers: boolean;
}

export function explainInterest(
  was: Pick<LoanFigures, "outstanding" | "overdue" | "ratePpm" | "unpaidInterest">,
  paid: Dong,
  catalogueRatePpm: RatePpm | null,
): InterestExplanation {
  const rate = catalogueRatePpm ?? was.ratePpm;
  const current = Math.max(0, was.outstanding - was.overdue);
  const monthInterest = interestForDays(current, rate, DAYS_OF_A_MONTH);
  const penaltyRatePpm = penaltyRate(rate);
  const penaltyInterest = interestForDays(was.overdue, penaltyRatePpm, DAYS_OF_A_MONTH);
  return {
    principal: current,
    loanRatePpm: was.ratePpm,
    catalogueRatePpm,
    days: DAYS_OF_A_MONTH,
    monthInterest,
    overduePrincipal: was.overdue,
    penaltyRatePpm,
    penaltyInterest,
    arrears: Math.min(was.unpaidInterest, paid),
    paid,
    rateDiffers: catalogueRatePpm !== null && catalogueRatePpm !== was.ratePpm,
  };
}
