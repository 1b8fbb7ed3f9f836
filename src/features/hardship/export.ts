import type { HardshipReport } from "../../data/hardship.js";
import { formatDateVi, vietnamDate } from "../../domain/dates.js";
import type { QueueView } from "../../domain/hardship.js";

type T = (key: string, variables?: Record<string, string | number>) => string;

export interface ExportRow {
  report: HardshipReport;
  view: QueueView;
  member: string;
  communeName: string;
}

/** The columns, each a locale key for its header and how its cell is read from a report. */
const COLUMNS: [string, (row: ExportRow, t: T) => string][] = [
  ["hardship-col-reference", (r) => String(r.report._id)],
  ["hardship-col-filed", (r) => formatDateVi(vietnamDate(r.report.filedAt))],
  ["hardship-col-household", (r) => r.report.householdCode],
  ["hardship-col-member", (r) => r.member],
  ["hardship-col-group", (r) => r.report.groupCode],
  ["hardship-col-commune", (r) => r.communeName],
  ["hardship-col-reason", (r, t) => t(`hardship-reason-${r.report.reason}`)],
  ["hardship-col-when", (r, t) => t(`hardship-when-${r.report.when}`)],
  ["hardship-col-from", (r) => (r.report.happenedFrom ? formatDateVi(r.report.happenedFrom) : "")],
  ["hardship-col-loan", (r, t) => r.report.loanNumber ?? t("hardship-loan-all")],
  ["hardship-col-text", (r) => r.report.text ?? ""],
  [
    "hardship-col-head",
    (r, t) =>
      t(r.view.headTimedOut ? "hardship-col-no" : r.report.headConfirmed ? "hardship-col-yes" : "hardship-col-no"),
  ],
  ["hardship-col-head-note", (r) => r.report.headNote ?? ""],
  ["hardship-col-by-head", (r, t) => t(r.report.filedByHead ? "hardship-col-yes" : "hardship-col-no")],
  ["hardship-col-photos", (r) => String(r.report.photos ?? 0)],
  ["hardship-col-status", (r, t) => t(`hardship-status-${r.view.status}`)],
  ["hardship-col-missing", (r) => r.report.missing ?? ""],
  ["hardship-col-decision", (r, t) => (r.report.decision ? t(`hardship-decision-${r.report.decision}`) : "")],
  ["hardship-col-decision-number", (r) => r.report.decisionNumber ?? ""],
];

/**
 * The queue as a spreadsheet for the office: one row per report, the fields of the paper request, so
 * that nobody types them again. Cells are text (a formula-looking text stays text: "=1+1" is written
 * as a string cell, which spreadsheet programs do not evaluate).
 */
export async function hardshipWorkbook(rows: readonly ExportRow[], t: T): Promise<Buffer> {
  const { default: excel } = await import("exceljs");
  const workbook = new excel.Workbook();
  const sheet = workbook.addWorksheet(t("hardship-export-sheet"));
  sheet.addRow(COLUMNS.map(([key]) => t(key)));
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) sheet.addRow(COLUMNS.map(([, cell]) => cell(row, t)));
  sheet.columns.forEach((column) => {
    column.width = 18;
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
