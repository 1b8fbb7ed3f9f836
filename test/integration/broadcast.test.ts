import { Api } from "grammy";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  AuditLogModel,
  BroadcastModel,
  DeliveryAttemptModel,
  DeliveryBatchModel,
  DeliveryModel,
  DeliveryOutcomeModel,
  UnreachableChatModel,
} from "../../src/data/models/index.js";
import { emptyCounts } from "../../src/delivery/counters.js";
import { Dispatcher } from "../../src/delivery/dispatcher.js";
import { BroadcastMonitor, progressText } from "../../src/features/broadcast/monitor.js";
import { enqueueBroadcast, resolveAudience } from "../../src/features/broadcast/service.js";
import { createI18n } from "../../src/i18n.js";
import { logger } from "../../src/logger.js";
import { reminderConfigSchema } from "../../src/reminders/config.js";
import { staffRole } from "../../src/staff/roles.js";
import { botClock, callback, photoMessage, testBot, text } from "../support/bot.js";
import { useTestDatabase } from "../support/database.js";
import { useTempDir } from "../support/files.js";
import { type FloodLimitedBotApi, startFloodLimitedBotApi } from "../support/floodLimitedBotApi.js";
import { CHAT, loadReminderFixture } from "../support/reminderFixture.js";

useTestDatabase();
const file = useTempDir();
const i18n = createI18n();
const ADMIN = 7101;
const OFFICER_X1 = 7102; // scope: commune X1 (linked chats 101, 102, 103)
const OFFICER_X2 = 7103; // scope: commune X2 (linked chat 105)
const OFFICER_ALL = 7104;
const STAFF_ONLY = "Lệnh này chỉ dành cho cán bộ được cấp quyền.";
const config = (approvalThreshold = 500) =>
  reminderConfigSchema.parse({
    sendingWindows: [{ from: "00:00", to: "24:00" }],
    dispatch: { leaseSeconds: 5, retryBaseSeconds: 0.05 },
    broadcasts: { approvalThreshold, batchSize: 2 },
  });
const makerScope = async (id: number) => (await staffRole(id, [ADMIN]))?.scope ?? null;
const officeBot = (threshold?: number) =>
  testBot(undefined, { adminIds: [ADMIN], delivery: { config: config(threshold), closures: [] } });

let server: FloodLimitedBotApi;
beforeAll(async () => {
  await loadReminderFixture(file("village.csv"));
  const { bot } = officeBot();
  await bot.handleUpdate(text(ADMIN, `/grant ${OFFICER_X1} commune:X1`));
  await bot.handleUpdate(text(ADMIN, `/grant ${OFFICER_X2} commune:X2`));
  await bot.handleUpdate(text(ADMIN, `/grant ${OFFICER_ALL} all`));
  server = await startFloodLimitedBotApi({ scale: 10 });
});
afterAll(async () => server?.close());
beforeEach(async () => {
  for (const model of [BroadcastModel, DeliveryModel, DeliveryBatchModel, DeliveryAttemptModel, DeliveryOutcomeModel]) {
    await (model as typeof DeliveryModel).deleteMany({});
  }

  await UnreachableChatModel.deleteMany({});
  server.accepted.length = 0;
});

const dispatcher = () =>
  new Dispatcher({
    api: new Api("1:test", { apiRoot: server.apiRoot }),
    config: config(),
    closures: [],
    log: logger,
    now: () => botClock.now(),
  });
const receivedBy = () => server.accepted.map((m) => m.chatId).sort();

/** Writes a notice and picks an audience, as an officer does with the buttons. */
async function compose(
  bot: ReturnType<typeof officeBot>["bot"],
  officer: number,
  body: string,
  audience: string,
  code?: string,
) {
  await bot.handleUpdate(text(officer, "/broadcast"));
  await bot.handleUpdate(text(officer, body));
  const draft = await BroadcastModel.findOne({ createdBy: officer, status: "draft" }).sort({ createdAt: -1 }).lean();
  if (!draft) throw new Error("no draft");
  await bot.handleUpdate(callback(officer, `bc:aud:${draft._id}:${audience}`));
  if (code) await bot.handleUpdate(text(officer, code));
  return draft._id;
}

