import { inForce, rateAfterReliefs, suspensionOn } from "../../catalogue/rates.js";
import type { Relief } from "../../catalogue/schema.js";
import type { LocalDate } from "../../domain/dates.js";
import type { Dong } from "../../domain/money.js";
import { interestForDays, type RatePpm } from "../../domain/rates.js";

export interface StatementLoan {
  loanNumber: string;
  programmeCode: string;
  outstandingPrincipal: Dong;
  overduePrincipal: Dong;
  /** Frozen debt (dư nợ khoanh) and unpaid interest (lãi tồn), as the bank's file holds them. */
  frozenAmount: Dong;
  unpaidInterest: Dong;
  interestDueNext: Dong;
  annualRatePpm: RatePpm;
  nextInstallment: { dueOn: LocalDate; amount: Dong } | null;
}

/** What a household brings to a transaction day, by part; `total` is their sum. */
export interface SessionAmount {
  interest: Dong;
  principal: Dong;
  overdue: Dong;
  unpaidInterest: Dong;
  total: Dong;
}

/**
 * The amount to bring to the transaction day `session`: the interest due, the installments falling
 * due by that day, and what is already overdue or unpaid (overdue principal, unpaid interest).
 * Frozen debt is not due while it is frozen.
 */
export function amountForSession(
  loans: readonly StatementLoan[],
  session: LocalDate,
  /** Interest collection is suspended on that day (a relief): no interest is brought. */
  interestSuspended = false,
): SessionAmount {
  const sum = (pick: (l: StatementLoan) => Dong) => loans.reduce((s, l) => s + pick(l), 0);
  const parts = {
    interest: interestSuspended ? 0 : sum((l) => l.interestDueNext),
    principal: sum((l) => (l.nextInstallment && l.nextInstallment.dueOn <= session ? l.nextInstallment.amount : 0)),
    overdue: sum((l) => l.overduePrincipal),
    unpaidInterest: interestSuspended ? 0 : sum((l) => l.unpaidInterest),
  };
  return { ...parts, total: parts.interest + parts.principal + parts.overdue + parts.unpaidInterest };
}

/** Shows only the last four characters of a loan number: enough to recognise it on the loan book. */
export function maskLoanNumber(loanNumber: string): string {
  return loanNumber.length <= 4 ? loanNumber : `•••${loanNumber.slice(-4)}`;
}

export interface PaymentEvent {
  date: LocalDate;
  kind: "interest" | "principal";
  amount: Dong;
  /** Interest of sessions after the next one is not in the bank's data: it is estimated (30 days). */
  estimated: boolean;
  /** Interest collection is suspended that day (a relief): nothing to pay, the relief is named. */
  suspended: Relief | null;
}

/**
 * The household's next payments: interest on each transaction day (the bank's figure for the next
 * session, an estimate after that) and principal installments on their due dates, soonest first.
 */
export function upcomingPayments(
  loans: readonly StatementLoan[],
  sessions: readonly LocalDate[],
  today: LocalDate,
  count = 3,
  /** The reliefs covering the household: an estimate uses the rate after cuts in force that day. */
  reliefs: readonly Relief[] = [],
): PaymentEvent[] {
  const events: PaymentEvent[] = [];
  sessions.forEach((date, i) => {
    const onDay = inForce(reliefs, date);
    const amount =
      i === 0
        ? loans.reduce((sum, l) => sum + l.interestDueNext, 0)
        : loans.reduce(
            (sum, l) => sum + interestForDays(l.outstandingPrincipal, rateAfterReliefs(l.annualRatePpm, onDay), 30),
            0,
          );
    const suspended = suspensionOn(reliefs, date);
    if (amount > 0) events.push({ date, kind: "interest", amount, estimated: i > 0, suspended });
  });
  const principalByDate = new Map<LocalDate, Dong>();
  for (const loan of loans) {
    const installment = loan.nextInstallment;
    if (installment && installment.dueOn >= today && installment.amount > 0) {
      principalByDate.set(installment.dueOn, (principalByDate.get(installment.dueOn) ?? 0) + installment.amount);
    }
  }
  for (const [date, amount] of principalByDate) {
    events.push({ date, kind: "principal", amount, estimated: false, suspended: null });
  }
  events.sort((a, b) => (a.date === b.date ? a.kind.localeCompare(b.kind) : a.date < b.date ? -1 : 1));
  return events.slice(0, count);
}
