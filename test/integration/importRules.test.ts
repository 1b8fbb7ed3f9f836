/**
 * Every import rule, one bad cell at a time: the file is refused with the row, the column and the
 * reason, and nothing is written. Then the file-level errors.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { BookDigestModel, CommuneModel, GroupModel, HouseholdModel, LoanModel } from "../../src/data/models/index.js";
import { importFile } from "../../src/import/run.js";
import { limitRowsForTests, ROW_LIMITS } from "../../src/import/source.js";
import { TEST_ID_SECRET, useTestDatabase } from "../support/database.js";
import { HEADER_LINE, type Row, useTempDir, writeRaw, writeRows } from "../support/files.js";
import { FIXTURE_ROWS } from "../support/reminderFixture.js";

useTestDatabase();
const file = useTempDir();
const good = FIXTURE_ROWS[1] as Row;

async function importOf(path: string) {
  return importFile(path, { actor: { kind: "cli", id: "test" }, idHashSecret: TEST_ID_SECRET });
}

// Each test starts from an empty book (and no digest of it: emptied by hand, it would describe the old one).
beforeEach(async () => {
  for (const model of [HouseholdModel, LoanModel, CommuneModel, GroupModel, BookDigestModel]) {
    await (model as typeof HouseholdModel).deleteMany({});
  }
});

/** Nothing of the file reached the book (the import batch record is the only trace). */
async function expectNothingWritten(): Promise<void> {
  expect(await HouseholdModel.countDocuments({})).toBe(0);
  expect(await LoanModel.countDocuments({})).toBe(0);
}

// Row 2 is a good row; row 3 carries the one mistake.
const CASES: [string, Partial<Row>, string, string][] = [
  ["outstanding over disbursed", { outstandingPrincipal: "60000000" }, "Dư nợ", "exceeds"],
  [
    "overdue over outstanding",
    { overduePrincipal: "45000000", overdueSince: "01/12/2026" },
    "Dư nợ quá hạn",
    "exceeds",
  ],
  ["frozen over outstanding", { frozenAmount: "45000000" }, "Dư nợ khoanh", "exceeds"],
  ["installment over outstanding", { nextInstallmentAmount: "45000000" }, "Số tiền gốc kỳ tới", "exceeds"],
  ["maturity before disbursement", { maturityOn: "31/12/2025" }, "Ngày đến hạn cuối", "before"],
  [
    "overdue without its date",
    { overduePrincipal: "1000000", overdueSince: "" },
    "Ngày chuyển quá hạn",
    "overdue-needs-date",
  ],
  ["an installment date without its amount", { nextInstallmentAmount: "" }, "Số tiền gốc kỳ tới", "installment-pair"],
  ["no rate at all", { annualRate: "", monthlyRate: "" }, "Lãi suất (%/năm)", "rate-required"],
  ["a phone that is not one", { phones: "12345" }, "Số điện thoại", "not-phone"],
  ["a CCCD of 11 digits", { nationalId: "00123456789" }, "CCCD", "not-national-id"],
  ["a role nobody has", { groupRole: "Chủ tịch" }, "Vai trò trong tổ", "unknown-role"],
  ["neither yes nor no", { phoneShareable: "Có lẽ" }, "Công khai SĐT", "not-yes-no"],
  ["an organisation that does not exist", { organisation: "Hội Bóng đá" }, "Hội đoàn thể", "unknown-organisation"],
  ["a code with spaces", { customerCode: "KH 02" }, "Mã khách hàng", "bad-code"],
  ["a name over 120 characters", { fullName: "A".repeat(121) }, "Họ tên", "too-long"],
  ["day 32", { transactionDay: "32" }, "Ngày giao dịch", "not-transaction-day"],
  ["a weekday that does not exist", { transactionDay: "thứ Tám tuần 3" }, "Ngày giao dịch", "not-transaction-day"],
  ["a fifth week", { transactionDay: "thứ Ba tuần thứ 5" }, "Ngày giao dịch", "not-transaction-day"],
  ["a closure rule nobody knows", { closureRule: "tùy" }, "Khi trùng ngày nghỉ lễ", "unknown-closure-rule"],
  ["a weekend rule nobody knows", { weekendRule: "nghỉ" }, "Khi trùng cuối tuần", "unknown-weekend-rule"],
  ["a point code with a space", { pointCode: "D 1" }, "Mã điểm giao dịch", "bad-code"],
  // The same point (by default coded as its commune) on another day: the day is the column refused.
  ["a point on two days", { transactionDay: "21" }, "Ngày giao dịch", "conflict"],
  ["a point at two places", { transactionPlace: "Trường tiểu học" }, "Điểm giao dịch", "conflict"],
  [
    "a point in two communes",
    { pointCode: "X1", communeCode: "X99", communeName: "Xã Khác", groupCode: "T99" },
    "Mã xã",
    "conflict",
  ],
  ["a yearly rate that is not a rate", { annualRate: "abc" }, "Lãi suất (%/năm)", "not-rate"],
  ["a monthly rate that is not a rate", { annualRate: "", monthlyRate: "3" }, "Lãi suất (%/tháng)", "not-monthly-rate"],
  [
    "a place that asks for a transfer",
    { transactionPlace: "Chuyển khoản STK 0123 456 789 Vietcombank" },
    "Điểm giao dịch",
    "not-brand-safe",
  ],
  ["hours with a link", { transactionHours: "xem lich tai bit.ly/abc" }, "Giờ giao dịch", "not-brand-safe"],
];

