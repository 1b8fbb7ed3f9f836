import { expect } from "vitest";
import { HouseholdModel, LoanModel } from "../../src/data/models/index.js";

/** What an import that raises every loan's interest by 1,000 ₫ should leave, however it was cut off. */
export interface InterestRaise {
  oldInterest: Map<string, number>;
  loans: number;
  households: number;
}

/** How many stored loans have their new interest; fails on any loan missing or in neither form. */
export async function loansUpdated({ oldInterest, loans, households }: InterestRaise): Promise<number> {
  expect(await LoanModel.countDocuments({})).toBe(loans);
  expect(await HouseholdModel.countDocuments({})).toBe(households);
  let updated = 0;
  for (const loan of await LoanModel.find({}, { interestDueNext: 1 }).lean()) {
    const before = oldInterest.get(String(loan._id)) ?? -1;
    expect([before, before + 1000]).toContain(loan.interestDueNext);
    if (loan.interestDueNext === before + 1000) updated++;
  }
  return updated;
}
