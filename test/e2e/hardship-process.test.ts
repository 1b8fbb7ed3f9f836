/**
 * Issue 26 from outside: the real bot process (dist/main.js) against the fake Bot API. A borrower
 * reports a loss with photos, the group head confirms, the officer of the commune opens it (photos in
 * the private chat, location removed) and moves it through each status to a decision, and the
 * borrower is told each time in plain words; an officer of another commune sees nothing and cannot
 * move it; a report the head left unanswered for 3 days is in the queue, marked so.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { freePort } from "../../src/data/ferretdb.js";
import { fileHardshipReport } from "../../src/data/hardship.js";
import { HardshipReportModel } from "../../src/data/models/index.js";
import { vietnamDate } from "../../src/domain/dates.js";
import { callback, fileUpload, photoUpload, text } from "../support/bot.js";
import { startBotProcess, stopBotProcess } from "../support/botProcess.js";
import { TEST_ID_SECRET, useTestDatabase } from "../support/database.js";
import { type RecordedCall, startFakeBotApi } from "../support/fakeBotApi.js";
import { useTempDir } from "../support/files.js";
import { communeOfficer } from "../support/outbox.js";
import { GPS_TEXT, jpegWithLocation, pngWithLocation } from "../support/photos.js";
import { CHAT, loadReminderFixture } from "../support/reminderFixture.js";

const database = useTestDatabase();
const file = useTempDir();
const OFFICER_X1 = 7101;
const OFFICER_X2 = 7102;
const files = new Map([
  ["geo.jpg", jpegWithLocation(1)],
  ["map.png", pngWithLocation()],
]);

let unanswered = "";
beforeAll(async () => {
  await loadReminderFixture(file("village.csv"));
  const filedAt = new Date(Date.now() - 4 * 24 * 3_600_000);
  await communeOfficer(OFFICER_X1, ["X1"], filedAt);
  await communeOfficer(OFFICER_X2, ["X2"], filedAt);
  // Filed four days ago (real time: the process runs on the system clock); its head never answered.
  unanswered = await fileHardshipReport(
    {
      householdCode: "KH03",
      groupCode: "G1",
      communeCode: "X1",
      officeCode: "PGD1",
      filedBy: CHAT.KH03,
      reason: "crop-livestock",
      when: "this-week",
      loanNumber: null,
      text: "",
    },
    vietnamDate(filedAt),
    filedAt,
  );
}, 120_000);

describe("a hardship report through the bot process", () => {
  const fake = startFakeBotApi({ files });
  afterAll(async () => (await fake).close());

  it("goes from the borrower to the head and the officer and back, with photos, within scope", async () => {
    const api = await fake;
    const { child } = startBotProcess({
      BOT_API_ROOT: api.apiRoot,
      MONGODB_URI: `${inject("mongoUri")}${database.name}`,
      ID_HASH_SECRET: TEST_ID_SECRET,
      HTTP_PORT: String(await freePort()),
      // The test presses faster than a person can; the flood limit itself is tested in process.
      USER_RATE_LIMIT: "100",
    });
    let seen = 0;
    /** The next message to `chat` (after those already waited for) containing `needle`. */
    const next = async (chat: number, needle: string): Promise<RecordedCall> => {
      const found = await api.waitFor(
        (c) =>
          api.calls.indexOf(c) >= seen &&
          c.method === "sendMessage" &&
          c.payload.chat_id === chat &&
          String(c.payload.text).includes(needle),
      );
      seen = api.calls.indexOf(found) + 1;
      return found;
    };
    const press = (user: number, data: string) => api.push(callback(user, data));
    try {
      api.push(text(CHAT.KH02, "/hardship"));
      await next(CHAT.KH02, "Báo gặp khó khăn");
      press(CHAT.KH02, "hs:new");
      await next(CHAT.KH02, "Gia đình gặp chuyện gì");
      press(CHAT.KH02, "hs:r:house-damaged");
      await next(CHAT.KH02, "khi nào");
      press(CHAT.KH02, "hs:w:this-week");
      await next(CHAT.KH02, "khoản vay nào");
      press(CHAT.KH02, "hs:l:0");
      await next(CHAT.KH02, "Kể ngắn gọn");
      api.push(text(CHAT.KH02, "Bão làm sập chuồng bò"));
      await next(CHAT.KH02, "ảnh thiệt hại");
      api.push(photoUpload(CHAT.KH02, "geo.jpg", 50_000, "album"));
      await next(CHAT.KH02, "Đã nhận ảnh 1/5");
      api.push(fileUpload(CHAT.KH02, "map.png", "image/png", (files.get("map.png") as Buffer).length));
      await next(CHAT.KH02, "Đã nhận ảnh 2/5");
      press(CHAT.KH02, "hs:a:done");
      await next(CHAT.KH02, "Kiểm tra trước khi gửi");
      press(CHAT.KH02, "hs:a:send");
      const filed = await next(CHAT.KH02, "Đã nhận báo cáo");
      const reference = /mã <b>(KK-[^<]+)<\/b>/.exec(String(filed.payload.text))?.[1] ?? "";
      expect(reference).toMatch(/^KK-/);

      const asked = await next(CHAT.KH01, reference);
      expect(String(asked.payload.text)).not.toContain("chuồng bò");
      press(CHAT.KH01, `hs:c:${reference}`);
      await next(CHAT.KH02, "Tổ trưởng đã xác nhận");

      // The other commune's officer: the queue does not hold it, and forged buttons move nothing.
      api.push(text(OFFICER_X2, "/hardshipqueue"));
      const otherQueue = await next(OFFICER_X2, "Báo cáo khó khăn cần xử lý");
      expect(String(otherQueue.payload.text)).not.toContain(reference);
      press(OFFICER_X2, `hs:o:${reference}`);
      await next(OFFICER_X2, "Không tìm thấy");
      press(OFFICER_X2, `hs:m:checking:${reference}`);
      await next(OFFICER_X2, "Không tìm thấy");
      // A borrower pressing an officer's button is refused as not staff.
      press(CHAT.KH02, `hs:m:checking:${reference}`);
      await api.waitFor(
        (c) => c.method === "sendMessage" && c.payload.chat_id === CHAT.KH02 && api.calls.indexOf(c) >= seen,
      );
      expect((await HardshipReportModel.findById(reference).lean())?.status).toBe("new");

      api.push(text(OFFICER_X1, "/hardshipqueue"));
      const queue = String((await next(OFFICER_X1, "Báo cáo khó khăn cần xử lý")).payload.text);
      expect(queue).toContain(reference);
      expect(queue).toMatch(new RegExp(`${unanswered}.*không trả lời sau 3 ngày`));
      press(OFFICER_X1, `hs:o:${reference}`);
      await next(OFFICER_X1, "Ảnh: 2");
      const album = await api.waitFor((c) => c.method === "sendMediaGroup" && c.raw !== undefined);
      const body = album.raw as Buffer;
      expect(body.includes(Buffer.from(GPS_TEXT))).toBe(false);
      expect(body.toString("latin1").match(/filename=/g)?.length).toBe(2);

      press(OFFICER_X1, `hs:m:checking:${reference}`);
      await next(CHAT.KH02, "đang kiểm tra");
      press(OFFICER_X1, `hs:m:needs-form:${reference}`);
      await next(OFFICER_X1, "còn thiếu gì");
      api.push(text(OFFICER_X1, "Giấy xác nhận thiệt hại của UBND xã"));
      await next(CHAT.KH02, "Còn thiếu: Giấy xác nhận thiệt hại của UBND xã");
      press(OFFICER_X1, `hs:m:sent-to-office:${reference}`);
      await next(CHAT.KH02, "đã chuyển phòng giao dịch");
      press(OFFICER_X1, `hs:d:extended:${reference}`);
      await next(OFFICER_X1, "Số quyết định");
      api.push(text(OFFICER_X1, "125/QĐ-NHCS"));
      await next(CHAT.KH02, "quyết định số 125/QĐ-NHCS: <b>Gia hạn nợ</b>");
      const stored = await HardshipReportModel.findById(reference).lean();
      expect(stored?.history.map((h) => h.status)).toEqual([
        "awaiting-head",
        "new",
        "checking",
        "needs-form",
        "sent-to-office",
        "decided",
      ]);
    } finally {
      expect(await stopBotProcess(child)).toBe(0);
    }
  });
});
