import { formatDateVi, isoWeekday, type LocalDate } from "../domain/dates.js";
import type { CollectionRow, CommuneOverdue, LinkStatus, OverdueRow } from "../domain/groupLists.js";
import { groupShortName } from "../domain/groupLists.js";
import { escapeHtml } from "../domain/html.js";
import { splitIntoMessages } from "../domain/messageParts.js";
import { formatVnd } from "../domain/money.js";
import { formatRate, penaltyRate } from "../domain/rates.js";
import { placeWithPoint, type TransactionPlace } from "../domain/transactionPoint.js";
import { maskLoanNumber } from "../features/statement/rules.js";
import type { Locale, Translate } from "../i18n.js";
import type { PlannedReminder } from "./rules.js";

/**
 * The text of every reminder, list and summary (Telegram HTML). Pure: the translation function and
 * all data come in, so each message can be checked in a unit test. Every piece of imported data is
 * escaped.
 */

export { MESSAGE_LIMIT, splitIntoMessages } from "../domain/messageParts.js";

export type { TransactionPlace } from "../domain/transactionPoint.js";

/** The line that says a session date was worked out past the holiday data, or nothing. */
function assumedLine(t: Translate, point: TransactionPlace | null): string[] {
  return point?.holidaysKnownUntil ? [t("session-assumed", { until: formatDateVi(point.holidaysKnownUntil) })] : [];
}

/** The place as said in a message: with the point's name where it needs one. HTML-escaped. */
export function placeText(t: Translate, point: TransactionPlace | null): string {
  return escapeHtml(point ? placeWithPoint(t, point.place, point.point) : t("reminder-place-unknown"));
}

/** Who signs a reminder: a known person works where an anonymous notice does not. */
export type Signature = { head: string; group: string } | null;

/** "Thứ Năm, 17/12/2026" */
export function datedWithWeekday(t: Translate, date: LocalDate): string {
  return `${t("weekday", { n: isoWeekday(date) })}, ${formatDateVi(date)}`;
}

function signatureLine(t: Translate, signature: Signature): string {
  return signature
    ? t("reminder-signature-head", {
        name: escapeHtml(signature.head),
        group: escapeHtml(groupShortName(signature.group)),
      })
    : t("reminder-signature-bank");
}

export function borrowerReminderText(
  t: Translate,
  locale: Locale,
  reminder: PlannedReminder,
  point: TransactionPlace | null,
  signature: Signature,
  /** A wording experiment's added line (issue 28). */
  extraLine: string | null = null,
): string {
  const place = placeText(t, point);
  const hours = escapeHtml(point?.hours ?? "");
  const amount = formatVnd(reminder.amount);
  let body: string;
  if (reminder.kind === "overdue" && reminder.loan) {
    body = t("reminder-overdue", {
      loan: escapeHtml(maskLoanNumber(reminder.loan.loanNumber)),
      amount,
      since: formatDateVi(reminder.eventDate),
      days: reminder.loan.daysOverdue,
      rate: formatRate(reminder.loan.annualRatePpm, locale),
      penaltyRate: formatRate(penaltyRate(reminder.loan.annualRatePpm), locale),
    });
  } else {
    body = t(reminder.kind === "interest" ? "reminder-interest" : "reminder-principal", {
      amount,
      date: datedWithWeekday(t, reminder.eventDate),
      place,
      hours,
    });
    if (reminder.kind === "interest") body = [body, ...assumedLine(t, point)].join("\n");
  }
  const extra = extraLine ? [extraLine] : [];
  return [body, ...extra, "", signatureLine(t, signature), t("reminder-footer")].join("\n");
}

const STATUS_ICON: Record<LinkStatus, string> = { linked: "✅", unreachable: "📵", "not-linked": "○" };

/** The group's members and whether the bot reaches each (for the group head's "my group"). */
export function memberListTexts(
  t: Translate,
  group: string,
  members: readonly { name: string; code: string; linkStatus: LinkStatus }[],
): string[] {
  const sorted = [...members].sort((a, b) => a.name.localeCompare(b.name, "vi") || (a.code < b.code ? -1 : 1));
  const count = (status: LinkStatus) => members.filter((m) => m.linkStatus === status).length;
  const header = [
    t("list-members-title", {
      group: escapeHtml(groupShortName(group)),
      count: members.length,
      linked: count("linked"),
      unreachable: count("unreachable"),
      notLinked: count("not-linked"),
    }),
    "",
  ];
  const lines = sorted.map((m, i) =>
    t("list-members-row", { n: i + 1, icon: STATUS_ICON[m.linkStatus], name: escapeHtml(m.name) }),
  );
  return splitIntoMessages(t, header, lines, ["", t("list-legend")]);
}

