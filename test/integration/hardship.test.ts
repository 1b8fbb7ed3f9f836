import { writeFileSync } from "node:fs";
import ExcelJS from "exceljs";
import mongoose from "mongoose";
import { beforeEach, describe, expect, it } from "vitest";
import { ensureIndexes } from "../../src/data/connection.js";
import { fileHardshipReport, moveHardshipReport } from "../../src/data/hardship.js";
import {
  AuditLogModel,
  HardshipListModel,
  HardshipPhotoModel,
  HardshipReportModel,
} from "../../src/data/models/index.js";
import { HARDSHIP_REFERENCE_RE } from "../../src/domain/hardship.js";
import { runRetention } from "../../src/retention/runRetention.js";
import { callback, fileUpload, groupChat, photoUpload, testBot, text } from "../support/bot.js";
import { WORKING_DAY_10AM } from "../support/clock.js";
import { useTestDatabase } from "../support/database.js";
import { useTelegramFiles, useTempDir } from "../support/files.js";
import { communeOfficer } from "../support/outbox.js";
import { GPS_TEXT, jpegWithLocation, pngWithLocation } from "../support/photos.js";
import { CHAT, loadReminderFixture } from "../support/reminderFixture.js";

/** Issue 26, the borrower's part: filing, seeing, withdrawing and deleting a hardship report. */
useTestDatabase();
const file = useTempDir();

beforeEach(async () => {
  await mongoose.connection.dropDatabase();
  await ensureIndexes();
  await loadReminderFixture(file("village.csv"));
});

type Bot = ReturnType<typeof testBot>;

/** The callback data of the buttons of the last message sent. */
function buttons(bot: Bot): { text: string; data: string }[] {
  const sent = bot.calls.filter((c) => c.method === "sendMessage").at(-1);
  const markup = sent?.payload.reply_markup as { inline_keyboard?: { text: string; callback_data: string }[][] };
  return (markup?.inline_keyboard ?? []).flat().map((b) => ({ text: b.text, data: b.callback_data }));
}

async function fileReport(bot: Bot, user: number, story: string | null): Promise<string> {
  await bot.bot.handleUpdate(text(user, "/hardship"));
  await bot.bot.handleUpdate(callback(user, "hs:new"));
  await bot.bot.handleUpdate(callback(user, "hs:r:house-damaged"));
  await bot.bot.handleUpdate(callback(user, "hs:w:this-week"));
  const loan = buttons(bot).find((b) => b.data === "hs:l:1");
  expect(loan?.text).toMatch(/^KU/);
  await bot.bot.handleUpdate(callback(user, "hs:l:1"));
  await bot.bot.handleUpdate(story === null ? callback(user, "hs:a:skip") : text(user, story));
  expect(bot.lastText()).toContain("ảnh thiệt hại");
  await bot.bot.handleUpdate(callback(user, "hs:a:done"));
  expect(bot.lastText()).toContain("Kiểm tra trước khi gửi");
  await bot.bot.handleUpdate(callback(user, "hs:a:send"));
  const filed = bot.texts().findLast((t) => t.includes("Đã nhận báo cáo")) ?? "";
  const reference = /mã <b>(KK-[^<]+)<\/b>/.exec(filed)?.[1] ?? "";
  expect(reference).toMatch(HARDSHIP_REFERENCE_RE);
  return reference;
}

