import type { PendingConfirmation, StoredConfirmation } from "../data/recordedFigures.js";
import { formatDateVi } from "../domain/dates.js";
import { escapeHtml } from "../domain/html.js";
import { formatVnd } from "../domain/money.js";
import { formatRate } from "../domain/rates.js";
import {
  CHANGE_KINDS,
  type ChangeKind,
  type InterestExplanation,
  type RecordedChange,
} from "../domain/recordedChanges.js";
import { fitOneSegment } from "../domain/sms.js";
import type { Locale, Translate } from "../i18n.js";
import { smsAmount } from "../reminders/smsMessages.js";
import { confirmationWhy, confirmationWrong } from "./callbacks.js";

type Confirmation = Pick<PendingConfirmation, "eventDate" | "changes" | "outstanding">;

const part = (t: Translate, c: RecordedChange, amount: string) =>
  t(`recorded-part-${c.kind}`, { amount, loan: escapeHtml(c.loanNumber ?? "") });

/**
 * "Ngày 20/11/2026, NHCSXH đã ghi nhận cho hộ ông/bà: trả lãi 312.000 ₫, gửi tiết kiệm 50.000 ₫.
 * Dư nợ còn 18.000.000 ₫." and the fixed line that the bank never asks for a transfer or an OTP.
 */
export function confirmationText(t: Translate, c: Confirmation): string {
  const parts = c.changes.map((change) => part(t, change, formatVnd(change.amount))).join(", ");
  return [
    t("recorded-text", { date: formatDateVi(c.eventDate), parts, outstanding: formatVnd(c.outstanding) }),
    t("recorded-safety"),
  ].join("\n\n");
}

/** The same in one SMS segment where it fits: what was recorded first, the safety line if room is left. */
export function confirmationSms(t: Translate, c: Confirmation): string {
  const parts = c.changes.map((change) => part(t, change, smsAmount(change.amount))).join(", ");
  const required = t("sms-recorded", { date: formatDateVi(c.eventDate), parts });
  return fitOneSegment(required, [
    t("sms-recorded-outstanding", { amount: smsAmount(c.outstanding) }),
    t("sms-recorded-safety"),
  ]);
}

export function confirmationButtons(t: Translate, id: string) {
  return [
    { text: t("recorded-why-button"), data: confirmationWhy.encode({ id }) },
    { text: t("recorded-wrong-button"), data: confirmationWrong.encode({ id, step: "ask" }) },
  ];
}

/** "Why this amount?": each paid loan's month of interest worked out, then the fixed line. */
export function whyText(
  t: Translate,
  locale: Locale,
  c: StoredConfirmation,
  explanations: readonly { loanNumber: string; programme: string; e: InterestExplanation }[],
): string {
  const lines = [t("recorded-why-title", { date: formatDateVi(c.eventDate) })];
  for (const { loanNumber, programme, e } of explanations) {
    lines.push(
      t("recorded-why-loan", {
        loan: escapeHtml(loanNumber),
        programme: escapeHtml(programme),
        principal: formatVnd(e.principal),
        rate: formatRate(e.catalogueRatePpm ?? e.loanRatePpm, locale),
        days: e.days,
        interest: formatVnd(e.monthInterest),
      }),
    );
    if (e.overduePrincipal > 0) {
      lines.push(
        t("recorded-why-penalty", {
          overdue: formatVnd(e.overduePrincipal),
          rate: formatRate(e.penaltyRatePpm, locale),
          interest: formatVnd(e.penaltyInterest),
        }),
      );
    }
    if (e.arrears > 0) lines.push(t("recorded-why-arrears", { amount: formatVnd(e.arrears) }));
    lines.push(t("recorded-why-paid", { amount: formatVnd(e.paid) }));
    if (e.rateDiffers) lines.push(t("recorded-why-rate-differs", { rate: formatRate(e.loanRatePpm, locale) }));
  }
  if (explanations.length === 0) lines.push(t("recorded-why-no-interest"));
  lines.push(t("recorded-safety"));
  return lines.join("\n\n");
}

/** "trả lãi: 12, gửi tiết kiệm: 3" in the reader's language. */
export function kindCounts(t: (key: string) => string, byKind: Partial<Record<ChangeKind, number>>): string {
  return CHANGE_KINDS.filter((k) => byKind[k])
    .map((k) => `${t(`recorded-kind-${k}`)}: ${byKind[k]}`)
    .join(", ");
}
