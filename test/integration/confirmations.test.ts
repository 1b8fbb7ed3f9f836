/**
 * Issue 28, payment confirmations: an import's changes against the last import's figures become one
 * confirmation per household, queued only in offices an officer turned on (with another's approval)
 * and only once someone presses "send"; each goes once, with "why this amount?" (the catalogue's
 * rate) and "this is not right" (to the officers of the place, never to the head).
 */
import mongoose from "mongoose";
import { beforeAll, describe, expect, it } from "vitest";
import { confirmationId, pendingWithin } from "../../src/confirmations/send.js";
import { prepareDatabase } from "../../src/data/connection.js";
import { AuditLogModel, DeliveryModel, OfficerModel } from "../../src/data/models/index.js";
import { eachFiguresBucket } from "../../src/data/recordedFigures.js";
import { createI18n } from "../../src/i18n.js";
import { formatImportReport } from "../../src/import/formatReport.js";
import { type ImportReport, importFile } from "../../src/import/run.js";
import { callback, testBot, text } from "../support/bot.js";
import { testClock } from "../support/clock.js";
import { useTestDatabase } from "../support/database.js";
import { type Row, useTempDir, writeRows } from "../support/files.js";
import { type FloodLimitedBotApi, startFloodLimitedBotApi } from "../support/floodLimitedBotApi.js";
import { communeOfficer } from "../support/outbox.js";
import { ALL_DAY, CHAT, FIXTURE_ROWS, fixtureDispatcher, loadReminderFixture } from "../support/reminderFixture.js";
import { TEST_ID_SECRET } from "../support/secrets.js";

useTestDatabase();
const file = useTempDir();
const i18n = createI18n();
const ADMIN = 900;
const OFFICE_OFFICER = 801;
const COMMUNE_OFFICER = 802;
/** 21/12/2026, the day after commune X1's transaction day (the 20th); X2's is the 5th. */
const AFTER_SESSION = new Date("2026-12-21T03:00:00Z");

const other: Row = {
  ...(FIXTURE_ROWS[3] as Row),
  customerCode: "KH06",
  fullName: "Vũ Văn Phúc",
  loanNumber: "KU06",
  officeCode: "PGD2",
  officeName: "PGD Khác",
  communeCode: "X3",
  communeName: "Xã Khác",
  groupCode: "G3",
  groupName: "Tổ Thôn 3",
  groupRole: "Tổ trưởng",
};

/** What the bank's data says on 21/12: who paid what (see the expectations below). */
function afterSession(): Row[] {
  const [kh01, kh02, kh03, kh04, kh05] = FIXTURE_ROWS as [Row, Row, Row, Row, Row];
  return [
    // Interest paid on the 20th: nothing left unpaid.
    kh01,
    // Interest and the 5,000,000 installment paid.
    { ...kh02, outstandingPrincipal: "35000000", nextInstallmentOn: "20/01/2027" },
    // The overdue 3,000,000 paid, and the interest.
    { ...kh03, outstandingPrincipal: "37000000", overduePrincipal: "0", overdueSince: "" },
    // Interest not paid (it is now unpaid), 50,000 of savings deposited.
    { ...kh04, unpaidInterest: "66000", savingsBalance: "50000" },
    // Transaction day the 5th: no interest owed yet; a new loan disbursed.
    kh05,
    {
      ...kh05,
      loanNumber: "KU07",
      disbursedAmount: "20000000",
      outstandingPrincipal: "20000000",
      disbursedOn: "18/12/2026",
    },
    { ...other, savingsBalance: "70000" },
  ];
}

const importAt = async (rows: Row[], now: Date, name: string, dryRun = false) =>
  importFile(await writeRows(file(name), rows), {
    actor: { kind: "cli", id: "test" },
    idHashSecret: TEST_ID_SECRET,
    now,
    dryRun,
  });

const summary = (report: ImportReport) => formatImportReport(i18n, "vi", report).join("\n");
const clock = testClock(AFTER_SESSION.toISOString());
const bot = testBot(undefined, { adminIds: [ADMIN], clock, delivery: { config: ALL_DAY } });
const payments = () => DeliveryModel.find({ kind: "payment-recorded" }).sort({ _id: 1 }).lean();
const press = (user: number, data: string) => bot.bot.handleUpdate(callback(user, data));