describe("a borrower reports a hardship", () => {
  it("files it step by step, gets a reference and the paper step, and sees it in the list", async () => {
    const bot = testBot();
    const reference = await fileReport(bot, CHAT.KH02, "Nhà bị lũ cuốn mất mái <ngói>");
    expect(bot.texts().findLast((t) => t.includes("Đã nhận báo cáo"))).toContain("hồ sơ giấy");
    const stored = await HardshipReportModel.findById(reference).lean();
    expect(stored).toMatchObject({
      householdCode: "KH02",
      filedBy: CHAT.KH02,
      reason: "house-damaged",
      when: "this-week",
      happenedFrom: "2026-12-11",
      text: "Nhà bị lũ cuốn mất mái <ngói>",
      status: "awaiting-head",
    });
    expect(stored?.loanNumber).toMatch(/^KU/);
    // The text is shown back escaped, never as markup.
    const confirm = bot.texts().find((t) => t.includes("Kiểm tra trước khi gửi")) ?? "";
    expect(confirm).toContain("&lt;ngói&gt;");

    await bot.bot.handleUpdate(text(CHAT.KH02, "/hardship"));
    expect(bot.lastText()).toContain(`${reference} (17/12/2026): Nhà cửa hư hại: <b>chờ tổ trưởng xác nhận</b>`);
    expect(buttons(bot).map((b) => b.data)).toContain(`hs:x:${reference}`);
  });

  it("files nothing twice when send is pressed again, and nothing from a button of another step", async () => {
    const bot = testBot();
    const reference = await fileReport(bot, CHAT.KH02, null);
    await bot.bot.handleUpdate(callback(CHAT.KH02, "hs:a:send"));
    await bot.bot.handleUpdate(callback(CHAT.KH02, "hs:w:earlier"));
    await bot.bot.handleUpdate(callback(CHAT.KH02, "hs:l:1"));
    const answers = bot.calls.filter((c) => c.method === "answerCallbackQuery").map((c) => c.payload.text);
    expect(answers.filter((a) => String(a).includes("không còn dùng được"))).toHaveLength(3);
    expect(await HardshipReportModel.countDocuments({})).toBe(1);
    expect((await HardshipListModel.findById("KH02").lean())?.references).toEqual([reference]);
  });

  it("refuses a loan button that was never offered, and text that is too long, and keeps the draft", async () => {
    const bot = testBot();
    await bot.bot.handleUpdate(callback(CHAT.KH02, "hs:new"));
    await bot.bot.handleUpdate(callback(CHAT.KH02, "hs:r:job-lost"));
    await bot.bot.handleUpdate(callback(CHAT.KH02, "hs:w:earlier"));
    const offered = buttons(bot).filter((b) => b.data.startsWith("hs:l:")).length;
    await bot.bot.handleUpdate(callback(CHAT.KH02, `hs:l:${offered}`));
    expect(bot.lastText()).not.toContain("Kể ngắn gọn");
    await bot.bot.handleUpdate(callback(CHAT.KH02, "hs:l:0"));
    expect(bot.lastText()).toContain("Kể ngắn gọn");
    await bot.bot.handleUpdate(text(CHAT.KH02, "x".repeat(1001)));
    expect(bot.lastText()).toContain("1.001 ký tự");
    await bot.bot.handleUpdate(text(CHAT.KH02, "Công ty đóng cửa"));
    await bot.bot.handleUpdate(callback(CHAT.KH02, "hs:a:done"));
    await bot.bot.handleUpdate(callback(CHAT.KH02, "hs:a:send"));
    const [stored] = await HardshipReportModel.find({}).lean();
    expect(stored).toMatchObject({ reason: "job-lost", when: "earlier", happenedFrom: null, loanNumber: null });
  });

  it("lets only the household withdraw it, and only until it has gone on", async () => {
    const bot = testBot();
    const reference = await fileReport(bot, CHAT.KH02, "Mất mùa");
    // Another borrower pressing a forged button reads "not found" and changes nothing.
    await bot.bot.handleUpdate(callback(CHAT.KH01, `hs:x:${reference}`));
    expect(bot.lastText()).toContain("Không tìm thấy");
    expect((await HardshipReportModel.findById(reference).lean())?.status).toBe("awaiting-head");

    await bot.bot.handleUpdate(callback(CHAT.KH02, `hs:x:${reference}`));
    expect(bot.lastText()).toContain(`Đã rút báo cáo ${reference}`);
    const stored = await HardshipReportModel.findById(reference).lean();
    expect(stored?.status).toBe("withdrawn");
    expect(stored?.history.map((h) => h.status)).toEqual(["awaiting-head", "withdrawn"]);
    await bot.bot.handleUpdate(callback(CHAT.KH02, `hs:x:${reference}`));
    expect(bot.lastText()).toContain("không rút được nữa");
  });

  it("files nothing for a loan that is not the household's when it is sent (the link changed mid-draft)", async () => {
    const bot = testBot();
    await bot.bot.handleUpdate(callback(CHAT.KH02, "hs:new"));
    await bot.bot.handleUpdate(callback(CHAT.KH02, "hs:r:other"));
    await bot.bot.handleUpdate(callback(CHAT.KH02, "hs:w:earlier"));
    await bot.bot.handleUpdate(callback(CHAT.KH02, "hs:l:1"));
    await bot.bot.handleUpdate(callback(CHAT.KH02, "hs:a:skip"));
    await bot.bot.handleUpdate(callback(CHAT.KH02, "hs:a:done"));
    // The account now links another household (KH03's), whose loans the draft never offered.
    const { BorrowerAccountModel, TelegramAccountModel } = await import("../../src/data/models/index.js");
    await BorrowerAccountModel.updateOne({ _id: "KH02" }, { $set: { telegramLinks: [] } });
    await BorrowerAccountModel.updateOne(
      { _id: "KH03" },
      { $push: { telegramLinks: { telegramUserId: CHAT.KH02, linkedAt: new Date(), via: "contact" } } },
    );
    await TelegramAccountModel.updateOne(
      { _id: String(CHAT.KH02) },
      { $set: { customerCode: "KH03" } },
      { upsert: true },
    );
    await bot.bot.handleUpdate(callback(CHAT.KH02, "hs:a:send"));
    expect(bot.lastText()).toContain("không còn dùng được");
    expect(await HardshipReportModel.countDocuments({})).toBe(0);
  });

  it("is for linked borrowers in a private chat only", async () => {
    const bot = testBot();
    await bot.bot.handleUpdate(text(999_001, "/hardship"));
    expect(bot.lastText()).toContain("liên kết");
    await bot.bot.handleUpdate(callback(999_001, "hs:new"));
    await bot.bot.handleUpdate(text(CHAT.KH02, "/hardship", groupChat()));
    expect(bot.lastText()).not.toContain("Báo gặp khó khăn");
    expect(await HardshipReportModel.countDocuments({})).toBe(0);
  });

  it("is gone after /deletemydata of the user who filed it", async () => {
    const bot = testBot();
    const reference = await fileReport(bot, CHAT.KH02, "Ốm nặng");
    await bot.bot.handleUpdate(text(CHAT.KH02, "/deletemydata"));
    expect(await HardshipReportModel.findById(reference).lean()).toBeNull();
    expect((await HardshipListModel.findById("KH02").lean())?.references ?? []).toEqual([]);
  });
});