export function collectionListTexts(
  t: Translate,
  group: string,
  session: LocalDate,
  point: TransactionPlace | null,
  rows: readonly CollectionRow[],
  /** A suspension of interest collection in force that day: said under the title. */
  suspended: { basis: string; to: LocalDate } | null = null,
): string[] {
  const header = [
    t("list-collection-title", { date: datedWithWeekday(t, session) }),
    t("list-collection-group", {
      group: escapeHtml(groupShortName(group)),
      place: placeText(t, point),
      hours: escapeHtml(point?.hours ?? ""),
    }),
    ...assumedLine(t, point),
    ...(suspended
      ? [t("list-interest-suspended", { basis: escapeHtml(suspended.basis), to: formatDateVi(suspended.to) })]
      : []),
    "",
  ];
  if (rows.length === 0) return [[...header, t("list-collection-empty")].join("\n")];
  const lines = rows.map((r, i) =>
    t(r.principal > 0 ? "list-collection-row-principal" : "list-collection-row", {
      n: i + 1,
      icon: STATUS_ICON[r.linkStatus],
      name: escapeHtml(r.name),
      interest: formatVnd(r.interest),
      principal: formatVnd(r.principal),
    }),
  );
  const totalInterest = rows.reduce((s, r) => s + r.interest, 0);
  const totalPrincipal = rows.reduce((s, r) => s + r.principal, 0);
  const toVisit = rows.filter((r) => r.linkStatus !== "linked").length;
  const footer = [
    "",
    t("list-collection-total", {
      interest: formatVnd(totalInterest),
      principal: formatVnd(totalPrincipal),
      count: rows.length,
    }),
    t("list-to-visit", { count: toVisit }),
    t("list-legend"),
  ];
  return splitIntoMessages(t, header, lines, footer);
}

export function overdueListTexts(
  t: Translate,
  group: string,
  today: LocalDate,
  rows: readonly OverdueRow[],
  reason: "weekly" | "new-overdue" | "on-request",
): string[] {
  const header = [
    t("list-overdue-title", { group: escapeHtml(groupShortName(group)), date: formatDateVi(today) }),
    ...(reason === "new-overdue" ? [t("list-overdue-new")] : []),
    "",
  ];
  if (rows.length === 0) return [[...header, t("list-overdue-empty")].join("\n")];
  const lines = rows.map(
    (r, i) =>
      t("list-overdue-row", {
        n: i + 1,
        icon: STATUS_ICON[r.linkStatus],
        name: escapeHtml(r.name),
        amount: formatVnd(r.amount),
        days: r.days,
        since: formatDateVi(r.since),
      }) + (r.openReport ? ` ${t("list-overdue-report-open")}` : ""),
  );
  const footer = [
    "",
    t("list-overdue-total", { amount: formatVnd(rows.reduce((s, r) => s + r.amount, 0)), count: rows.length }),
    t("list-overdue-next-step"),
    t("list-legend"),
  ];
  return splitIntoMessages(t, header, lines, footer);
}

export function officerSummaryTexts(t: Translate, today: LocalDate, communes: readonly CommuneOverdue[]): string[] {
  const header = [t("summary-title", { date: formatDateVi(today) }), ""];
  const lines = communes.map((c) =>
    t("summary-commune", {
      commune: escapeHtml(c.communeName),
      loans: c.overdueLoans,
      amount: formatVnd(c.overdueAmount),
      unreachable: c.unreachableMembers,
    }),
  );
  const footer = [
    "",
    t("summary-total", {
      loans: communes.reduce((s, c) => s + c.overdueLoans, 0),
      amount: formatVnd(communes.reduce((s, c) => s + c.overdueAmount, 0)),
      unreachable: communes.reduce((s, c) => s + c.unreachableMembers, 0),
    }),
  ];
  return splitIntoMessages(t, header, lines, footer);
}
