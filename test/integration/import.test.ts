import ExcelJS from "exceljs";
import mongoose from "mongoose";
import { beforeAll, beforeEach, describe, expect, inject, it } from "vitest";
import {
  AuditLogModel,
  BookDigestModel,
  BorrowerAccountModel,
  CommuneModel,
  GroupModel,
  HouseholdModel,
  ImportBatchModel,
  LoanModel,
  OverdueSnapshotModel,
} from "../../src/data/models/index.js";
import { loadStatement } from "../../src/features/statement/loadStatement.js";
import { recordOverdueSnapshot } from "../../src/features/stats/computeStats.js";
import { createI18n } from "../../src/i18n.js";
import type { WriteStrategy } from "../../src/import/apply.js";
import { formatImportReport } from "../../src/import/formatReport.js";
import { type ImportReport, importFile } from "../../src/import/run.js";
import { HEADERS } from "../../src/import/template.js";
import { TEST_ID_SECRET, useTestDatabase } from "../support/database.js";
import { HEADER_LINE, type Row, seedRows, useTempDir, writeRaw, writeRows } from "../support/files.js";

useTestDatabase();
const file = useTempDir();
const i18n = createI18n();
const actor = { kind: "cli" as const, id: "test" };
let writeStrategy: WriteStrategy | undefined;
/** Every import of this file runs at 10:00 in Vietnam on Thursday 17 December 2026. */
const NOW = new Date("2026-12-17T03:00:00Z");
const run = (path: string, options: { dryRun?: boolean; fullSnapshot?: boolean } = {}) =>
  importFile(path, {
    actor,
    idHashSecret: TEST_ID_SECRET,
    now: NOW,
    ...(writeStrategy ? { writeStrategy } : {}),
    ...options,
  });

async function snapshotCounts() {
  return {
    households: await HouseholdModel.countDocuments(),
    loans: await LoanModel.countDocuments(),
  };
}

/** Everything stored in households and loans, for "nothing changed" comparisons. */
async function dump() {
  return {
    households: await HouseholdModel.find().sort({ _id: 1 }).lean(),
    loans: await LoanModel.find().sort({ _id: 1 }).lean(),
  };
}

function messages(report: ImportReport, locale: "vi" | "en" = "vi") {
  return formatImportReport(i18n, locale, report).join("\n");
}

const rows = seedRows(60);

describe("the test database", () => {
  it("is a real server reached over the wire, with unique indexes enforced", async () => {
    expect(inject("databaseKind")).toMatch(/ferretdb|mongo|external/);
    const ping = await mongoose.connection.db?.admin().ping();
    expect(ping?.ok).toBe(1);
  });
});

