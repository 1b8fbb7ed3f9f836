import { beforeAll, describe, expect, it } from "vitest";
import { AuditLogModel, LoanModel } from "../../src/data/models/index.js";
import { callback, documentMessage, testBot, text } from "../support/bot.js";
import { TEST_ID_SECRET, useTestDatabase } from "../support/database.js";
import { type Row, useTelegramFiles, useTempDir, writeRows } from "../support/files.js";
import { CHAT, FIXTURE_ROWS, loadReminderFixture } from "../support/reminderFixture.js";

useTestDatabase();
const file = useTempDir();
const ADMIN = 7201;
const OFFICER_X1 = 7202;
const STAFF_ONLY = "Lệnh này chỉ dành cho cán bộ được cấp quyền.";

// Stands in for Telegram's file server: /file/bot<token>/<file_path>, file_path being our file name.
const telegramFiles = useTelegramFiles(file);
beforeAll(async () => {
  await loadReminderFixture(file("village.csv"));
  const { bot } = officeBot();
  await bot.handleUpdate(text(ADMIN, `/grant ${OFFICER_X1} commune:X1`));
});

const officeBot = () =>
  testBot(undefined, { adminIds: [ADMIN], apiRoot: telegramFiles.apiRoot(), idHashSecret: TEST_ID_SECRET });
const upload = (user: number, name: string, size = 1000) =>
  documentMessage(user, { file_id: name, file_name: name, file_size: size });
const interestOf = async (loan: string) => (await LoanModel.findById(loan).lean())?.interestDueNext;

function withChange(over: (row: Row) => Row): Row[] {
  return FIXTURE_ROWS.map((r) => over({ ...r }));
}

describe("import by chat", () => {
  it("checks the file, shows what would change, and applies it only when the officer confirms", async () => {
    await writeRows(
      file("changed.csv"),
      withChange((r) => (r.customerCode === "KH02" ? { ...r, interestDueNext: "230000" } : r)),
    );
    const { bot, texts } = officeBot();
    await bot.handleUpdate(upload(ADMIN, "changed.csv"));
    const summary = texts().at(-1) ?? "";
    expect(summary).toContain("Chạy thử: 5 dòng hợp lệ");
    expect(summary).toContain("Khế ước: 0 mới, 1 cập nhật, 4 không đổi");
    expect(summary).toContain("Áp dụng tệp này?");
    expect(await interestOf("KU02")).toBe(220000);

    await bot.handleUpdate(callback(ADMIN, "imp:go"));
    expect(texts().at(-1)).toContain("Đã nhập 5 dòng.");
    expect(await interestOf("KU02")).toBe(230000);
    const actions = (await AuditLogModel.find({ "actor.id": String(ADMIN) }).lean()).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(["import-check", "import"]));
    // The confirmation is used up.
    await bot.handleUpdate(callback(ADMIN, "imp:go"));
    expect(texts().at(-1)).toBe("Không còn tệp nào chờ áp dụng. Xin gửi lại tệp.");
  });

  it("lets the officer discard the file: nothing is written", async () => {
    await writeRows(
      file("discard.csv"),
      withChange((r) => (r.customerCode === "KH02" ? { ...r, interestDueNext: "999000" } : r)),
    );
    const before = await interestOf("KU02");
    expect(before).not.toBe(999000);
    const { bot, texts } = officeBot();
    await bot.handleUpdate(upload(ADMIN, "discard.csv"));
    await bot.handleUpdate(callback(ADMIN, "imp:x"));
    expect(texts().at(-1)).toBe("Đã bỏ tệp; không ghi gì vào dữ liệu.");
    expect(await interestOf("KU02")).toBe(before);
  });

  it("lists the first 20 errors with row and column, sends all of them as a CSV file, and writes nothing", async () => {
    const bad = Array.from({ length: 25 }, (_, i) => ({
      ...(FIXTURE_ROWS[1] as Row),
      customerCode: `KH9${String(i).padStart(2, "0")}`,
      loanNumber: `KU9${String(i).padStart(2, "0")}`,
      interestDueNext: "abc",
    }));
    await writeRows(file("bad.csv"), [...FIXTURE_ROWS, ...bad]);
    const { bot, texts, calls } = officeBot();
    await bot.handleUpdate(upload(ADMIN, "bad.csv"));
    const message = texts().at(-1) ?? "";
    expect(message.match(/^Dòng \d+, cột/gm)).toHaveLength(20);
    expect(message).toContain("Dòng 7, cột");
    expect(message).toContain("Tệp có 25 lỗi. Chưa có dữ liệu nào được cập nhật.");
    const sent = calls.find((c) => c.method === "sendDocument");
    expect(String(sent?.payload.caption)).toBe("Danh sách đủ 25 lỗi ở tệp đính kèm.");
    expect(await LoanModel.countDocuments({ _id: /^KU9/ })).toBe(0);
    expect(message).not.toContain("Áp dụng tệp này?");
  });

  it("refuses a file with data outside the officer's scope", async () => {
    await writeRows(file("both.csv"), FIXTURE_ROWS);
    const { bot, texts } = officeBot();
    await bot.handleUpdate(upload(OFFICER_X1, "both.csv"));
    expect(texts().at(-1)).toContain("dòng chạm tới dữ liệu ngoài phạm vi của anh/chị");
    expect(texts().at(-1)).toContain("• Dòng 6, cột");
    await bot.handleUpdate(callback(OFFICER_X1, "imp:go"));
    expect(texts().at(-1)).toBe("Không còn tệp nào chờ áp dụng. Xin gửi lại tệp.");
  });

  it("points files over Telegram's download limit to the command line, without downloading", async () => {
    const { bot, texts, calls } = officeBot();
    await bot.handleUpdate(upload(ADMIN, "huge.csv", 25 * 1024 * 1024));
    expect(texts().at(-1)).toContain("Tệp nặng 25.0 MB, quá giới hạn 20 MB");
    expect(texts().at(-1)).toContain("npm run import");
    expect(calls.some((c) => c.method === "getFile")).toBe(false);
  });

  it("takes only CSV and XLSX", async () => {
    const { bot, texts } = officeBot();
    await bot.handleUpdate(upload(ADMIN, "notes.pdf"));
    expect(texts().at(-1)).toBe("Bot chỉ nhận tệp .csv hoặc .xlsx theo mẫu của ngân hàng.");
  });

  it.each([
    ["a borrower", CHAT.KH02],
    ["a group head", CHAT.KH01],
  ])("never imports for %s", async (_who, user) => {
    await writeRows(
      file("evil.csv"),
      withChange((r) => ({ ...r, interestDueNext: "1" })),
    );
    const before = await interestOf("KU01");
    expect(before).not.toBe(1);
    const { bot, texts, calls } = officeBot();
    await bot.handleUpdate(upload(user, "evil.csv"));
    expect(calls.some((c) => c.method === "getFile")).toBe(false);
    await bot.handleUpdate(callback(user, "imp:go"));
    expect(texts().at(-1)).toBe(STAFF_ONLY);
    expect(await interestOf("KU01")).toBe(before);
  });
});
