import { describe, expect, it } from "vitest";
import { LoanModel } from "../../src/data/models/index.js";
import { createI18n } from "../../src/i18n.js";
import { formatRowError } from "../../src/import/formatReport.js";
import { importFile } from "../../src/import/run.js";
import { TEST_ID_SECRET, useTestDatabase } from "../support/database.js";
import { type Row, seedRows, useTempDir, writeRows } from "../support/files.js";

useTestDatabase();
const file = useTempDir();
const i18n = createI18n();
const run = async (name: string, rows: Row[]) =>
  importFile(await writeRows(file(name), rows), { actor: { kind: "cli", id: "test" }, idHashSecret: TEST_ID_SECRET });

describe("the bank's precise rates", () => {
  it("imports rows at 7,488 % and 7,9248 % a year, and a monthly rate × 12, exactly", async () => {
    const rows = seedRows(3, 41);
    rows[0] = { ...(rows[0] as Row), annualRate: "7,488" };
    rows[1] = { ...(rows[1] as Row), annualRate: "7.9248" };
    rows[2] = { ...(rows[2] as Row), annualRate: "", monthlyRate: "0,52" };
    const report = await run("precise.csv", rows);
    expect(report.errors).toEqual([]);
    expect(report.outcome).toBe("applied");
    const rate = async (r: Row) => (await LoanModel.findById(r.loanNumber).lean())?.annualRatePpm;
    expect(await rate(rows[0] as Row)).toBe(74_880);
    expect(await rate(rows[1] as Row)).toBe(79_248);
    expect(await rate(rows[2] as Row)).toBe(62_400);
  });

  it("refuses a yearly rate under 1 % with a message that suggests it is monthly, and a rate given twice that disagrees", async () => {
    const rows = seedRows(2, 43);
    rows[0] = { ...(rows[0] as Row), annualRate: "0,52" };
    rows[1] = { ...(rows[1] as Row), annualRate: "6,24", monthlyRate: "0,6" };
    const report = await run("monthly.csv", rows);
    expect(report.outcome).toBe("rejected");
    expect(report.errors.map((e) => [e.row, e.column, e.reason])).toEqual([
      [2, "Lãi suất (%/năm)", "rate-looks-monthly"],
      [3, "Lãi suất (%/tháng)", "rate-mismatch"],
    ]);
    expect(formatRowError(i18n, "vi", report.errors[0] as never)).toContain("có phải lãi suất tháng không");
  });
});