describe("broadcasts", () => {
  it("shows the exact message, counts the audience, sends it once to each linked member in scope, and reports", async () => {
    const { bot, calls, texts } = officeBot();
    const id = await compose(bot, OFFICER_X1, "Họp tổ <lúc 8 giờ> & mang sổ", "all");
    const preview = texts().find((t) => t.includes("Họp tổ"));
    expect(preview).toBe(
      "📢 <b>Thông báo của cán bộ tín dụng chính sách</b>\n\nHọp tổ &lt;lúc 8 giờ&gt; &amp; mang sổ",
    );
    expect(texts().at(-1)).toContain("Sẽ gửi đến <b>3</b> tài khoản Telegram (Tất cả trong phạm vi)");
    await bot.handleUpdate(callback(OFFICER_X1, `bc:go:${id}`));
    expect((await BroadcastModel.findById(id).lean())?.status).toBe("queued");
    expect(texts().at(-1)).toContain("Đã gửi: 0 · Không gửi được: 0 · Còn lại: 3");

    const report = await dispatcher().runOnce();
    expect(report.sent).toBe(3);
    expect(receivedBy()).toEqual([CHAT.KH01, CHAT.KH02, CHAT.KH03]);
    expect(new Set(server.accepted.map((m) => m.text))).toEqual(new Set([preview]));

    const monitor = new BroadcastMonitor({
      api: bot.api,
      i18n,
      config: config(),
      closures: [],
      log: logger,
      makerScope,
      now: () => botClock.now(),
    });
    await monitor.tick();
    expect((await BroadcastModel.findById(id).lean())?.status).toBe("done");
    expect(texts().at(-1)).toContain(`✅ Thông báo ${id} đã gửi xong.`);
    // Counters that are zero are left out of the final report.
    expect(texts().at(-1)).toContain("Đã gửi: 3");
    expect(texts().at(-1)).not.toContain("Lỗi: 0");
    expect(texts().at(-1)).not.toContain("Không gửi: 0");
    const edit = calls.filter((c) => c.method === "editMessageText").at(-1);
    expect(String(edit?.payload.text)).toContain("▓▓▓▓▓▓▓▓▓▓ 100%");
    // The report is sent once, however often the monitor looks again.
    await monitor.tick();
    expect(texts().filter((t) => t.includes("đã gửi xong"))).toHaveLength(1);
    const actions = (await AuditLogModel.find({ "details.broadcast": id }).lean()).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(["broadcast", "broadcast-finished"]));
    expect(JSON.stringify(await AuditLogModel.find({ "details.broadcast": id }).lean())).not.toContain("Họp tổ");
  });

  it("sends a photo with its caption, previewed the same way, and refuses a caption over Telegram's length", async () => {
    const { bot, calls, texts } = officeBot();
    await bot.handleUpdate(text(OFFICER_X1, "/broadcast"));
    await bot.handleUpdate(photoMessage(OFFICER_X1, "x".repeat(1000)));
    expect(texts().at(-1)).toBe("Nội dung dài 1.000 ký tự, tối đa 952. Xin rút gọn rồi gửi lại.");
    await bot.handleUpdate(text(OFFICER_X1, "/broadcast"));
    await bot.handleUpdate(photoMessage(OFFICER_X1, "Lịch họp tổ tháng 12"));
    const preview = calls.find((c) => c.method === "sendPhoto");
    expect(preview?.payload).toMatchObject({
      photo: "large-photo",
      caption: "📢 <b>Thông báo của cán bộ tín dụng chính sách</b>\n\nLịch họp tổ tháng 12",
      parse_mode: "HTML",
    });
    const draft = await BroadcastModel.findOne({ createdBy: OFFICER_X1, status: "draft" }).lean();
    await bot.handleUpdate(callback(OFFICER_X1, `bc:aud:${draft?._id}:heads`));
    await bot.handleUpdate(callback(OFFICER_X1, `bc:go:${draft?._id}`));
    const [delivery] = await DeliveryModel.find({}).lean();
    expect(delivery?.media).toEqual({ type: "photo", fileId: "large-photo" });
    expect(delivery?.text).toBe(preview?.payload.caption);
    expect((await dispatcher().runOnce()).sent).toBe(1);
    expect(server.accepted).toHaveLength(1);
    expect(server.accepted[0]).toMatchObject({
      chatId: CHAT.KH01,
      method: "sendPhoto",
      media: "large-photo",
      text: "📢 <b>Thông báo của cán bộ tín dụng chính sách</b>\n\nLịch họp tổ tháng 12",
      parseMode: "HTML",
    });
  });

  it.each([
    ["overdue", undefined, [CHAT.KH03], "Hộ có nợ quá hạn"],
    ["heads", undefined, [CHAT.KH01], "Chỉ tổ trưởng"],
    ["group", "g1", [CHAT.KH01, CHAT.KH02, CHAT.KH03], "Một tổ: Tổ Thôn 1"],
    ["programme", "HN", [CHAT.KH01, CHAT.KH02, CHAT.KH03], "Một chương trình: Cho vay hộ nghèo"],
    ["commune", "X1", [CHAT.KH01, CHAT.KH02, CHAT.KH03], "Một xã: Xã Tân Lập"],
  ])("narrows the audience: %s %s", async (audience, code, expected, words) => {
    const { bot, texts } = officeBot();
    const id = await compose(bot, OFFICER_X1, "Thông báo", audience, code);
    // The count names the audience in words.
    expect(texts().at(-1)).toContain(`(${words})`);
    await bot.handleUpdate(callback(OFFICER_X1, `bc:go:${id}`));
    await dispatcher().runOnce();
    expect(receivedBy()).toEqual(expected);
  });

  it("reaches the whole bank for an officer with scope all, and leaves out unreachable chats", async () => {
    await UnreachableChatModel.create({ _id: CHAT.KH02, householdCode: "KH02", reason: "403", since: new Date() });
    const { bot, texts } = officeBot();
    const id = await compose(bot, OFFICER_ALL, "Thông báo", "all");
    expect(texts().at(-1)).toContain("<b>3</b> tài khoản");
    expect(texts().at(-1)).toContain("1 tài khoản không nhắn được");
    await bot.handleUpdate(callback(OFFICER_ALL, `bc:go:${id}`));
    await dispatcher().runOnce();
    expect(receivedBy()).toEqual([CHAT.KH01, CHAT.KH03, CHAT.KH05]);
  });

  it("answers a commune out of scope exactly like one that does not exist", async () => {
    const { bot, texts } = officeBot();
    await compose(bot, OFFICER_X1, "Thông báo", "commune", "X2");
    const outOfScope = texts().at(-1);
    await bot.handleUpdate(text(OFFICER_X1, "ZZ"));
    expect(outOfScope).toBe("Không tìm thấy mã X2 trong phạm vi của anh/chị. Xin nhập lại, hoặc gõ /cancel.");
    expect(texts().at(-1)).toBe("Không tìm thấy mã ZZ trong phạm vi của anh/chị. Xin nhập lại, hoặc gõ /cancel.");
  });

  it("never reaches outside the scope, whatever the audience names", async () => {
    const x1 = { kind: "communes" as const, codes: ["X1"] };
    expect((await resolveAudience(x1, { kind: "commune", code: "X2" })).recipients).toEqual([]);
    expect((await resolveAudience(x1, { kind: "group", code: "G2" })).recipients).toEqual([]);
    const heads = await resolveAudience(x1, { kind: "heads" });
    expect(heads.recipients.map((r) => r.chatId)).toEqual([CHAT.KH01]);
  });

  it("needs a second officer whose scope covers the recipients above the threshold", async () => {
    const { bot, texts, calls } = officeBot(2);
    const id = await compose(bot, OFFICER_X1, "Cần duyệt", "all");
    expect(texts().at(-1)).toContain("Trên 2 người nhận: cần một cán bộ khác duyệt");
    await bot.handleUpdate(callback(OFFICER_X1, `bc:go:${id}`));
    expect((await BroadcastModel.findById(id).lean())?.status).toBe("awaiting-approval");
    // The admin and the all-scope officer are asked; the X2 officer is not.
    const asked = calls
      .filter((c) => c.method === "sendMessage" && String(c.payload.text).includes("chờ duyệt"))
      .map((c) => c.payload.chat_id);
    expect(asked.sort()).toEqual([ADMIN, OFFICER_ALL]);
    // The approver reads the audience in words and the maker's id without separators.
    const request = calls.find((c) => c.method === "sendMessage" && String(c.payload.text).includes("chờ duyệt"));
    expect(String(request?.payload.text)).toContain("(Tất cả trong phạm vi)");
    expect(String(request?.payload.text)).toContain(`người soạn ${OFFICER_X1}.`);
    expect(await DeliveryModel.countDocuments({})).toBe(0);

    await bot.handleUpdate(callback(OFFICER_X1, `bc:ok:${id}`));
    expect(texts().at(-1)).toBe("Anh/chị không thể tự duyệt thông báo của mình.");
    await bot.handleUpdate(text(OFFICER_X2, `/approve ${id}`));
    expect(texts().at(-1)).toBe("Thông báo này gửi đến ngoài phạm vi của anh/chị, nên anh/chị không duyệt được.");
    await bot.handleUpdate(text(CHAT.KH02, `/approve ${id}`));
    expect(texts().at(-1)).toBe(STAFF_ONLY);
    expect((await BroadcastModel.findById(id).lean())?.status).toBe("awaiting-approval");

    await bot.handleUpdate(callback(ADMIN, `bc:ok:${id}`));
    const approved = await BroadcastModel.findById(id).lean();
    expect(approved).toMatchObject({ status: "queued", approvedBy: ADMIN });
    expect(texts()).toContain(`Thông báo ${id} đã được duyệt.`);
    // A second approval (the other approver's button) changes nothing.
    await bot.handleUpdate(callback(OFFICER_ALL, `bc:ok:${id}`));
    expect(texts().at(-1)).toBe("Thông báo này không còn chờ anh/chị thao tác.");
    await dispatcher().runOnce();
    expect(receivedBy()).toEqual([CHAT.KH01, CHAT.KH02, CHAT.KH03]);
    const actions = (await AuditLogModel.find({ "details.broadcast": id }).lean()).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(["broadcast-request", "broadcast-approve"]));
  });

  it("schedules for a later time and sends nothing before it", async () => {
    const { bot, texts } = officeBot();
    const id = await compose(bot, OFFICER_X1, "Hẹn giờ", "heads");
    await bot.handleUpdate(callback(OFFICER_X1, `bc:at:${id}`));
    await bot.handleUpdate(text(OFFICER_X1, "01/01/2020 08:00"));
    expect(texts().at(-1)).toContain("Chưa hiểu “01/01/2020 08:00”");
    await bot.handleUpdate(text(OFFICER_X1, "31/02/2099 08:00"));
    expect(texts().at(-1)).toContain("Chưa hiểu");
    await bot.handleUpdate(text(OFFICER_X1, "15/06/2099 08:30"));
    const queued = await BroadcastModel.findById(id).lean();
    expect(queued?.scheduledAt?.toISOString()).toBe("2099-06-15T01:30:00.000Z");
    expect(texts().at(-1)).toContain("Sẽ bắt đầu gửi lúc 08:30 ngày 15/06/2099 đến 1 tài khoản.");
    expect((await DeliveryBatchModel.findOne({}).lean())?.notBefore.toISOString()).toBe("2099-06-15T01:30:00.000Z");
    expect((await dispatcher().runOnce()).sent).toBe(0);
    expect(server.accepted).toHaveLength(0);
  });

  it("waits for the next sending window when queued outside the sending hours, and says when it starts", async () => {
    const officeHours = reminderConfigSchema.parse({ broadcasts: { batchSize: 2 } });
    const broadcast = (
      await BroadcastModel.create({
        _id: "after5pm",
        status: "queued",
        createdBy: OFFICER_X1,
        createdAt: new Date(),
        scope: "commune:X1",
        body: "Tối nay",
        audience: { kind: "all" },
      })
    ).toObject();
    const evening = new Date("2026-12-01T12:00:00Z"); // 19:00 in Vietnam
    const { startsAt } = await enqueueBroadcast(
      broadcast,
      { kind: "communes", codes: ["X1"] },
      { i18n, config: officeHours, closures: [], now: evening },
    );
    expect(startsAt.toISOString()).toBe("2026-12-02T00:00:00.000Z"); // 07:00 the next morning
    const batches = await DeliveryBatchModel.find({}).lean();
    expect(batches.map((b) => b.notBefore.toISOString())).toEqual([startsAt.toISOString(), startsAt.toISOString()]);
    const stored = await BroadcastModel.findById("after5pm").lean();
    const progress = { total: 3, counts: emptyCounts(), left: 3, finished: false };
    expect(progressText(i18n, "vi", stored as never, progress, null, 30, evening)).toContain(
      "Sẽ bắt đầu gửi lúc 07:00 ngày 02/12/2026 đến 3 tài khoản.",
    );
  });

  it("/cancel stops a queued broadcast: nothing more is sent and the officer gets the report", async () => {
    const { bot, texts } = officeBot();
    const id = await compose(bot, OFFICER_X1, "Sẽ dừng", "all");
    await bot.handleUpdate(callback(OFFICER_X1, `bc:go:${id}`));
    await bot.handleUpdate(text(OFFICER_X1, "/cancel"));
    expect(texts().at(-1)).toBe(`Đã dừng thông báo ${id}. Tin chưa gửi sẽ không được gửi.`);
    expect(await DeliveryBatchModel.countDocuments({ status: "cancelled" })).toBe(2);
    expect((await dispatcher().runOnce()).sent).toBe(0);
    await new BroadcastMonitor({
      api: bot.api,
      i18n,
      config: config(),
      closures: [],
      log: logger,
      makerScope,
      now: () => botClock.now(),
    }).tick();
    expect(texts().at(-1)).toContain(`⏹ Thông báo ${id} đã dừng.`);
    expect(texts().at(-1)).toContain("Không gửi: 3");
    await bot.handleUpdate(text(OFFICER_X1, "/cancel"));
    expect(texts().at(-1)).toBe("Không có thông báo nào đang chờ hoặc đang gửi để dừng.");
  });

  it("queueing again after a crash adds nothing: one delivery per chat", async () => {
    const { bot } = officeBot();
    const id = await compose(bot, OFFICER_X1, "Một lần", "all");
    await bot.handleUpdate(callback(OFFICER_X1, `bc:go:${id}`));
    const broadcast = await BroadcastModel.findById(id).lean();
    if (!broadcast) throw new Error("missing");
    const again = await enqueueBroadcast(
      broadcast,
      { kind: "communes", codes: ["X1"] },
      { i18n, config: config(), closures: [], now: botClock.now() },
    );
    expect(again).toMatchObject({ recipients: 3, inserted: 0 });
    await dispatcher().runOnce();
    expect(receivedBy()).toEqual([CHAT.KH01, CHAT.KH02, CHAT.KH03]);
  });

  it("queues again a broadcast whose queueing died half-way, but not one being queued right now", async () => {
    const queuedAt = new Date("2026-12-01T01:00:00Z");
    await BroadcastModel.create({
      _id: "deadbeef",
      status: "queued",
      createdBy: OFFICER_X1,
      createdAt: queuedAt,
      scope: "commune:X1",
      body: "Nửa chừng",
      audience: { kind: "heads" },
      queuedAt,
    });
    const monitor = (now: string) =>
      new BroadcastMonitor({
        api: officeBot().bot.api,
        i18n,
        config: config(),
        closures: [],
        log: logger,
        makerScope,
        now: () => new Date(now),
      });
    // The crashed queueing had written one batch and died before releasing it.
    await DeliveryBatchModel.create({
      _id: "broadcast:deadbeef:half",
      source: "broadcast:deadbeef",
      planDate: "2026-12-01",
      size: 0,
      status: "planning",
      notBefore: queuedAt,
      createdAt: queuedAt,
    });
    await monitor("2026-12-01T01:01:00Z").tick();
    expect(await DeliveryModel.countDocuments({})).toBe(0);
    await monitor("2026-12-01T01:03:00Z").tick();
    expect((await DeliveryModel.find({}).lean()).map((d) => d.chatId)).toEqual([CHAT.KH01]);
    expect((await BroadcastModel.findById("deadbeef").lean())?.enqueuedAt).not.toBeNull();
    expect((await DeliveryBatchModel.findById("broadcast:deadbeef:half").lean())?.status).toBe("pending");
  });

  it("keeps officers to their own broadcasts: another officer cannot send or stop them, an admin can stop any", async () => {
    const { bot, texts } = officeBot();
    const id = await compose(bot, OFFICER_X1, "Của tôi", "all");
    await bot.handleUpdate(callback(OFFICER_ALL, `bc:go:${id}`));
    expect(texts().at(-1)).toBe("Thông báo này không còn chờ anh/chị thao tác.");
    expect((await BroadcastModel.findById(id).lean())?.status).toBe("counted");
    await bot.handleUpdate(callback(OFFICER_X1, `bc:go:${id}`));
    await bot.handleUpdate(text(OFFICER_ALL, `/cancel ${id}`));
    expect(texts().at(-1)).toBe("Không có thông báo nào đang chờ hoặc đang gửi để dừng.");
    expect((await BroadcastModel.findById(id).lean())?.status).toBe("queued");
    // An admin may stop anyone's broadcast.
    await bot.handleUpdate(text(ADMIN, `/cancel ${id}`));
    expect((await BroadcastModel.findById(id).lean())?.status).toBe("cancelled");
  });

  const refused = [
    ["a borrower", CHAT.KH02],
    ["a group head", CHAT.KH01],
  ] as const;
  for (const [who, user] of refused) {
    it.each(["/broadcast", "/cancel", "/approve abc", "/approve"])(`refuses ${who}: %s`, async (command) => {
      const { bot, texts } = officeBot();
      await bot.handleUpdate(text(user, command));
      expect(texts()).toEqual([STAFF_ONLY]);
    });
    it(`refuses ${who} the broadcast buttons`, async () => {
      const { bot: officer } = officeBot();
      const id = await compose(officer, OFFICER_X1, "Nút", "all");
      const { bot, texts } = officeBot();
      await bot.handleUpdate(callback(user, `bc:go:${id}`));
      await bot.handleUpdate(callback(user, `bc:aud:${id}:all`));
      expect(texts()).toEqual([STAFF_ONLY, STAFF_ONLY]);
      expect((await BroadcastModel.findById(id).lean())?.status).toBe("counted");
    });
  }
});
