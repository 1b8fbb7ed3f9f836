import { inForce } from "../../catalogue/rates.js";
import type { Catalogue } from "../../catalogue/schema.js";
import { formatDateVi, type LocalDate } from "../../domain/dates.js";
import { escapeHtml } from "../../domain/html.js";
import { formatVnd } from "../../domain/money.js";
import type { Locale, Translate } from "../../i18n.js";

/**
 * FAQ answers whose figures and rules are catalogue data (catalogue/programmes.json): what a
 * borrower hit by a disaster may apply for, and the poverty and average-living-standard lines. Each
 * names its basis, and says so where a source confirmed nothing.
 */

/** Risk handling (QĐ 50/2010 and the bank's rule): the measures, the causes, how to apply. */
export function riskHandlingView(t: Translate, locale: Locale, catalogue: Catalogue, today: LocalDate): string {
  const rules = catalogue.riskHandling;
  if (!rules) return t("faq-disaster-unknown");
  const lines = [
    t("faq-disaster-measures", {
      causes: escapeHtml(rules.causes[locale]),
      measures: rules.measures.map((m) => escapeHtml(m.text[locale])).join("; "),
      basis: escapeHtml(rules.basis),
    }),
    escapeHtml(rules.howToApply[locale]),
  ];
  if (rules.unconfirmed.length > 0) {
    lines.push(
      t("faq-disaster-unconfirmed", { what: rules.unconfirmed.map((u) => t(`faq-disaster-${u}`)).join(", ") }),
    );
  }
  // The reliefs in force today, wherever they apply: a borrower in the area sees them on /balance too.
  for (const relief of inForce(catalogue.reliefs, today)) {
    lines.push(
      t("faq-disaster-relief", {
        text: escapeHtml(relief.text[locale]),
        provinces: escapeHtml(relief.provinces.join(", ")),
        to: formatDateVi(relief.to),
        basis: escapeHtml(relief.basis),
      }),
    );
  }
  lines.push(t("faq-source", { source: escapeHtml(rules.source), checked: formatDateVi(rules.checkedOn) }));
  return lines.join("\n");
}

const inPeriod = (today: LocalDate) => (p: { from: string; to?: string | undefined }) =>
  p.from <= today && (!p.to || today <= p.to);

/** The poverty line in force (and the next one when known), with its indicators; the average-living band. */
export function povertyView(t: Translate, locale: Locale, catalogue: Catalogue, today: LocalDate): string {
  const current = catalogue.povertyLines.find(inPeriod(today));
  const next = catalogue.povertyLines.filter((l) => l.from > today).sort((a, b) => (a.from < b.from ? -1 : 1))[0];
  const lines: string[] = [];
  for (const [line, key] of [
    [current, "faq-poverty-line-now"],
    [next, "faq-poverty-line-next"],
  ] as const) {
    if (!line) continue;
    lines.push(
      t(key, {
        from: formatDateVi(line.from),
        rural: formatVnd(line.ruralDong),
        urban: formatVnd(line.urbanDong),
        basis: escapeHtml(line.basis),
      }),
      line.indicators ? escapeHtml(line.indicators[locale]) : t("faq-poverty-indicators-unknown"),
    );
  }
  if (lines.length === 0) lines.push(t("faq-poverty-unknown"));
  for (const standard of catalogue.averageLivingStandards.filter((s) => inPeriod(today)(s) || s.from > today)) {
    const { ruralDong: rural, urbanDong: urban } = standard;
    lines.push(
      rural && urban
        ? t("faq-average-living", {
            from: formatDateVi(standard.from),
            ruralOver: formatVnd(rural.over),
            ruralUpTo: formatVnd(rural.upTo),
            urbanOver: formatVnd(urban.over),
            urbanUpTo: formatVnd(urban.upTo),
            basis: escapeHtml(standard.basis),
          })
        : t("faq-average-living-undefined", { from: formatDateVi(standard.from) }),
    );
  }
  lines.push(t("faq-poverty-lists"));
  return lines.join("\n");
}
