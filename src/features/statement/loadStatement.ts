import { calendarOf, loadHolidays, loadProgrammeCatalogue } from "../../catalogue/load.js";
import { reliefsOfPlace } from "../../catalogue/rates.js";
import type { Relief } from "../../catalogue/schema.js";
import { group, household, lastImportFinishedAt, openLoansOf, storedLoanRate } from "../../data/book.js";
import { pointOnFile } from "../../data/points.js";
import type { LocalDate } from "../../domain/dates.js";
import { nextSessionsOf, type TransactionPlace, transactionPlaceOf } from "../../domain/transactionPoint.js";
import type { StatementLoan } from "./rules.js";

export interface Statement {
  customerCode: string;
  savingsBalance: number;
  loans: StatementLoan[];
  /** The group's transaction point as messages say it (its next session's), or null when none is on file. */
  transactionPoint: TransactionPlace | null;
  sessions: LocalDate[];
  /** The last day the holiday data covers: sessions past it were worked out as if no holiday fell there. */
  holidaysKnownUntil: LocalDate | null;
  groupHead: { name: string; phone: string | null; isSelf: boolean } | null;
  dataAsOf: Date | null;
  /**
   * Temporary reliefs (rate cuts, suspended interest collection) that cover this household's office,
   * commune or transaction point, at any date: the views show those in force on the day concerned.
   */
  reliefs: Relief[];
}

/** Everything the balance and due-date views show for one household, read from the database. */
export async function loadStatement(
  customerCode: string,
  today: LocalDate,
  /** The reliefs to apply (default: the catalogue's). */
  reliefs: readonly Relief[] = loadProgrammeCatalogue().reliefs,
): Promise<Statement | null> {
  const home = await household(customerCode);
  if (!home) return null;
  const [loans, ownGroup, dataAsOf] = await Promise.all([
    openLoansOf(customerCode, home.loanNumbers),
    group(home.groupCode),
    lastImportFinishedAt(),
  ]);
  const [head, point] = await Promise.all([
    ownGroup?.headCode ? household(ownGroup.headCode) : null,
    ownGroup ? pointOnFile(ownGroup.pointCode) : null,
  ]);
  const calendar = calendarOf(loadHolidays());
  const sessions = point ? nextSessionsOf(today, point, calendar, 3) : [];
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
    transactionPoint: point && sessions[0] ? transactionPlaceOf(point, sessions[0], calendar) : null,
    sessions,
    holidaysKnownUntil: calendar.coversUntil,
    groupHead: head
      ? {
          name: head.fullName,
          phone: head.phoneShareable ? (head.phones[0] ?? null) : null,
          isSelf: String(head._id) === customerCode,
        }
      : null,
    dataAsOf,
    reliefs: reliefsOfPlace({ reliefs }, { ...home, pointCode: ownGroup?.pointCode ?? null }),
  };
}