// Each step builds on the one before: one import, then sending, then the buttons.
describe("payment confirmations", { shuffle: false }, () => {
  let second: ImportReport;
  let server: FloodLimitedBotApi | undefined;

  beforeAll(async () => {
    await mongoose.connection.dropDatabase();
    await prepareDatabase();
    await loadReminderFixture(file("village.csv"));
    // The village was imported on 17/12; KH06 of office PGD2 joins it now, before the session.
    await importAt([...FIXTURE_ROWS, other], new Date("2026-12-17T04:00:00Z"), "village-2.csv");
    await OfficerModel.create({
      _id: OFFICE_OFFICER,
      active: true,
      scope: { kind: "offices", codes: ["PGD1"] },
      grantedBy: ADMIN,
      grantedAt: new Date(),
    });
    await communeOfficer(COMMUNE_OFFICER, ["X1"], new Date());
    return async () => server?.close();
  });

  it("are off until an officer asks and someone else approves", async () => {
    await bot.bot.handleUpdate(text(OFFICE_OFFICER, "/confirmations"));
    expect(bot.lastText()).toContain("PGD Tân Lập (PGD1): đang tắt");
    await press(OFFICE_OFFICER, "rco:ask:PGD1");
    expect(bot.lastText()).toContain("Đã gửi đề nghị bật cho PGD1");
    // The asker cannot approve their own request; a commune's officer does not cover the office.
    await press(OFFICE_OFFICER, "rco:ok:PGD1");
    expect(bot.lastText()).toContain("không thể tự duyệt");
    await press(COMMUNE_OFFICER, "rco:ok:PGD1");
    expect(bot.lastText()).toContain("ngoài phạm vi");
    await press(ADMIN, "rco:ok:PGD1");
    expect(bot.lastText()).toContain("Đã bật xác nhận nộp tiền cho PGD1");
    const audited = await AuditLogModel.find({ action: /^confirmations-/ }, { action: 1 }).lean();
    expect(audited.map((a) => a.action)).toEqual(["confirmations-ask", "confirmations-on"]);
  });

  it("an import shows what it would send, by kind, and queues nothing by itself", async () => {
    const dry = await importAt(afterSession(), AFTER_SESSION, "after-dry.csv", true);
    second = await importAt(afterSession(), AFTER_SESSION, "after.csv");
    for (const report of [dry, second]) {
      expect(report.confirmations).toEqual({
        toSend: 5,
        byKind: {
          "interest-paid": 3,
          "principal-paid": 2,
          "savings-deposited": 1,
          "loan-disbursed": 1,
          "overdue-cleared": 1,
        },
        officesOff: 1,
        compared: true,
      });
    }
    expect(summary(second)).toContain("sẽ gửi (khi anh/chị bấm gửi): 5 hộ (trả lãi: 3, trả gốc: 2");
    expect(summary(second)).toContain("1 hộ có thay đổi thuộc phòng giao dịch chưa bật xác nhận");
    expect(await payments()).toHaveLength(0);
    // Sending again the same data records nothing new.
    const again = await importAt(afterSession(), new Date("2026-12-22T03:00:00Z"), "after-again.csv");
    expect(again.outcome).toBe("unchanged");
    expect(again.confirmations).toBeNull();
    expect((await pendingWithin(() => true)).households).toBe(5);
  });

  it("go out once when sent, by the household's linked chats, with their buttons", async () => {
    await press(OFFICE_OFFICER, "rcs:send");
    expect(bot.lastText()).toBe("Đã xếp 5 xác nhận vào hàng gửi.");
    await press(ADMIN, "rcs:send");
    expect(bot.lastText()).toBe("Đã xếp 0 xác nhận vào hàng gửi.");
    const queued = await payments();
    // KH04 has no Telegram and no phone channel is on: nothing for it.
    expect(queued.map((d) => d.chatId).sort()).toEqual([CHAT.KH01, CHAT.KH02, CHAT.KH03, CHAT.KH05]);
    const kh02 = queued.find((d) => d.chatId === CHAT.KH02);
    expect(kh02?.text).toContain(
      "Ngày 20/12/2026, NHCSXH đã ghi nhận cho hộ ông/bà: trả lãi 220.000 ₫, trả nợ gốc 5.000.000 ₫ (khế ước KU02). Dư nợ còn 35.000.000 ₫.",
    );
    expect(kh02?.text).toContain("không bao giờ hỏi mã OTP");
    const kh05 = queued.find((d) => d.chatId === CHAT.KH05);
    expect(kh05?.text).toContain("giải ngân khoản vay mới 20.000.000 ₫ (khế ước KU07)");
    expect(kh05?.eventDate).toBe("2026-12-21");

    server = await startFloodLimitedBotApi({ scale: 10 });
    // The bot's clock runs on from AFTER_SESSION: the dispatcher looks a minute later.
    const dispatcher = fixtureDispatcher(server.apiRoot, { now: () => new Date(AFTER_SESSION.getTime() + 60_000) });
    const first = await dispatcher.runOnce();
    expect(first.sent).toBe(4);
    expect((await dispatcher.runOnce()).sent).toBe(0);
    expect(server.stats.duplicates).toBe(0);
    const toKh02 = server.accepted.find((m) => m.chatId === CHAT.KH02);
    expect(JSON.stringify(toKh02?.replyMarkup)).toContain("Vì sao số tiền này?");
  });

  it("explain the interest at the catalogue's rate, to the household's own chat only", async () => {
    const id = await idOf("KH02");
    await press(CHAT.KH02, `rcw:${id}`);
    const why = bot.lastText();
    expect(why).toContain("dư nợ 40.000.000 ₫ × lãi suất 6,24%/năm ÷ 12 tháng = 208.000 ₫ cho 30 ngày");
    expect(why).toContain("Số ngân hàng ghi nhận: 220.000 ₫");
    expect(why).toContain("không bao giờ hỏi mã OTP");
    await press(CHAT.KH03, `rcw:${id}`);
    expect(bot.lastText()).toBe("Không xem được thông tin này.");
  });

  it("reports a disputed change to the place's officers, not to the head, once", async () => {
    const id = await idOf("KH03");
    const before = bot.calls.length;
    await press(CHAT.KH03, `rcx:${id}:ask`);
    expect(bot.lastText()).toContain("Tổ trưởng không được báo");
    await press(CHAT.KH03, `rcx:${id}:yes`);
    const sent = bot.calls.slice(before).filter((c) => c.method === "sendMessage");
    const toOfficers = sent.filter(
      (c) => c.payload.chat_id === COMMUNE_OFFICER || c.payload.chat_id === OFFICE_OFFICER,
    );
    expect(toOfficers).toHaveLength(2);
    expect(String(toOfficers[0]?.payload.text)).toContain(
      "trả gốc (khế ước KU03): trước 40.000.000 ₫, sau 37.000.000 ₫",
    );
    expect(sent.some((c) => c.payload.chat_id === CHAT.KH01 || c.payload.chat_id === ADMIN)).toBe(false);
    await press(CHAT.KH03, `rcx:${id}:yes`);
    expect(bot.lastText()).toContain("đã được gửi trước đó");
    expect(await AuditLogModel.countDocuments({ action: "confirmation-disputed" })).toBe(1);
  });

  // The figures move on with every import: no bucket keeps a household twice.
  it("keeps each household's figures in exactly one bucket", async () => {
    const seen: string[] = [];
    for await (const b of eachFiguresBucket()) seen.push(...b.figures.keys());
    expect(seen.sort()).toEqual(["KH01", "KH02", "KH03", "KH04", "KH05", "KH06"]);
    expect(confirmationId({ householdCode: "KH01", importBatchId: "b", digest: "d" })).toMatch(/^[A-Za-z0-9_-]{16}$/);
  });
});

/** The id of the confirmation queued for a household (from its delivery's buttons). */
async function idOf(code: string): Promise<string> {
  const d = await DeliveryModel.findOne({ kind: "payment-recorded", householdCode: code }).lean();
  const why = d?.buttons?.[0]?.data ?? "";
  expect(why).toMatch(/^rcw:/);
  return why.slice(4);
}
