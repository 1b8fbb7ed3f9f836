import { loadHolidays, loadProgrammeCatalogue } from "../../catalogue/load.js";
import { reliefsFor } from "../../catalogue/rates.js";
import type { Relief } from "../../catalogue/schema.js";
import { commune, group, household, lastImportFinishedAt, openLoansOf, storedLoanRate } from "../../data/book.js";
import type { LocalDate } from "../../domain/dates.js";
import { nextSessions, type StatementLoan } from "./rules.js";

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

/** Everything the balance and due-date views show for one household, read from the database. */
export async function loadStatement(customerCode: string, today: LocalDate): Promise<Statement | null> {
  const home = await household(customerCode);
  if (!home) return null;
  const [loans, place, ownGroup, dataAsOf] = await Promise.all([
    openLoansOf(customerCode, home.loanNumbers),
    commune(home.communeCode),
    group(home.groupCode),
    lastImportFinishedAt(),
  ]);
  const head = ownGroup?.headCode ? await household(ownGroup.headCode) : null;
  const point = place?.transactionPoint ?? null;
  const holidays = loadHolidays();
  return {
    customerCode,
    savingsBalance: home.savingsBalance,
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
    dataAsOf,
    reliefs: reliefsFor(loadProgrammeCatalogue(), today, home),
  };
}