const OFFICER_X1 = 7001;
const OFFICER_X2 = 7002;

describe("photos with a report", () => {
  const telegram = useTelegramFiles(file);
  beforeEach(async () => {
    writeFileSync(file("geo.jpg"), jpegWithLocation());
    writeFileSync(file("map.png"), pngWithLocation());
    writeFileSync(file("fake.jpg"), "<html>not a photo</html>");
    await communeOfficer(OFFICER_X1, ["X1"], new Date(WORKING_DAY_10AM));
    await communeOfficer(OFFICER_X2, ["X2"], new Date(WORKING_DAY_10AM));
  });

  async function draftToPhotos(bot: Bot, user: number) {
    await bot.bot.handleUpdate(callback(user, "hs:new"));
    await bot.bot.handleUpdate(callback(user, "hs:r:house-damaged"));
    await bot.bot.handleUpdate(callback(user, "hs:w:this-week"));
    await bot.bot.handleUpdate(callback(user, "hs:l:0"));
    await bot.bot.handleUpdate(callback(user, "hs:a:skip"));
  }
  const sendAndReference = async (bot: Bot, user: number) => {
    await bot.bot.handleUpdate(callback(user, "hs:a:send"));
    return /mã <b>(KK-[^<]+)<\/b>/.exec(bot.texts().findLast((t) => t.includes("Đã nhận báo cáo")) ?? "")?.[1] ?? "";
  };
  const storedPhotos = async (reference: string) =>
    (await HardshipPhotoModel.find({}).lean()).filter((p) => String(p._id).startsWith(`${reference}/`));
  const bytesOf = (data: unknown) => Buffer.from((data as { buffer: Uint8Array }).buffer);

  it("takes up to 5, checks size and type, stores them without location, shows them to the officer in scope only", async () => {
    const bot = testBot(undefined, { apiRoot: telegram.apiRoot() });
    await draftToPhotos(bot, CHAT.KH02);
    await bot.bot.handleUpdate(photoUpload(CHAT.KH02, "geo.jpg"));
    expect(bot.lastText()).toContain("Đã nhận ảnh 1/5");
    await bot.bot.handleUpdate(fileUpload(CHAT.KH02, "map.png", "image/png", 200));
    // Claims to be a JPEG: accepted now, refused by its bytes when downloaded.
    await bot.bot.handleUpdate(fileUpload(CHAT.KH02, "fake.jpg", "image/jpeg", 30));
    await bot.bot.handleUpdate(fileUpload(CHAT.KH02, "huge.jpg", "image/jpeg", 6 * 1024 * 1024));
    expect(bot.lastText()).toContain("tối đa 5 MB");
    await bot.bot.handleUpdate(fileUpload(CHAT.KH02, "form.pdf", "application/pdf", 300));
    expect(bot.lastText()).toContain("Chỉ nhận ảnh JPEG hoặc PNG");
    await bot.bot.handleUpdate(photoUpload(CHAT.KH02, "geo.jpg"));
    await bot.bot.handleUpdate(photoUpload(CHAT.KH02, "geo.jpg"));
    expect(bot.lastText()).toContain("Đã nhận ảnh 5/5");
    await bot.bot.handleUpdate(photoUpload(CHAT.KH02, "geo.jpg"));
    expect(bot.lastText()).toContain("Đã đủ 5 ảnh");
    await bot.bot.handleUpdate(callback(CHAT.KH02, "hs:a:done"));
    expect(bot.lastText()).toContain("Ảnh: 5");
    expect(bot.lastText()).toContain("sẽ được xoá");
    const reference = await sendAndReference(bot, CHAT.KH02);
    expect(bot.texts()).toContain("Đã lưu 4/5 ảnh.");

    const photos = await storedPhotos(reference);
    expect(photos.map((p) => p.type).sort()).toEqual(["jpeg", "jpeg", "jpeg", "png"]);
    for (const p of photos) expect(bytesOf(p.data).includes(Buffer.from(GPS_TEXT))).toBe(false);
    expect((await HardshipReportModel.findById(reference).lean())?.photos).toBe(4);

    const groups = () => bot.calls.filter((c) => c.method === "sendMediaGroup");
    await bot.bot.handleUpdate(callback(OFFICER_X2, `hs:o:${reference}`));
    expect(groups()).toHaveLength(0);
    await bot.bot.handleUpdate(callback(OFFICER_X1, `hs:o:${reference}`));
    expect(groups().map((c) => [c.payload.chat_id, (c.payload.media as unknown[]).length])).toEqual([[OFFICER_X1, 4]]);

    await bot.bot.handleUpdate(text(CHAT.KH02, "/deletemydata"));
    expect(await storedPhotos(reference)).toEqual([]);
  });

  it("takes an album of 5 photos as one message for the flood limit, which still stops a flood", async () => {
    const bot = testBot(undefined, { apiRoot: telegram.apiRoot(), rateLimit: { limit: 6, timeFrameMs: 60_000 } });
    await draftToPhotos(bot, CHAT.KH02);
    for (let i = 0; i < 5; i++) await bot.bot.handleUpdate(photoUpload(CHAT.KH02, "geo.jpg", 50_000, "album-1"));
    expect(bot.lastText()).toContain("Đã nhận ảnh 5/5");
    expect(bot.texts().some((t) => t.includes("quá nhanh"))).toBe(false);
    await bot.bot.handleUpdate(photoUpload(CHAT.KH02, "geo.jpg", 50_000, "album-2"));
    expect(bot.lastText()).toContain("quá nhanh");
  });

  it("keeps where a photo was taken only when the borrower agrees", async () => {
    const bot = testBot(undefined, { apiRoot: telegram.apiRoot() });
    await draftToPhotos(bot, CHAT.KH02);
    await bot.bot.handleUpdate(fileUpload(CHAT.KH02, "geo.jpg", "image/jpeg", 200));
    await bot.bot.handleUpdate(callback(CHAT.KH02, "hs:a:done"));
    await bot.bot.handleUpdate(callback(CHAT.KH02, "hs:a:loc"));
    expect(bot.lastText()).toContain("đồng ý giữ thông tin vị trí");
    const reference = await sendAndReference(bot, CHAT.KH02);
    const [photo] = await storedPhotos(reference);
    expect(bytesOf(photo?.data).includes(Buffer.from(GPS_TEXT))).toBe(true);
    expect((await HardshipReportModel.findById(reference).lean())?.locationKept).toBe(true);
  });
});

