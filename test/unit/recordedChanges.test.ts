import { describe, expect, it } from "vitest";
import {
  changesBetween,
  changesDigest,
  explainInterest,
  type HouseholdFigures,
  type LoanFigures,
} from "../../src/domain/recordedChanges.js";

const loan = (over: Partial<LoanFigures> = {}): LoanFigures => ({
  outstanding: 40_000_000,
  unpaidInterest: 0,
  interestDueNext: 208_000,
  overdue: 0,
  disbursed: 50_000_000,
  ratePpm: 62_400,
  programme: "HN",
  ...over,
});

const household = (loans: Record<string, LoanFigures>, savings = 100_000, asOf = "2026-11-19"): HouseholdFigures => ({
  asOf,
  savings,
  officeCode: "PGD1",
  communeCode: "X1",
  groupCode: "G1",
  pointCode: "P1",
  loans,
});

describe("changes between two imports", () => {
  it("reads each kind of change from the balances, one per loan and kind, in a fixed order", () => {
    const before = household(
      {
        A: loan(),
        B: loan({ outstanding: 10_000_000, overdue: 2_000_000, unpaidInterest: 30_000 }),
        C: loan({ outstanding: 5_000_000 }),
        D: loan(),
      },
      100_000,
    );
    const after = household(
      {
        A: loan({ outstanding: 35_000_000 }),
        B: loan({ outstanding: 8_000_000, overdue: 0, unpaidInterest: 0 }),
        D: loan({ overdue: 1_000_000, unpaidInterest: 208_000 }),
        E: loan({ disbursed: 30_000_000, outstanding: 30_000_000 }),
      },
      150_000,
      "2026-11-20",
    );
    expect(changesBetween(before, after, true)).toEqual([
      { kind: "interest-paid", loanNumber: "A", amount: 208_000, before: 208_000, after: 0 },
      { kind: "interest-paid", loanNumber: "B", amount: 238_000, before: 238_000, after: 0 },
      { kind: "interest-paid", loanNumber: "C", amount: 208_000, before: 208_000, after: 0 },
      { kind: "principal-paid", loanNumber: "A", amount: 5_000_000, before: 40_000_000, after: 35_000_000 },
      { kind: "principal-paid", loanNumber: "B", amount: 2_000_000, before: 10_000_000, after: 8_000_000 },
      { kind: "loan-settled", loanNumber: "C", amount: 5_000_000, before: 5_000_000, after: 0 },
      { kind: "savings-deposited", loanNumber: null, amount: 50_000, before: 100_000, after: 150_000 },
      { kind: "loan-disbursed", loanNumber: "E", amount: 30_000_000, before: 0, after: 30_000_000 },
      { kind: "overdue-cleared", loanNumber: "B", amount: 2_000_000, before: 2_000_000, after: 0 },
      { kind: "newly-overdue", loanNumber: "D", amount: 1_000_000, before: 0, after: 1_000_000 },
    ]);
  });

  it("counts interest as owed only when a transaction day passed in between", () => {
    const before = household({ A: loan() });
    const unchanged = household({ A: loan() }, 100_000, "2026-11-20");
    expect(changesBetween(before, unchanged, false)).toEqual([]);
    // The day passed and nothing was left unpaid: the month's interest was paid.
    expect(changesBetween(before, unchanged, true).map((c) => [c.kind, c.amount])).toEqual([
      ["interest-paid", 208_000],
    ]);
    // The day passed and the interest was added to what is unpaid: nothing was paid.
    const unpaid = household({ A: loan({ unpaidInterest: 208_000 }) }, 100_000, "2026-11-20");
    expect(changesBetween(before, unpaid, true)).toEqual([]);
  });

  it("sees savings withdrawn, and nothing at all between equal figures", () => {
    const before = household({ A: loan() }, 300_000);
    expect(changesBetween(before, household({ A: loan() }, 200_000), false)).toEqual([
      { kind: "savings-withdrawn", loanNumber: null, amount: 100_000, before: 300_000, after: 200_000 },
    ]);
    expect(changesBetween(before, before, false)).toEqual([]);
  });

  it("names the same changes with the same digest, and different ones differently", () => {
    const before = household({ A: loan() });
    const a = changesBetween(before, household({ A: loan({ outstanding: 39_000_000 }) }), false);
    const b = changesBetween(before, household({ A: loan({ outstanding: 39_000_000 }) }), false);
    const c = changesBetween(before, household({ A: loan({ outstanding: 38_000_000 }) }), false);
    expect(changesDigest(a)).toBe(changesDigest(b));
    expect(changesDigest(a)).not.toBe(changesDigest(c));
    expect(changesDigest(a)).toMatch(/^[A-Za-z0-9_-]{12}$/);
  });
});

describe("why this amount", () => {
  it("works a month of interest out at the catalogue's exact rate, the penalty at 130 % of it", () => {
    // 100,000,000 × 7.9248 % ÷ 12 = 660,400 exactly; overdue 10,000,000 × 10.30224 % ÷ 12 = 85,852.
    const e = explainInterest(
      { outstanding: 110_000_000, overdue: 10_000_000, ratePpm: 79_248, unpaidInterest: 0 },
      746_252,
      79_248,
    );
    expect(e).toMatchObject({
      principal: 100_000_000,
      monthInterest: 660_400,
      penaltyRatePpm: 103_022,
      penaltyInterest: 85_852,
      arrears: 0,
      paid: 746_252,
      rateDiffers: false,
    });
    expect(e.monthInterest + e.penaltyInterest).toBe(e.paid);
  });

  it("says when the loan's rate is not the catalogue's, and what of the payment was arrears", () => {
    const e = explainInterest(
      { outstanding: 40_000_000, overdue: 0, ratePpm: 66_000, unpaidInterest: 50_000 },
      258_000,
      62_400,
    );
    expect(e.monthInterest).toBe(208_000);
    expect(e.rateDiffers).toBe(true);
    expect(e.arrears).toBe(50_000);
    expect(e.monthInterest + e.arrears).toBe(e.paid);
  });
});