describe("an import with one bad cell names it and writes nothing", () => {
  it.each(CASES)("%s", async (_what, change, column, reason) => {
    const bad = { ...good, customerCode: "KH09", loanNumber: "KU09", ...change };
    const report = await importOf(await writeRows(file(`${reason}.csv`), [good, bad]));
    expect(report.outcome).toBe("rejected");
    expect(report.errors.map((e) => [e.row, e.column, e.reason])).toEqual([[3, column, reason]]);
    await expectNothingWritten();
  });
});

describe("an import whose file is wrong as a whole names why and writes nothing", () => {
  const columnsWith = (header: string) => {
    const line = (cells: string[]) => cells.join(",");
    return [line([...HEADER_LINE.split(","), header])];
  };

  it("refuses a header naming a column twice", async () => {
    const path = writeRaw(file("twice.csv"), `${HEADER_LINE},Mã xã\n`);
    const report = await importOf(path);
    expect([report.outcome, report.fileError?.code, report.fileError?.params.columns]).toEqual([
      "rejected",
      "duplicate-columns",
      "Mã xã",
    ]);
    await expectNothingWritten();
  });

  it("refuses a column the template does not have", async () => {
    const path = writeRaw(file("unknown.csv"), `${columnsWith("Ghi chú")[0]}\n`);
    const report = await importOf(path);
    expect([report.outcome, report.fileError?.code, report.fileError?.params.columns]).toEqual([
      "rejected",
      "unknown-columns",
      "Ghi chú",
    ]);
    await expectNothingWritten();
  });

  it("refuses more rows than the limit (lowered to 5 here; a million in use), and writes nothing", async () => {
    expect(ROW_LIMITS.rows).toBe(1_000_000);
    limitRowsForTests(5);
    try {
      const rows = Array.from({ length: 5 }, (_, i) => ({ ...good, customerCode: `KH1${i}`, loanNumber: `KU1${i}` }));
      const report = await importOf(await writeRows(file("too-many.csv"), rows));
      expect([report.outcome, report.fileError?.code, report.fileError?.params.max]).toEqual([
        "rejected",
        "too-many-rows",
        5,
      ]);
      await expectNothingWritten();
      // Five rows with the header are within the limit.
      expect((await importOf(await writeRows(file("enough.csv"), rows.slice(0, 4)))).outcome).toBe("applied");
    } finally {
      limitRowsForTests(null);
    }
  });
});