/** What each chat was sent, in order. */
const sentTo = (bot: Bot, chatId: number) =>
  bot.calls
    .filter((c) => c.method === "sendMessage" && c.payload.chat_id === chatId)
    .map((c) => String(c.payload.text));

describe("the group head confirms and the officer works the queue", () => {
  beforeEach(async () => {
    await communeOfficer(OFFICER_X1, ["X1"], new Date(WORKING_DAY_10AM));
    await communeOfficer(OFFICER_X2, ["X2"], new Date(WORKING_DAY_10AM));
  });

  it("asks the head of the borrower's group, and only that head's word moves it on", async () => {
    const bot = testBot();
    const reference = await fileReport(bot, CHAT.KH02, "Bò chết vì rét");
    const asked = sentTo(bot, CHAT.KH01).at(-1) ?? "";
    expect(asked).toContain(reference);
    expect(asked).toContain("Trần Văn Bình");
    // The text only: what the member wrote is not in the head's message.
    expect(asked).not.toContain("Bò chết");

    // Another group's head (KH05) and a plain member (KH03) press the forged button: nothing moves.
    for (const user of [CHAT.KH05, CHAT.KH03]) {
      await bot.bot.handleUpdate(callback(user, `hs:c:${reference}`));
      expect(bot.lastText()).toContain("Không tìm thấy");
    }
    expect((await HardshipReportModel.findById(reference).lean())?.status).toBe("awaiting-head");

    await bot.bot.handleUpdate(text(CHAT.KH01, "/hardship"));
    expect(bot.texts().some((t) => t.includes("chờ ông/bà xác nhận") && t.includes(reference))).toBe(true);
    await bot.bot.handleUpdate(callback(CHAT.KH01, `hs:c:${reference}`));
    expect(sentTo(bot, CHAT.KH01).at(-1)).toContain(`Đã xác nhận báo cáo ${reference}`);
    expect(sentTo(bot, CHAT.KH02).at(-1)).toContain("Tổ trưởng đã xác nhận");
    expect(await HardshipReportModel.findById(reference).lean()).toMatchObject({ status: "new", headConfirmed: true });
    await bot.bot.handleUpdate(callback(CHAT.KH01, `hs:c:${reference}`));
    expect(bot.lastText()).toContain("không còn chờ xác nhận");
  });

  it("moves a confirmed report through each status, telling the borrower each time; another commune sees nothing", async () => {
    const bot = testBot();
    const reference = await fileReport(bot, CHAT.KH02, "Lũ cuốn mất lúa");
    await bot.bot.handleUpdate(text(OFFICER_X1, "/hardshipqueue"));
    expect(bot.lastText()).toContain("(0)");
    await bot.bot.handleUpdate(callback(CHAT.KH01, `hs:c:${reference}`));

    await bot.bot.handleUpdate(text(OFFICER_X2, "/hardshipqueue"));
    expect(bot.lastText()).not.toContain(reference);
    await bot.bot.handleUpdate(callback(OFFICER_X2, `hs:o:${reference}`));
    expect(bot.lastText()).toContain("Không tìm thấy");
    await bot.bot.handleUpdate(callback(OFFICER_X2, `hs:m:checking:${reference}`));
    expect((await HardshipReportModel.findById(reference).lean())?.status).toBe("new");

    await bot.bot.handleUpdate(text(OFFICER_X1, "/hardshipqueue"));
    expect(bot.lastText()).toContain(reference);
    await bot.bot.handleUpdate(callback(OFFICER_X1, `hs:o:${reference}`));
    expect(bot.lastText()).toContain("Lũ cuốn mất lúa");
    // A step the report cannot take from where it stands changes nothing.
    await bot.bot.handleUpdate(callback(OFFICER_X1, `hs:d:frozen:${reference}`));
    expect(bot.lastText()).toContain("không chuyển được");
    await bot.bot.handleUpdate(callback(OFFICER_X1, `hs:m:checking:${reference}`));
    await bot.bot.handleUpdate(callback(OFFICER_X1, `hs:m:needs-form:${reference}`));
    expect(bot.lastText()).toContain("còn thiếu gì");
    await bot.bot.handleUpdate(text(OFFICER_X1, "Xác nhận của UBND xã <bản gốc>"));
    expect(sentTo(bot, CHAT.KH02).at(-1)).toContain("Còn thiếu: Xác nhận của UBND xã &lt;bản gốc&gt;");
    await bot.bot.handleUpdate(callback(OFFICER_X1, `hs:m:sent-to-office:${reference}`));
    await bot.bot.handleUpdate(callback(OFFICER_X1, `hs:d:frozen:${reference}`));
    await bot.bot.handleUpdate(text(OFFICER_X1, "123/QĐ-NHCS"));
    const stored = await HardshipReportModel.findById(reference).lean();
    expect(stored?.history.map((h) => h.status)).toEqual([
      "awaiting-head",
      "new",
      "checking",
      "needs-form",
      "sent-to-office",
      "decided",
    ]);
    expect(stored).toMatchObject({
      decision: "frozen",
      decisionNumber: "123/QĐ-NHCS",
      missing: "Xác nhận của UBND xã <bản gốc>",
    });
    const told = sentTo(bot, CHAT.KH02);
    expect(told.filter((m) => m.includes(`Báo cáo ${reference} của ông/bà: <b>`))).toHaveLength(2);
    expect(told.at(-1)).toContain("quyết định số 123/QĐ-NHCS: <b>Khoanh nợ</b>");
    const moves = await AuditLogModel.find({ action: "hardship-move" }).lean();
    expect(moves.map((m) => (m.details as { status?: string })?.status)).toEqual([
      "checking",
      "needs-form",
      "sent-to-office",
      "decided",
    ]);
    // Decided: the borrower can no longer withdraw it.
    await bot.bot.handleUpdate(callback(CHAT.KH02, `hs:x:${reference}`));
    expect(bot.lastText()).toContain("không rút được nữa");
  });

  it("sends a report the head leaves unanswered to the queue after 3 days, marked so", async () => {
    // Fixed instants: filed at 10:00 on 17/12, looked at 1 ms before and exactly 3 days later.
    const fixed = (ms: number) =>
      testBot(undefined, { clock: { now: () => new Date(Date.parse(WORKING_DAY_10AM) + ms) } });
    const reference = await fileReport(fixed(0), CHAT.KH02, "Mất việc");
    const at = (days: number) => fixed(days * 86_400_000);
    const early = at(3 - 1 / 86_400_000);
    await early.bot.handleUpdate(text(OFFICER_X1, "/hardshipqueue"));
    expect(early.lastText()).not.toContain(reference);
    const late = at(3);
    await late.bot.handleUpdate(text(OFFICER_X1, "/hardshipqueue"));
    expect(late.lastText()).toContain(reference);
    expect(late.lastText()).toContain("tổ trưởng không trả lời sau 3 ngày");
    await late.bot.handleUpdate(callback(OFFICER_X1, `hs:m:checking:${reference}`));
    expect(await HardshipReportModel.findById(reference).lean()).toMatchObject({
      status: "checking",
      headConfirmed: null,
    });
  });
});

