import { beforeAll, describe, expect, it } from "vitest";
import { BroadcastModel, LoanModel } from "../../src/data/models/index.js";
import { callback, documentMessage, testBot, text } from "../support/bot.js";
import { TEST_ID_SECRET, useTestDatabase } from "../support/database.js";
import { type Row, useTelegramFiles, useTempDir, writeRows } from "../support/files.js";
import { FIXTURE_ROWS, loadReminderFixture } from "../support/reminderFixture.js";

useTestDatabase();
const file = useTempDir();
const ADMIN = 7501;
const OFFICER_PGD1 = 7502;
const OFFICER_PGD2 = 7503;

/** KH05's commune X2 belongs to a second office. */
const ROWS: Row[] = FIXTURE_ROWS.map((r) =>
  r.communeCode === "X2" ? { ...r, officeCode: "PGD2", officeName: "PGD Bình An" } : r,
);

const telegramFiles = useTelegramFiles(file);
const officeBot = () =>
  testBot(undefined, { adminIds: [ADMIN], apiRoot: telegramFiles.apiRoot(), idHashSecret: TEST_ID_SECRET });

beforeAll(async () => {
  await loadReminderFixture(file("village.csv"), ROWS);
  const { bot, texts } = officeBot();
  await bot.handleUpdate(text(ADMIN, `/grant ${OFFICER_PGD1} office:PGD1`));
  await bot.handleUpdate(text(ADMIN, `/grant ${OFFICER_PGD2} office:pgd2`));
  expect(texts().join("\n")).toContain("office:PGD2");
});

describe("an officer scoped to one office", () => {
  it("finds that office's households and answers any other exactly like an unknown code", async () => {
    const { bot, texts } = officeBot();
    await bot.handleUpdate(text(OFFICER_PGD1, "/find KH02"));
    await bot.handleUpdate(text(OFFICER_PGD1, "/find KH05"));
    await bot.handleUpdate(text(OFFICER_PGD1, "/find KH99"));
    await bot.handleUpdate(text(OFFICER_PGD2, "/find KH05"));
    const [own, other, unknown, theirs] = texts();
    expect(own).toContain("Trần Văn Bình");
    expect(other).toBe("Không tìm thấy hộ KH05 trong phạm vi của anh/chị.");
    expect(unknown).toBe("Không tìm thấy hộ KH99 trong phạm vi của anh/chị.");
    expect(theirs).toContain("Hoàng Văn Em");
  });

  it("counts only that office in /stats", async () => {
    const { bot, texts } = officeBot();
    await bot.handleUpdate(text(OFFICER_PGD1, "/stats"));
    const mine = texts().at(-1) ?? "";
    expect(mine).toContain("Hộ đã liên kết Telegram: 3/4 (75%)");
    expect(mine).toContain("Xã Tân Lập");
    expect(mine).not.toContain("Bình An");
    await bot.handleUpdate(text(OFFICER_PGD2, "/stats"));
    const theirs = texts().at(-1) ?? "";
    expect(theirs).toContain("Hộ đã liên kết Telegram: 1/1 (100%)");
    expect(theirs).not.toContain("Tân Lập");
  });

  it("reaches only that office's households with a broadcast to everyone in scope", async () => {
    const { bot, texts } = officeBot();
    await bot.handleUpdate(text(OFFICER_PGD2, "/broadcast"));
    await bot.handleUpdate(text(OFFICER_PGD2, "Họp tổ"));
    const draft = await BroadcastModel.findOne({ createdBy: OFFICER_PGD2, status: "draft" }).lean();
    await bot.handleUpdate(callback(OFFICER_PGD2, `bc:aud:${draft?._id}:all`));
    expect(texts().at(-1)).toContain("Sẽ gửi đến <b>1</b> tài khoản Telegram");
    // A commune of the other office is no audience of theirs.
    await bot.handleUpdate(callback(OFFICER_PGD2, `bc:aud:${draft?._id}:commune`));
    await bot.handleUpdate(text(OFFICER_PGD2, "X1"));
    expect(texts().at(-1)).not.toContain("Sẽ gửi đến");
  });

  it("imports a file of that office's rows, and refuses one touching the other office", async () => {
    const changed = ROWS.map((r) => ({ ...r, interestDueNext: String(Number(r.interestDueNext) + 1) }));
    await writeRows(
      file("pgd1.csv"),
      changed.filter((r) => r.officeCode === "PGD1"),
    );
    await writeRows(file("both.csv"), changed);
    const upload = (user: number, name: string) =>
      documentMessage(user, { file_id: name, file_name: name, file_size: 1000 });
    const { bot, texts } = officeBot();
    await bot.handleUpdate(upload(OFFICER_PGD1, "both.csv"));
    expect(texts().at(-1)).toContain("dòng chạm tới dữ liệu ngoài phạm vi của anh/chị");
    expect(texts().at(-1)).toContain("• Dòng 6, cột");
    await bot.handleUpdate(callback(OFFICER_PGD1, "imp:go"));
    expect((await LoanModel.findById("KU05").lean())?.interestDueNext).toBe(99_000);
    await bot.handleUpdate(upload(OFFICER_PGD1, "pgd1.csv"));
    await bot.handleUpdate(callback(OFFICER_PGD1, "imp:go"));
    expect(texts().at(-1)).toContain("Đã nhập 4 dòng.");
    expect((await LoanModel.findById("KU02").lean())?.interestDueNext).toBe(220_001);
    expect((await LoanModel.findById("KU05").lean())?.interestDueNext).toBe(99_000);
  });
});
