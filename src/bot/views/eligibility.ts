import type { Catalogue, Programme } from "../../catalogue/schema.js";
import { formatDateVi } from "../../domain/dates.js";
import type { IneligibilityReason, Verdict } from "../../domain/eligibility.js";
import { escapeHtml, formatPercent } from "../../domain/html.js";
import { monthlyRatePercent } from "../../domain/overdue.js";
import type { Locale, Translate } from "../../i18n.js";

function footer(t: Translate, locale: Locale, catalogue: Catalogue): string {
  return t("elig-as-of", {
    date: formatDateVi(catalogue.asOf),
    note: escapeHtml(catalogue.note[locale]),
    sources: escapeHtml(catalogue.sources.map((s) => s.split(" (")[0]).join(", ")),
  });
}

/** One programme: amount, rate a year and a month, term, collateral, papers, first step, legal basis. */
export function programmeCard(t: Translate, locale: Locale, p: Programme): string {
  const monthly = p.rate.annualBps
    ? t("elig-monthly", {
        rate: formatPercent(monthlyRatePercent(p.rate.annualBps), locale),
      })
    : "";
  return [
    `<b>${escapeHtml(p.name[locale])}</b>`,
    t("elig-max-amount", { text: escapeHtml(p.maxAmount.text[locale]) }),
    t("elig-rate", { text: escapeHtml(p.rate.text[locale]), monthly }),
    t("elig-term", { text: escapeHtml(p.maxTerm.text[locale]) }),
    t("elig-collateral", { text: escapeHtml(p.collateral[locale]) }),
    ...(p.documents.length > 0
      ? [t("elig-documents", { list: p.documents.map((d) => escapeHtml(d[locale])).join("; ") })]
      : []),
    t("elig-first-step", { text: escapeHtml(p.firstStep[locale]) }),
    t("elig-basis", { text: escapeHtml(p.legalBasis) }),
  ].join("\n");
}

/** A programme card with the catalogue's "as of" date and caveat, for the FAQ. */
export function programmeAnswerView(t: Translate, locale: Locale, catalogue: Catalogue, p: Programme): string {
  return `${programmeCard(t, locale, p)}\n\n${footer(t, locale, catalogue)}`;
}

/** The programmes that fit, each as a card, then the "as of" date and caveat. */
export function eligibleView(t: Translate, locale: Locale, catalogue: Catalogue, verdicts: readonly Verdict[]): string {
  const fits = verdicts.filter((v) => v.eligible);
  if (fits.length === 0) return `${t("elig-none")}\n\n${footer(t, locale, catalogue)}`;
  const blocks = fits.map(({ programme }) => programmeCard(t, locale, programme));
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