describe("the queue as a spreadsheet for the office", () => {
  beforeEach(async () => {
    await communeOfficer(OFFICER_X1, ["X1"], new Date(WORKING_DAY_10AM));
    await communeOfficer(OFFICER_X2, ["X2"], new Date(WORKING_DAY_10AM));
  });

  async function sheetSent(bot: Bot): Promise<string[][]> {
    const sent = bot.calls.filter((c) => c.method === "sendDocument").at(-1);
    const document = sent?.payload.document as { fileData?: unknown } | undefined;
    const data = document?.fileData;
    expect(Buffer.isBuffer(data)).toBe(true);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(data as never);
    const rows: string[][] = [];
    workbook.worksheets[0]?.eachRow((row) => {
      rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? "")));
    });
    return rows;
  }

  it("holds one row per report of the officer's scope, the borrower's words as text, and is audited", async () => {
    const bot = testBot();
    const reference = await fileReport(bot, CHAT.KH02, '=HYPERLINK("http://x") mất mùa');
    await bot.bot.handleUpdate(callback(CHAT.KH01, `hs:c:${reference}`));
    await bot.bot.handleUpdate(text(OFFICER_X1, "/hardshipqueue xlsx"));
    const rows = await sheetSent(bot);
    expect(rows[0]?.slice(0, 4)).toEqual(["Mã báo cáo", "Ngày báo", "Mã khách hàng", "Họ tên"]);
    expect(rows).toHaveLength(2);
    expect(rows[1]?.slice(0, 7)).toEqual([
      reference,
      "17/12/2026",
      "KH02",
      "Trần Văn Bình",
      "G1",
      "Xã Tân Lập",
      "Nhà cửa hư hại",
    ]);
    expect(rows[1]).toContain('=HYPERLINK("http://x") mất mùa');
    expect(rows[1]).toContain("Có");
    expect(await AuditLogModel.countDocuments({ action: "hardship-export" })).toBe(1);

    await bot.bot.handleUpdate(text(OFFICER_X2, "/hardshipqueue xlsx"));
    expect(await sheetSent(bot)).toHaveLength(1);
  });
});