describe.each(["bulk", "small-commands"] as const)("a good import, writing %s", (strategy) => {
  let report: ImportReport;
  // Each test starts from the same book, imported anew (the tests change it).
  beforeEach(async () => {
    writeStrategy = strategy;
    await OverdueSnapshotModel.deleteMany({});
    await CommuneModel.deleteMany({});
    await GroupModel.deleteMany({});
    await HouseholdModel.deleteMany({});
    await LoanModel.deleteMany({});
    // The importer's digest of the book emptied by hand would describe the old book.
    await BookDigestModel.deleteMany({});
    await BorrowerAccountModel.deleteMany({});
    report = await run(await writeRows(file("good.csv"), rows));
  });

  it("lands every household and loan", async () => {
    expect(report.outcome).toBe("applied");
    expect(report.errorCount).toBe(0);
    const households = new Set(rows.map((r) => r.customerCode));
    expect(await snapshotCounts()).toEqual({ households: households.size, loans: rows.length });
    expect(report.counts?.loans.created).toBe(rows.length);
  });

  it("stores money as integer đồng, rates in millionths and dates as YYYY-MM-DD", async () => {
    const row = rows[0] as Row;
    const loan = await LoanModel.findById(row.loanNumber).lean();
    // The first seeded row: a near-poor loan of 79,200,000 đồng outstanding at 7,488 % a year.
    expect([row.outstandingPrincipal, row.annualRate]).toEqual(["79200000", "7,488"]);
    expect(loan?.outstandingPrincipal).toBe(79_200_000);
    expect(loan?.annualRatePpm).toBe(74_880);
    expect(Number.isInteger(loan?.annualRatePpm)).toBe(true);
    expect(loan?.disbursedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(loan?.groupCode).toBe(row.groupCode);
  });

  it("keeps phones as +84… and the CCCD only as a hash and last four digits", async () => {
    const row = rows.find((r) => r.phones && r.nationalId) as Row;
    const household = await HouseholdModel.findById(row.customerCode).lean();
    expect(household?.phones).toEqual([`+84${row.phones.slice(1)}`]);
    expect(household?.nationalIdLast4).toBe(row.nationalId.slice(-4));
    expect(JSON.stringify(household)).not.toContain(row.nationalId);
  });

  it("records the batch and an audit entry", async () => {
    const batch = await ImportBatchModel.findById(report.batchId).lean();
    expect(batch?.outcome).toBe("applied");
    expect(batch?.rows).toBe(rows.length);
    expect(batch?.fileSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(await AuditLogModel.countDocuments({ action: "import" })).toBeGreaterThan(0);
  });

  it("is a no-op when the same file is imported again", async () => {
    const before = await dump();
    const again = await run(file("good.csv"));
    expect(again.outcome).toBe("unchanged");
    expect(again.counts?.loans).toEqual({ created: 0, updated: 0, unchanged: rows.length });
    expect(await dump()).toEqual(before);
    expect(messages(again)).toContain("không thay đổi");
  });

  it("refuses a second document with the same customer code or loan number", async () => {
    const household = await HouseholdModel.findOne().lean();
    await expect(HouseholdModel.create({ ...household })).rejects.toMatchObject({ code: 11000 });
    const loan = await LoanModel.findOne().lean();
    await expect(LoanModel.collection.insertOne({ ...loan } as never)).rejects.toMatchObject({ code: 11000 });
  });

  it("keeps links, language and preferences when a newer snapshot updates balances", async () => {
    const row = rows[0] as Row;
    // What the bot knows about the household (written when a borrower links and sets preferences).
    await BorrowerAccountModel.create({
      _id: row.customerCode,
      language: "en",
      reminders: { interest: false },
      telegramLinks: [{ telegramUserId: 4242, linkedAt: new Date(), via: "contact" }],
    });
    const newer = rows.map((r) => ({ ...r }));
    const changed = newer[0] as Row;
    changed.outstandingPrincipal = String(Number(row.outstandingPrincipal) - 1_000_000);
    changed.nextInstallmentOn = "";
    changed.nextInstallmentAmount = "";
    // Every row of the household carries the same savings balance.
    for (const r of newer) if (r.customerCode === row.customerCode) r.savingsBalance = "777000";
    const report2 = await run(await writeRows(file("newer.csv"), newer));
    expect(report2.outcome).toBe("applied");
    expect(report2.counts?.loans.updated).toBe(1);
    expect(report2.counts?.households.updated).toBe(1);

    const loan = await LoanModel.findById(row.loanNumber).lean();
    expect(loan?.outstandingPrincipal).toBe(Number(row.outstandingPrincipal) - 1_000_000);
    expect(loan?.nextInstallment).toBeNull();
    const household = await HouseholdModel.findById(row.customerCode).lean();
    expect(household?.savingsBalance).toBe(777_000);
    const account = await BorrowerAccountModel.findById(row.customerCode).lean();
    expect(account?.language).toBe("en");
    expect(account?.reminders?.interest).toBe(false);
    expect(account?.reminders?.principal).toBe(true);
    expect(account?.telegramLinks.map((l) => l.telegramUserId)).toEqual([4242]);
  });

  it("closes loans missing from a file only with --full-snapshot, and keeps them as history", async () => {
    const dropped = rows[rows.length - 1] as Row;
    const fewer = rows.filter((r) => r.loanNumber !== dropped.loanNumber);
    const path = await writeRows(file("fewer.csv"), fewer);

    const partial = await run(path);
    expect(partial.counts?.loansClosed).toBe(0);
    expect((await LoanModel.findById(dropped.loanNumber).lean())?.status).toBe("open");

    const preview = await run(path, { fullSnapshot: true, dryRun: true });
    expect(preview.counts?.loansClosed).toBe(1);
    expect((await LoanModel.findById(dropped.loanNumber).lean())?.status).toBe("open");

    const full = await run(path, { fullSnapshot: true });
    expect(full.counts?.loansClosed).toBe(1);
    const closed = await LoanModel.findById(dropped.loanNumber).lean();
    expect(closed?.status).toBe("closed");
    expect(closed?.closedAt).toBeInstanceOf(Date);
    expect(await LoanModel.countDocuments()).toBe(rows.length);

    // Listed again later: it reopens.
    const back = await run(await writeRows(file("back.csv"), rows));
    expect(back.counts?.loans.updated).toBeGreaterThanOrEqual(1);
    expect((await LoanModel.findById(dropped.loanNumber).lean())?.status).toBe("open");
  });

  it("writes the overdue snapshot from what the import knows, the same as reading every loan would", async () => {
    const stored = async () =>
      (await OverdueSnapshotModel.find().sort({ _id: 1 }).lean()).map((s) => [s._id, s.amount, s.count]);
    const expectSameAsRead = async () => {
      const fromImport = await stored();
      await recordOverdueSnapshot("2026-12-17", NOW);
      expect(fromImport).toEqual(await stored());
      return fromImport;
    };
    await run(await writeRows(file("overdue-base.csv"), rows));
    const before = await expectSameAsRead();
    expect(before.some(([, amount]) => Number(amount) > 0)).toBe(true);

    // One overdue loan is paid up, one current loan falls overdue; then a full snapshot drops an overdue one.
    const overdue = rows.filter((r) => Number(r.overduePrincipal) > 0);
    const current = rows.filter((r) => Number(r.overduePrincipal) === 0);
    const paid = overdue[0] as Row;
    const late = current[0] as Row;
    const changed = rows.map((r) =>
      r.loanNumber === paid.loanNumber
        ? { ...r, overduePrincipal: "0", overdueSince: "" }
        : r.loanNumber === late.loanNumber
          ? { ...r, overduePrincipal: "1250000", overdueSince: "01/11/2026" }
          : r,
    );
    await run(await writeRows(file("overdue-changed.csv"), changed));
    expect(await expectSameAsRead()).not.toEqual(before);
    const dropped = overdue[1] as Row;
    await run(
      await writeRows(
        file("overdue-full.csv"),
        changed.filter((r) => r.loanNumber !== dropped.loanNumber),
      ),
      {
        fullSnapshot: true,
      },
    );
    await expectSameAsRead();
  });

  it("lists each household's open loans, keeping those a partial file leaves out", async () => {
    const loansOf = (code: string, from: Row[]) =>
      from
        .filter((r) => r.customerCode === code)
        .map((r) => r.loanNumber)
        .sort();
    const code = rows.find((r) => loansOf(r.customerCode, rows).length >= 2)?.customerCode as string;
    const [kept, left] = loansOf(code, rows) as [string, string];
    const listed = async () => (await HouseholdModel.findById(code).lean())?.loanNumbers;
    const shown = async () => (await loadStatement(code, "2026-11-28"))?.loans.map((l) => l.loanNumber);
    await run(await writeRows(file("all.csv"), rows));
    expect(await listed()).toEqual(loansOf(code, rows));

    // A partial file carrying one of the household's loans, plus a new one.
    const fresh = { ...(rows.find((r) => r.loanNumber === kept) as Row), loanNumber: "KUNEW0001" };
    const partial = rows.filter((r) => r.loanNumber !== left);
    await run(await writeRows(file("partial.csv"), [...partial, fresh]));
    expect(await listed()).toEqual([...loansOf(code, rows), "KUNEW0001"].sort());
    expect(await shown()).toEqual([...loansOf(code, rows), "KUNEW0001"].sort());

    // A full snapshot closes the loan it leaves out: the balance stops showing it at once, and the
    // household stops listing it at the next import.
    await run(await writeRows(file("snapshot.csv"), partial), { fullSnapshot: true });
    expect(await shown()).toEqual(loansOf(code, partial));
    await run(await writeRows(file("snapshot.csv"), partial));
    expect(await listed()).toEqual(loansOf(code, partial));

    // A household imported before loan numbers were listed is read by its household code instead.
    await HouseholdModel.collection.updateOne({ _id: code as never }, { $unset: { loanNumbers: "" } });
    expect(await listed()).toBeUndefined();
    expect(await shown()).toEqual(loansOf(code, partial));
  });
});

describe("a file with bad rows", () => {
  beforeAll(() => {
    writeStrategy = undefined;
  });
  it("reports each bad row with row, column and reason, and changes nothing", async () => {
    const before = await dump();
    const bad = seedRows(5, 99).slice(0, 8);
    (bad[0] as Row).outstandingPrincipal = "-500000";
    (bad[1] as Row).disbursedAmount = "mười triệu";
    (bad[2] as Row).disbursedOn = "31/02/2026";
    (bad[3] as Row).programmeCode = "ZZZ";
    (bad[4] as Row).loanNumber = (bad[5] as Row).loanNumber;
    (bad[6] as Row).customerCode = "";
    const report = await run(await writeRows(file("bad.csv"), bad));

    expect(report.outcome).toBe("rejected");
    expect(report.errors.map((e) => [e.row, e.column, e.reason])).toEqual([
      [2, "Dư nợ", "negative"],
      [3, "Số tiền giải ngân", "not-amount"],
      [4, "Ngày giải ngân", "not-date"],
      [5, "Mã chương trình", "unknown-programme"],
      [7, "Số khế ước", "duplicate-loan"],
      [8, "Mã khách hàng", "required"],
    ]);
    const vi = messages(report, "vi");
    expect(vi).toContain('Dòng 4, cột "Ngày giải ngân": "31/02/2026" không phải ngày hợp lệ');
    expect(vi).toContain("số khế ước bị lặp, đã có ở dòng 6");
    expect(vi).toContain("Chưa có dữ liệu nào được cập nhật");
    const en = messages(report, "en");
    expect(en).toContain('Row 5, column "Mã chương trình": programme code "ZZZ" is not in the catalogue');
    expect(en).toContain("Nothing was changed");
    expect(await dump()).toEqual(before);
    expect((await ImportBatchModel.findById(report.batchId).lean())?.outcome).toBe("rejected");
  });

  it("reports a household described differently on two rows, and a second group head", async () => {
    const base = seedRows(40, 5);
    const household = base.find((r, i) => base.findIndex((x) => x.customerCode === r.customerCode) !== i) as Row;
    const copy = base.map((r) => ({ ...r }));
    const second = copy.filter((r) => r.customerCode === household.customerCode)[1] as Row;
    second.fullName = "Tên Khác";
    const member = copy.find((r) => r.groupRole === "Thành viên" && r.groupCode === copy[0]?.groupCode) as Row;
    for (const r of copy) if (r.customerCode === member.customerCode) r.groupRole = "Tổ trưởng";
    const report = await run(await writeRows(file("conflict.csv"), copy));
    expect(report.outcome).toBe("rejected");
    expect(report.errors.map((e) => e.reason).sort()).toEqual(["conflict", "second-head"]);
    expect(messages(report, "en")).toMatch(/differs from row \d+ for the same household/);
  });

  it.each([
    ["empty.csv", "", "empty-file", "Tệp không có dữ liệu"],
    ["header-only.csv", `${HEADER_LINE}\n`, "no-rows", "không có dòng dữ liệu"],
    ["wrong-headers.csv", "code,name,amount\nA,B,1\n", "missing-columns", "Thiếu cột bắt buộc"],
    ["report.pdf", "%PDF-1.4", "unknown-format", "Chỉ nhận tệp .csv hoặc .xlsx"],
  ])("gives %s its own message", async (name, content, code, text) => {
    const report = await run(writeRaw(file(name), content));
    expect(report.outcome).toBe("rejected");
    expect(report.fileError?.code).toBe(code);
    expect(messages(report)).toContain(text);
  });

  it("recognises a UTF-16 export and a Windows-1258 export", async () => {
    const csv = `${HEADER_LINE}\n`;
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(csv, "utf16le")]);
    const r16 = await run(writeRaw(file("utf16.csv"), utf16));
    expect(r16.fileError?.code).toBe("encoding-utf16");
    expect(messages(r16, "en")).toContain("UTF-16");

    // "Mã" in Windows-1258 is 0x4D 0xE3: not valid UTF-8.
    const cp1258 = Buffer.from([...Buffer.from("M"), 0xe3, ...Buffer.from(" PGD,T\n")]);
    const r1258 = await run(writeRaw(file("cp1258.csv"), cp1258));
    expect(r1258.fileError?.code).toBe("encoding-not-utf8");
    expect(messages(r1258)).toContain("Windows-1258");
  });

  it("accepts headers without diacritics and a semicolon delimiter", async () => {
    const plain = HEADERS.map((h) =>
      h
        .normalize("NFD")
        .replace(/[\u0300-\u036f]/g, "")
        .replace(/đ/g, "d")
        .replace(/Đ/g, "D"),
    );
    const row = seedRows(1, 11)[0] as Row;
    const line = Object.values(row).map((v) => (v.includes(";") ? `"${v}"` : v));
    const report = await run(writeRaw(file("semicolon.csv"), `${plain.join(";")}\n${line.join(";")}\n`), {
      dryRun: true,
    });
    expect(report.errors).toEqual([]);
    expect(report.outcome).toBe("dry-run");
  });
});

