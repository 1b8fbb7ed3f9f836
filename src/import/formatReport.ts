import type { I18n } from "@grammyjs/i18n";
import { kindCounts } from "../confirmations/messages.js";
import type { ConfirmationSummary } from "../confirmations/record.js";
import type { Locale } from "../i18n.js";
import type { RowError } from "./parseRows.js";
import type { ImportReport } from "./run.js";

export function formatRowError(i18n: I18n, locale: Locale, error: RowError): string {
  const params = { ...error.params };
  if (typeof params.entity === "string") params.entity = i18n.t(locale, `import-entity-${params.entity}`);
  const reason = i18n.t(locale, `import-reason-${error.reason}`, params);
  return i18n.t(locale, "import-row-error", { row: error.row, column: error.column, reason });
}

/** The lines an officer reads after an import, in one language. */
export function formatImportReport(i18n: I18n, locale: Locale, report: ImportReport): string[] {
  if (report.fileError) {
    return [i18n.t(locale, `import-error-${report.fileError.code}`, report.fileError.params)];
  }
  if (report.outcome === "rejected") {
    const lines = report.errors.map((e) => formatRowError(i18n, locale, e));
    if (report.errorCount > report.errors.length) {
      lines.push(i18n.t(locale, "import-error-too-many-errors", { count: report.errorCount - report.errors.length }));
    }
    lines.push(i18n.t(locale, "import-summary-rejected", { count: report.errorCount }));
    return lines;
  }
  const lines = [
    report.outcome === "dry-run"
      ? i18n.t(locale, "import-summary-dry-run", { rows: report.rows })
      : report.outcome === "unchanged"
        ? i18n.t(locale, "import-summary-unchanged")
        : i18n.t(locale, "import-summary-applied", { rows: report.rows }),
  ];
  if (report.counts) {
    const { loansClosed, ...entities } = report.counts;
    for (const [entity, c] of Object.entries(entities)) {
      lines.push(i18n.t(locale, "import-summary-entity", { entity: i18n.t(locale, `import-count-${entity}`), ...c }));
    }
    if (loansClosed > 0) lines.push(i18n.t(locale, "import-summary-closed", { count: loansClosed }));
  }
  lines.push(...confirmationLines(i18n, locale, report.confirmations));
  return lines;
}

/** What the import's changes would send as payment confirmations, and what they will not. */
function confirmationLines(i18n: I18n, locale: Locale, c: ConfirmationSummary | null): string[] {
  if (!c) return [];
  if (!c.compared) return [i18n.t(locale, "import-summary-confirmations-baseline")];
  const t = (key: string) => i18n.t(locale, key);
  const lines: string[] = [];
  if (c.toSend > 0)
    lines.push(i18n.t(locale, "import-summary-confirmations", { count: c.toSend, kinds: kindCounts(t, c.byKind) }));
  if (c.officesOff > 0) lines.push(i18n.t(locale, "import-summary-confirmations-off", { count: c.officesOff }));
  return lines;
}
