import { povertyLineOn, programmeRateOn } from "../../catalogue/rates.js";
import type { Catalogue, Programme } from "../../catalogue/schema.js";
import { formatDateVi, type LocalDate } from "../../domain/dates.js";
import { escapeHtml } from "../../domain/html.js";
import { formatVnd } from "../../domain/money.js";
import { formatRate, monthlyRate } from "../../domain/rates.js";
import type { Locale, Translate } from "../../i18n.js";
import type { IneligibilityReason, Verdict } from "./rules.js";

/** The caveat and sources under programme answers (each card carries its own "as of" date). */
function footer(t: Translate, locale: Locale, catalogue: Catalogue): string {
  return t("elig-footer", { note: escapeHtml(catalogue.note[locale]) });
}

/** "6,24%/năm (0,52%/tháng) · từ 01/12/2025 theo QĐ 2553/QĐ-TTg", or the caveat when no rule covers today. */
function rateLine(t: Translate, locale: Locale, catalogue: Catalogue, p: Programme, today: LocalDate): string {
  const rate = programmeRateOn(catalogue, p, today);
  const note = p.rate.note ? ` ${escapeHtml(p.rate.note[locale])}` : "";
  if (!rate) return t("elig-rate-unknown", { note });
  return t("elig-rate", {
    annual: formatRate(rate.ppm, locale),
    monthly: formatRate(monthlyRate(rate.ppm), locale),
    since: formatDateVi(rate.since),
    basis: escapeHtml(rate.basis),
    caveat: p.unconfirmed.includes("rate") ? t("elig-unconfirmed") : "",
    note,
  });
}

/** Name, amount, rate (as of its rule), term and collateral: the lines every programme view starts with. */
function programmeEssentials(t: Translate, locale: Locale, catalogue: Catalogue, p: Programme, today: LocalDate) {
  return [
    `<b>${escapeHtml(p.name[locale])}</b>`,
    t("elig-max-amount", { text: escapeHtml(p.maxAmount.text[locale]) }),
    rateLine(t, locale, catalogue, p, today),
    t("elig-term", { text: escapeHtml(p.maxTerm.text[locale]) }),
    t("elig-collateral", { text: escapeHtml(p.collateral[locale]) }),
  ];
}

/** Papers to bring, the first step and the legal basis. */
function programmePapers(t: Translate, locale: Locale, p: Programme): string[] {
  const documents = p.documents.map((d) => escapeHtml(d[locale])).join("; ");
  return [
    ...(p.documents.length > 0 ? [t("elig-documents", { list: documents })] : []),
    t("elig-first-step", { text: escapeHtml(p.firstStep[locale]) }),
    t("elig-basis", { text: escapeHtml(p.legalBasis) }),
  ];
}

/** One programme: amount, rate a year and a month (as of the rule in force), term, collateral, papers, first step, legal basis. */
export function programmeCard(
  t: Translate,
  locale: Locale,
  catalogue: Catalogue,
  p: Programme,
  today: LocalDate,
): string {
  return [...programmeEssentials(t, locale, catalogue, p, today), ...programmePapers(t, locale, p)].join("\n");
}

/**
 * A programme answer for the FAQ that fits a phone screen: amount, rate (as of its rule), term and
 * collateral. Papers, first step, legal basis and sources are one button away (programmeSourcesView).
 */
export function programmeAnswerView(
  t: Translate,
  locale: Locale,
  catalogue: Catalogue,
  p: Programme,
  today: LocalDate,
): string {
  return programmeEssentials(t, locale, catalogue, p, today).join("\n");
}

/** What the short answer leaves out: papers, first step, legal basis, and the rate rule's source. */
export function programmeSourcesView(
  t: Translate,
  locale: Locale,
  catalogue: Catalogue,
  p: Programme,
  today: LocalDate,
): string {
  const rate = programmeRateOn(catalogue, p, today);
  return [
    `<b>${escapeHtml(p.name[locale])}</b>`,
    ...programmePapers(t, locale, p),
    ...(rate
      ? [t("elig-rate-source", { source: escapeHtml(rate.source), checked: formatDateVi(rate.checkedOn) })]
      : []),
    "",
    footer(t, locale, catalogue),
  ].join("\n");
}

/** The first question, with the poverty line in force today so that a household can place itself. */
export function statusQuestionView(t: Translate, catalogue: Catalogue, today: LocalDate): string {
  const line = povertyLineOn(catalogue, today);
  if (!line) return t("elig-ask-status");
  return `${t("elig-ask-status")}\n${t("elig-poverty-line", {
    rural: formatVnd(line.ruralDong),
    urban: formatVnd(line.urbanDong),
    basis: escapeHtml(line.basis),
  })}`;
}

/** The programmes that fit, each as a card, then the "as of" date and caveat. */
export function eligibleView(
  t: Translate,
  locale: Locale,
  catalogue: Catalogue,
  verdicts: readonly Verdict[],
  today: LocalDate,
): string {
  const fits = verdicts.filter((v) => v.eligible);
  if (fits.length === 0) return `${t("elig-none")}\n\n${footer(t, locale, catalogue)}`;
  const blocks = fits.map(({ programme, toConfirm }) => {
    const card = programmeCard(t, locale, catalogue, programme, today);
    if (toConfirm.length === 0) return card;
    return `${card}\n${t("elig-to-confirm", { list: toConfirm.map((r) => reasonText(t, r)).join("; ") })}`;
  });
  return [t("elig-result-title"), ...blocks, footer(t, locale, catalogue)].join("\n\n");
}

function reasonText(t: Translate, reason: IneligibilityReason): string {
  return typeof reason === "string" ? t(`elig-reason-${reason}`) : t(`elig-reason-fu-${reason.followUp}`);
}

/** Why each other programme does not fit. */
export function whyNotView(t: Translate, locale: Locale, verdicts: readonly Verdict[]): string {
  const lines = [t("elig-why-title")];
  for (const v of verdicts.filter((x) => !x.eligible)) {
    lines.push(
      `• <b>${escapeHtml(v.programme.name[locale])}</b>: ${v.reasons.map((r) => reasonText(t, r)).join("; ")}`,
    );
  }
  return lines.join("\n");
}