describe("XLSX", () => {
  it("imports the same template from a spreadsheet, reading real date cells", async () => {
    const data = seedRows(3, 21);
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Dữ liệu");
    sheet.addRow(HEADERS);
    for (const r of data) {
      const values: (string | number | Date)[] = Object.values(r);
      const [d, m, y] = r.disbursedOn.split("/").map(Number) as [number, number, number];
      values[HEADERS.indexOf("Ngày giải ngân")] = new Date(Date.UTC(y, m - 1, d));
      values[HEADERS.indexOf("Dư nợ")] = Number(r.outstandingPrincipal);
      sheet.addRow(values);
    }
    const path = file("data.xlsx");
    await workbook.xlsx.writeFile(path);
    const report = await run(path);
    expect(report.errors).toEqual([]);
    expect(report.outcome).toBe("applied");
    const first = data[0] as Row;
    const loan = await LoanModel.findById(first.loanNumber).lean();
    const [d, m, y] = first.disbursedOn.split("/");
    expect(loan?.disbursedOn).toBe(`${y}-${m}-${d}`);
  });
});

describe("dry run", () => {
  it("reports what would change and writes nothing", async () => {
    const before = await dump();
    const report = await run(await writeRows(file("dry.csv"), seedRows(10, 1234)), { dryRun: true });
    expect(report.outcome).toBe("dry-run");
    // Seeds share codes (KH00000001…) but not contents, so these rows would update existing loans.
    const loans = report.counts?.loans;
    expect((loans?.created ?? 0) + (loans?.updated ?? 0)).toBeGreaterThan(0);
    expect(await dump()).toEqual(before);
  });
});