describe("the group head files for a member without a phone, or answers with a note", () => {
  beforeEach(async () => {
    await communeOfficer(OFFICER_X1, ["X1"], new Date(WORKING_DAY_10AM));
  });

  it("offers only members with no phone and no link, files straight to the officer, and checks the head again", async () => {
    const bot = testBot();
    await bot.bot.handleUpdate(text(CHAT.KH01, "/hardship"));
    expect(buttons(bot).map((b) => b.data)).toContain("hs:hm");
    await bot.bot.handleUpdate(callback(CHAT.KH01, "hs:hm"));
    // KH02 and KH03 are linked; KH04 (no phone, never linked) is the only one offered.
    expect(buttons(bot).map((b) => b.text)).toEqual(["Phạm Thị Dung", "Huỷ"]);
    // A member who heads nothing gets nothing to pick, and a forged pick changes nothing.
    await bot.bot.handleUpdate(callback(CHAT.KH02, "hs:hm"));
    expect(bot.lastText()).toContain("không có thành viên nào");
    await bot.bot.handleUpdate(callback(CHAT.KH02, "hs:hp:1"));
    expect(bot.lastText()).not.toContain("Báo thay cho");

    await bot.bot.handleUpdate(callback(CHAT.KH01, "hs:hp:1"));
    expect(bot.lastText()).toContain("Báo thay cho <b>Phạm Thị Dung</b>");
    await bot.bot.handleUpdate(callback(CHAT.KH01, "hs:r:illness-death"));
    await bot.bot.handleUpdate(callback(CHAT.KH01, "hs:w:this-month"));
    expect(buttons(bot).map((b) => b.text)).toContain("KU04 · HN");
    await bot.bot.handleUpdate(callback(CHAT.KH01, "hs:l:1"));
    await bot.bot.handleUpdate(text(CHAT.KH01, "Chồng mất, không có điện thoại"));
    await bot.bot.handleUpdate(callback(CHAT.KH01, "hs:a:done"));
    await bot.bot.handleUpdate(callback(CHAT.KH01, "hs:a:send"));
    expect(bot.lastText()).toContain("do tổ trưởng báo thay");
    const [stored] = await HardshipReportModel.find({}).lean();
    expect(stored).toMatchObject({
      householdCode: "KH04",
      filedBy: CHAT.KH01,
      loanNumber: "KU04",
      status: "new",
      filedByHead: true,
      headConfirmed: true,
    });
    await bot.bot.handleUpdate(text(OFFICER_X1, "/hardshipqueue"));
    expect(bot.lastText()).toContain(String(stored?._id));
    await bot.bot.handleUpdate(callback(OFFICER_X1, `hs:o:${stored?._id}`));
    expect(bot.texts().some((t) => t.includes("Tổ trưởng báo thay"))).toBe(true);
  });

  it("files nothing when the member got a phone on file before the head pressed send", async () => {
    const bot = testBot();
    await bot.bot.handleUpdate(callback(CHAT.KH01, "hs:hm"));
    await bot.bot.handleUpdate(callback(CHAT.KH01, "hs:hp:1"));
    await bot.bot.handleUpdate(callback(CHAT.KH01, "hs:r:other"));
    await bot.bot.handleUpdate(callback(CHAT.KH01, "hs:w:earlier"));
    await bot.bot.handleUpdate(callback(CHAT.KH01, "hs:l:0"));
    await bot.bot.handleUpdate(callback(CHAT.KH01, "hs:a:skip"));
    await bot.bot.handleUpdate(callback(CHAT.KH01, "hs:a:done"));
    const { HouseholdModel } = await import("../../src/data/models/index.js");
    await HouseholdModel.updateOne({ _id: "KH04" }, { $set: { phones: ["+84867207431"] } });
    await bot.bot.handleUpdate(callback(CHAT.KH01, "hs:a:send"));
    expect(bot.lastText()).toContain("không còn dùng được");
    expect(await HardshipReportModel.countDocuments({})).toBe(0);
  });

  it("a head's note sends the report on unconfirmed, with the note for the officer; another head cannot", async () => {
    const bot = testBot();
    const reference = await fileReport(bot, CHAT.KH02, "Lũ cuốn trôi lúa");
    expect(JSON.stringify(bot.calls.filter((c) => c.payload.chat_id === CHAT.KH01).at(-1)?.payload)).toContain(
      `hs:hn:${reference}`,
    );
    await bot.bot.handleUpdate(callback(CHAT.KH05, `hs:hn:${reference}`));
    expect(bot.lastText()).toContain("Không tìm thấy");
    await bot.bot.handleUpdate(callback(CHAT.KH01, `hs:hn:${reference}`));
    await bot.bot.handleUpdate(text(CHAT.KH01, "x".repeat(301)));
    expect(bot.lastText()).toContain("tối đa 300");
    await bot.bot.handleUpdate(text(CHAT.KH01, "Mất một nửa ruộng, còn nuôi được lợn"));
    expect(sentTo(bot, CHAT.KH01).at(-1)).toContain("Đã gửi ghi chú");
    // The borrower hears that it went on, not what the head wrote.
    expect(sentTo(bot, CHAT.KH02).at(-1)).toContain("cán bộ đã nhận");
    expect(sentTo(bot, CHAT.KH02).join("\n")).not.toContain("nửa ruộng");
    const stored = await HardshipReportModel.findById(reference).lean();
    expect(stored).toMatchObject({
      status: "new",
      headConfirmed: false,
      headNote: "Mất một nửa ruộng, còn nuôi được lợn",
    });
    await bot.bot.handleUpdate(callback(OFFICER_X1, `hs:o:${reference}`));
    expect(bot.lastText()).toContain("Ghi chú của tổ trưởng: Mất một nửa ruộng");
  });
});

