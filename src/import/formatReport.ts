import type { I18n } from "@grammyjs/i18n";
import type { Locale } from "../i18n.js";
import type { ImportReport } from "./run.js";
import type { RowError } from "./validate.js";

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
  return lines;
}
