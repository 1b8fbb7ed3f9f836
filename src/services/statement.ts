import { loadHolidays, loadProgrammeCatalogue } from "../catalogue/load.js";
import { reliefsFor } from "../catalogue/rates.js";
import type { Relief } from "../catalogue/schema.js";
import { CommuneModel, GroupModel, HouseholdModel, ImportBatchModel, LoanModel } from "../db/models/index.js";
import { storedLoanRate } from "../db/models/loan.js";
import type { LocalDate } from "../domain/dates.js";
import { nextSessions, type StatementLoan } from "../domain/statement.js";

export interface Statement {
  customerCode: string;
  savingsBalance: number;
  loans: StatementLoan[];
  transactionPoint: { place: string; hours: string; day: number } | null;
  sessions: LocalDate[];
  groupHead: { name: string; phone: string | null; isSelf: boolean } | null;
  dataAsOf: Date | null;
  /** Temporary rate cuts in force today for this household's office or commune. */
  reliefs: Relief[];
}

/**
 * Reads the loans one by one by `_id` where the household lists them, else by `householdCode`. Both
 * are index seeks on MongoDB. FerretDB v1 scans for either, but filters an `_id` inside SQLite or
 * PostgreSQL instead of decoding every loan: 20 times faster at 20,000 households.
 */
async function openLoansOf(customerCode: string, loanNumbers: readonly string[] | null | undefined) {
  if (!loanNumbers) return LoanModel.find({ householdCode: customerCode, status: "open" }).sort({ _id: 1 }).lean();
  const found = await Promise.all(loanNumbers.map((id) => LoanModel.findById(id).lean()));
  return found
    .filter((l): l is NonNullable<typeof l> => l?.householdCode === customerCode && l.status === "open")
    .sort((a, b) => (String(a._id) < String(b._id) ? -1 : 1));
}

/** Everything the balance and due-date views show for one household, read from the database. */
export async function loadStatement(customerCode: string, today: LocalDate): Promise<Statement | null> {
  const household = await HouseholdModel.findById(customerCode).lean();
  if (!household) return null;
  const [loans, commune, group, lastImport] = await Promise.all([
    openLoansOf(customerCode, household.loanNumbers),
    CommuneModel.findById(household.communeCode).lean(),
    GroupModel.findById(household.groupCode).lean(),
    ImportBatchModel.findOne({ outcome: { $in: ["applied", "unchanged"] } }, { finishedAt: 1 })
      .sort({ startedAt: -1 })
      .lean(),
  ]);
  const head = group?.headCode ? await HouseholdModel.findById(group.headCode).lean() : null;
  const point = commune?.transactionPoint ?? null;
  const holidays = loadHolidays();
  return {
    customerCode,
    savingsBalance: household.savingsBalance,
    loans: loans.map((l) => ({
      loanNumber: String(l._id),
      programmeCode: l.programmeCode,
      outstandingPrincipal: l.outstandingPrincipal,
      overduePrincipal: l.overduePrincipal,
      frozenAmount: l.frozenAmount ?? 0,
      unpaidInterest: l.unpaidInterest ?? 0,
      interestDueNext: l.interestDueNext,
      annualRatePpm: storedLoanRate(l),
      nextInstallment: l.nextInstallment ? { dueOn: l.nextInstallment.dueOn, amount: l.nextInstallment.amount } : null,
    })),
    transactionPoint: point ? { place: point.place, hours: point.hours, day: point.day } : null,
    sessions: point ? nextSessions(today, point.day, holidays.closures, 3, holidays.transactionDayRule) : [],
    groupHead: head
      ? {
          name: head.fullName,
          phone: head.phoneShareable ? (head.phones[0] ?? null) : null,
          isSelf: String(head._id) === customerCode,
        }
      : null,
    dataAsOf: lastImport?.finishedAt ?? null,
    reliefs: reliefsFor(loadProgrammeCatalogue(), today, household),
  };
}