describe("retention of hardship reports", () => {
  it("removes reports decided or withdrawn before the cutoff, with their photos; open ones stay", async () => {
    const bot = testBot();
    const decided = await fileReport(bot, CHAT.KH02, "Mất mùa");
    const open = await fileReport(bot, CHAT.KH03, "Ốm");
    const old = new Date("2025-01-02T03:00:00Z");
    await HardshipReportModel.updateOne(
      { _id: decided },
      { $set: { status: "decided", history: [{ at: old, status: "decided", by: "officer" }], photos: 1 } },
    );
    await HardshipPhotoModel.create({ _id: `${decided}/1`, type: "jpeg", data: jpegWithLocation() });
    const result = await runRetention(13, new Date(WORKING_DAY_10AM));
    expect(result.hardshipReports).toBe(1);
    expect(await HardshipReportModel.findById(decided).lean()).toBeNull();
    expect(await HardshipPhotoModel.findById(`${decided}/1`).lean()).toBeNull();
    expect((await HardshipListModel.findById("all").lean())?.references).toEqual([open]);
    expect(await HardshipReportModel.findById(open).lean()).not.toBeNull();
  });
});

describe("filing at once", () => {
  it("stores every report of 30 borrowers filing at the same moment, each on its lists once", async () => {
    // Before the lists were written one command at a time on FerretDB, this failed with duplicate
    // keys on the shared lists, or hung.
    const now = new Date(WORKING_DAY_10AM);
    const filed = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        fileHardshipReport(
          {
            householdCode: `KH-${i}`,
            groupCode: `G-${i % 3}`,
            communeCode: "X1",
            officeCode: "PGD1",
            filedBy: 90_000 + i,
            reason: "other",
            when: "earlier",
            loanNumber: null,
            text: "",
          },
          "2026-12-17",
          now,
        ),
      ),
    );
    expect(new Set(filed).size).toBe(30);
    for (const list of ["all", "commune:X1", "office:PGD1"]) {
      expect((await HardshipListModel.findById(list).lean())?.references.sort()).toEqual([...filed].sort());
    }
    expect(await HardshipReportModel.countDocuments({})).toBe(30);
  });
});

describe("moving a report at once", () => {
  it("lets exactly one of ten officers pressing at the same instant move it", async () => {
    const reference = await fileHardshipReport(
      {
        householdCode: "KH02",
        groupCode: "G1",
        communeCode: "X1",
        officeCode: "PGD1",
        filedBy: CHAT.KH02,
        reason: "other",
        when: "earlier",
        loanNumber: null,
        text: "",
        byHead: true,
      },
      "2026-12-17",
      new Date(WORKING_DAY_10AM),
    );
    const moved = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        moveHardshipReport(reference, "new", { status: "checking", by: `officer-${i}` }, new Date(WORKING_DAY_10AM)),
      ),
    );
    expect(moved.filter(Boolean)).toHaveLength(1);
    const stored = await HardshipReportModel.findById(reference).lean();
    expect(stored?.history.map((h) => h.status)).toEqual(["new", "checking"]);
  });
});
