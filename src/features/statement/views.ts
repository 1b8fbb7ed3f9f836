import { inForce, suspensionOn } from "../../catalogue/rates.js";
import type { Programme, Relief } from "../../catalogue/schema.js";
import { formatDateVi, type LocalDate, vietnamDate } from "../../domain/dates.js";
import { escapeHtml } from "../../domain/html.js";
import { formatVnd } from "../../domain/money.js";
import { formatVnPhone } from "../../domain/phone.js";
import { formatRate } from "../../domain/rates.js";
import type { Locale, Translate } from "../../i18n.js";
import { placeText } from "../../reminders/messages.js";
import type { Statement } from "./loadStatement.js";
import { amountForSession, maskLoanNumber, upcomingPayments } from "./rules.js";

/** The balance message (HTML): every loan, savings, data date and group head. Pure: easy to test. */
/** A relief as a borrower reads it: what, until when, and the decision behind it. */
function reliefLine(t: Translate, locale: Locale, relief: Relief): string {
  const common = {
    text: escapeHtml(relief.text[locale]),
    to: formatDateVi(relief.to),
    basis: escapeHtml(relief.basis),
  };
  return relief.kind === "interest-suspended"
    ? t("balance-relief-suspended", common)
    : t("balance-relief", { ...common, reduction: formatRate(relief.reductionPpm ?? 0, locale) });
}

export function balanceView(
  t: Translate,
  locale: Locale,
  statement: Statement,
  programmes: ReadonlyMap<string, Programme>,
  today: LocalDate,
): string {
  const nextSession = statement.sessions[0];
  const lines = [t("balance-title")];
  if (statement.loans.length === 0) lines.push(t("balance-no-loans"));
  for (const loan of statement.loans) {
    const name = programmes.get(loan.programmeCode)?.name[locale] ?? loan.programmeCode;
    lines.push("");
    lines.push(t("balance-loan", { programme: escapeHtml(name), loan: escapeHtml(maskLoanNumber(loan.loanNumber)) }));
    lines.push(t("balance-outstanding", { amount: formatVnd(loan.outstandingPrincipal) }));
    if (loan.overduePrincipal > 0) lines.push(t("balance-overdue", { amount: formatVnd(loan.overduePrincipal) }));
    if (loan.frozenAmount > 0) lines.push(t("balance-frozen", { amount: formatVnd(loan.frozenAmount) }));
    if (loan.unpaidInterest > 0) lines.push(t("balance-unpaid-interest", { amount: formatVnd(loan.unpaidInterest) }));
    if (loan.interestDueNext > 0) lines.push(t("balance-interest", { amount: formatVnd(loan.interestDueNext) }));
    if (loan.nextInstallment) {
      lines.push(
        t("balance-installment", {
          amount: formatVnd(loan.nextInstallment.amount),
          date: formatDateVi(loan.nextInstallment.dueOn),
        }),
      );
    }
  }
  for (const relief of inForce(statement.reliefs, today)) lines.push("", reliefLine(t, locale, relief));
  if (nextSession && statement.loans.length > 0) lines.push("", sessionTotalLine(t, statement, nextSession));
  lines.push("", t("balance-savings", { amount: formatVnd(statement.savingsBalance) }));
  if (statement.groupHead) lines.push(t("balance-group-head", { name: escapeHtml(statement.groupHead.name) }));
  if (statement.dataAsOf) lines.push("", t("data-as-of", { date: formatDateVi(vietnamDate(statement.dataAsOf)) }));
  return lines.join("\n");
}

/** "Mang đến kỳ giao dịch 20/12/2026 tại …: 1.250.000 ₫ (lãi …, gốc …)", the place said once. */
function sessionTotalLine(t: Translate, statement: Statement, session: LocalDate): string {
  const amount = amountForSession(statement.loans, session, suspensionOn(statement.reliefs, session) !== null);
  const parts = (["interest", "principal", "overdue", "unpaidInterest"] as const)
    .filter((key) => amount[key] > 0)
    .map((key) => t(`balance-part-${key}`, { amount: formatVnd(amount[key]) }))
    .join(", ");
  return t("balance-session-total", {
    date: formatDateVi(session),
    place: placeText(t, statement.transactionPoint),
    hours: escapeHtml(statement.transactionPoint?.hours ?? ""),
    total: formatVnd(amount.total),
    parts: parts ? ` (${parts})` : "",
  });
}

/** The next three payments with date, amount and place. */
export function dueDatesView(t: Translate, statement: Statement, today: LocalDate): string {
  const events = upcomingPayments(statement.loans, statement.sessions, today, 3, statement.reliefs);
  if (events.length === 0) return t("due-none");
  const place = placeText(t, statement.transactionPoint);
  const hours = escapeHtml(statement.transactionPoint?.hours ?? "");
  const lines = [t("due-title")];
  for (const e of events) {
    if (e.suspended) {
      const basis = escapeHtml(e.suspended.basis);
      lines.push(t("due-interest-suspended", { date: formatDateVi(e.date), basis, to: formatDateVi(e.suspended.to) }));
      continue;
    }
    lines.push(
      t(e.kind === "interest" ? (e.estimated ? "due-interest-estimated" : "due-interest") : "due-principal", {
        date: formatDateVi(e.date),
        amount: formatVnd(e.amount),
        place,
        hours,
      }),
    );
  }
  const until = statement.holidaysKnownUntil;
  if (until && events.some((e) => e.kind === "interest" && e.date > until)) {
    lines.push(t("session-assumed", { until: formatDateVi(until) }));
  }
  return lines.join("\n");
}

export function groupHeadView(t: Translate, statement: Statement): string {
  const head = statement.groupHead;
  if (!head) return t("group-head-unknown");
  if (head.isSelf) return t("group-head-self");
  const name = escapeHtml(head.name);
  return head.phone
    ? t("group-head-with-phone", { name, phone: formatVnPhone(head.phone) })
    : t("group-head-no-phone", { name });
}
