import { Api } from "grammy";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { loadHolidays } from "../../src/catalogue/load.js";
import {
  BorrowerAccountModel,
  DeliveryAttemptModel,
  DeliveryBatchModel,
  DeliveryModel,
  DeliveryOutcomeModel,
  OfficerModel,
  PlanRunModel,
  UnreachableChatModel,
} from "../../src/data/models/index.js";
import { outcomeDoc } from "../../src/data/outbox.js";
import { Dispatcher } from "../../src/delivery/dispatcher.js";
import { deliveryDayReport } from "../../src/delivery/report.js";
import { vietnamTimeOfDay } from "../../src/domain/dates.js";
import { logger } from "../../src/logger.js";
import { reminderConfigSchema } from "../../src/reminders/config.js";
import { startReminderJobs } from "../../src/reminders/jobs.js";
import { testClock, WORKING_DAY_10AM } from "../support/clock.js";
import { useTestDatabase } from "../support/database.js";
import { useTempDir } from "../support/files.js";
import { type FloodLimitedBotApi, startFloodLimitedBotApi } from "../support/floodLimitedBotApi.js";
import {
  ALL_DAY,
  CHAT,
  fixtureDispatcher,
  fixtureI18n,
  loadReminderFixture,
  planDay,
} from "../support/reminderFixture.js";

useTestDatabase();
const file = useTempDir();
const i18n = fixtureI18n;
const allDay = ALL_DAY;
const plan = planDay;

async function clearOutbox() {
  await DeliveryModel.deleteMany({});
  await DeliveryBatchModel.deleteMany({});
  await DeliveryAttemptModel.deleteMany({});
  await DeliveryOutcomeModel.deleteMany({});
  await PlanRunModel.deleteMany({});
  await UnreachableChatModel.deleteMany({});
}
const ADMIN_CHAT = 9_001;
const OFFICER_CHAT = 9_002;
const planned = async (date: string) =>
  (await DeliveryModel.find({ planDate: date }).lean()).map((d) => ({ chat: d.chatId, kind: d.kind, text: d.text }));

/** How many times each (chat, text) should arrive: once per delivery. */
async function expectedCounts(): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const d of await DeliveryModel.find({}).lean()) {
    const key = `${d.chatId}\u0000${d.text}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

beforeAll(async () => {
  await loadReminderFixture(file("village.csv"));
});
beforeEach(clearOutbox);

describe("planning a day's reminders", () => {
  it("plans interest reminders 3 days before the session with amount, date, place and the head's name", async () => {
    const report = await plan("2026-12-17");
    expect(report.planned).toEqual({ interest: 3, overdue: 1 });
    const deliveries = await planned("2026-12-17");
    const toBinh = deliveries.find((d) => d.chat === CHAT.KH02 && d.kind === "interest");
    expect(toBinh?.text).toContain("220.000 ₫");
    expect(toBinh?.text).toContain("Chủ nhật, 20/12/2026");
    expect(toBinh?.text).toContain("Nhà văn hóa xã");
    expect(toBinh?.text).toContain("Nguyễn Thị Hoa, tổ trưởng tổ Thôn 1");
    // The head's own reminder is signed by the bank, not by herself.
    expect(deliveries.find((d) => d.chat === CHAT.KH01)?.text).toContain("— Trợ lý thông tin tín dụng chính sách");
    const overdue = deliveries.find((d) => d.kind === "overdue");
    expect(overdue?.chat).toBe(CHAT.KH03);
    expect(overdue?.text).toContain("3.000.000 ₫");
    expect(overdue?.text).toContain("7 ngày");
    expect(overdue?.text).toContain("8,112%/năm thay vì 6,24%/năm");
    expect(overdue?.text).toContain("gia hạn nợ");
  });

  it("plans nothing new the second time", async () => {
    await plan("2026-12-17");
    const again = await plan("2026-12-17");
    expect(again.alreadyPlanned).toBe(4);
    expect(await DeliveryModel.countDocuments({ planDate: "2026-12-17" })).toBe(4);
    expect((await PlanRunModel.findById("2026-12-17").lean())?.runs).toBe(2);
  });

  it("honours a borrower who turned interest reminders off, and writes in their language", async () => {
    await BorrowerAccountModel.updateOne({ _id: "KH02" }, { $set: { "reminders.interest": false, language: "en" } });
    try {
      const report = await plan("2026-12-19");
      expect(report.skipped.muted).toBe(1);
      const deliveries = await planned("2026-12-19");
      expect(deliveries.filter((d) => d.chat === CHAT.KH02).map((d) => d.kind)).toEqual(["principal"]);
      const principal = deliveries.find((d) => d.chat === CHAT.KH02)?.text ?? "";
      expect(principal).toContain("An installment of <b>5.000.000 ₫</b> falls due on <b>Sunday, 20/12/2026</b>");
    } finally {
      await BorrowerAccountModel.updateOne({ _id: "KH02" }, { $set: { "reminders.interest": true, language: "vi" } });
    }
  });

  it("sends the head the collection list 2 days before, marking who the bot cannot reach", async () => {
    await UnreachableChatModel.create({ _id: CHAT.KH03, householdCode: "KH03", reason: "403", since: new Date() });
    await plan("2026-12-18");
    const deliveries = await planned("2026-12-18");
    expect(deliveries.some((d) => d.chat === CHAT.KH03)).toBe(false);
    const list = deliveries.find((d) => d.kind === "collection-list");
    expect(list?.chat).toBe(CHAT.KH01);
    expect(list?.text).toContain("Danh sách thu ngày Chủ nhật, 20/12/2026");
    expect(list?.text).toContain("✅ Trần Văn Bình: lãi 220.000 ₫, gốc 5.000.000 ₫");
    expect(list?.text).toContain("📵 Lê Văn Cường: lãi 55.000 ₫");
    expect(list?.text).toContain("○ Phạm Thị Dung: lãi 66.000 ₫");
    expect(list?.text).not.toContain("Hoàng Văn Em"); // another group
    expect(list?.text).toContain("Cần báo trực tiếp: 2 hộ");
  });

  it("sends the overdue list the day after a member falls overdue and on Mondays, and officers their summary", async () => {
    await plan("2026-12-11");
    const dayAfter = (await planned("2026-12-11")).find((d) => d.kind === "overdue-list");
    expect(dayAfter?.chat).toBe(CHAT.KH01);
    expect(dayAfter?.text).toContain("Hôm qua có thành viên mới chuyển nợ quá hạn");
    expect(dayAfter?.text).toContain("Lê Văn Cường: 3.000.000 ₫, 1 ngày (từ 10/12/2026)");
    expect((await planned("2026-12-12")).length).toBe(0);

    await OfficerModel.create({
      _id: 900,
      scope: { kind: "communes", codes: ["X2"] },
      grantedBy: 1,
      grantedAt: new Date(),
    });
    try {
      await plan("2026-12-21", { adminIds: [901] }); // a Monday
      const monday = await planned("2026-12-21");
      expect(monday.find((d) => d.kind === "overdue-list")?.text).toContain("11 ngày");
      const officer = monday.find((d) => d.kind === "officer-summary" && d.chat === 900)?.text ?? "";
      expect(officer).toContain("Xã Bình An: 0 khoản quá hạn");
      expect(officer).not.toContain("Xã Tân Lập");
      const admin = monday.find((d) => d.kind === "officer-summary" && d.chat === 901)?.text ?? "";
      expect(admin).toContain("Xã Tân Lập: 1 khoản quá hạn, 3.000.000 ₫");
    } finally {
      await OfficerModel.deleteMany({});
    }
  });

  it("warns admins with the weekly summary when the holiday data reaches less than 90 days ahead", async () => {
    await plan("2026-12-21", { adminIds: [901], holidaysCoverUntil: "2027-02-10" });
    const short = (await planned("2026-12-21")).filter((d) => d.chat === 901 && d.text.includes("ngày nghỉ lễ"));
    expect(short).toHaveLength(1);
    expect(short[0]?.text).toContain("đến 10/02/2027");
    await clearOutbox();
    await plan("2026-12-21", { adminIds: [901], holidaysCoverUntil: "2027-06-30" });
    expect((await planned("2026-12-21")).some((d) => d.text.includes("ngày nghỉ lễ"))).toBe(false);
  });
});

describe("dispatching", () => {
  let server: FloodLimitedBotApi | undefined;
  afterAll(async () => server?.close());
  const dispatcher = (api: FloodLimitedBotApi, over: Partial<ConstructorParameters<typeof Dispatcher>[0]> = {}) =>
    fixtureDispatcher(api.apiRoot, { now: () => new Date("2026-12-17T03:00:00Z"), ...over });

  it("sends each planned message once and records it", async () => {
    server = await startFloodLimitedBotApi({ scale: 10 });
    await plan("2026-12-17");
    const report = await dispatcher(server).runOnce();
    expect(report.sent).toBe(4);
    expect(server.stats.accepted).toBe(4);
    expect(server.stats.duplicates).toBe(0);
    expect(await DeliveryOutcomeModel.countDocuments({ outcome: "sent" })).toBe(4);
    expect(await DeliveryBatchModel.countDocuments({ status: "done" })).toBe(1);
    const day = await deliveryDayReport("2026-12-17");
    expect(day).toMatchObject({ deliveries: 4, sent: 4, pending: 0, planned: { interest: 3, overdue: 1 } });
    // Nothing is left, so a second run sends nothing.
    expect((await dispatcher(server).runOnce()).sent).toBe(0);
    expect(server.stats.accepted).toBe(4);
    await server.close();
    server = undefined;
  });

  it("waits out 429 retry_after and still delivers everything exactly once", async () => {
    // The server allows 2 messages a second while the dispatcher believes Telegram's 30.
    server = await startFloodLimitedBotApi({ globalPerSecond: 2, minRetryAfterSeconds: 2 });
    await plan("2026-12-17");
    const report = await dispatcher(server).runOnce();
    expect(report.rateLimited).toBeGreaterThan(0);
    expect(report.sent).toBe(4);
    expect(server.stats.accepted).toBe(4);
    expect(server.stats.rejected429).toBeGreaterThan(0);
    expect(server.stats.retryAfterIgnored, "requests to a chat before its retry_after ran out").toBe(0);
    expect(server.stats.duplicates).toBe(0);
    await server.close();
    server = undefined;
  });

  it("marks a chat that blocked the bot unreachable, stops writing to it, and shows it in the head's list", async () => {
    server = await startFloodLimitedBotApi({ scale: 10, isBlocked: (chat) => chat === CHAT.KH02 });
    await plan("2026-12-17");
    const report = await dispatcher(server).runOnce();
    expect(report).toMatchObject({ sent: 3, unreachable: 1 });
    expect((await UnreachableChatModel.findById(CHAT.KH02).lean())?.reason).toBe("403");
    await plan("2026-12-18");
    const list = (await planned("2026-12-18")).find((d) => d.kind === "collection-list");
    expect(list?.text).toContain("📵 Trần Văn Bình");
    expect((await planned("2026-12-19")).length).toBe(0);
    const report19 = await plan("2026-12-19");
    expect(report19.skipped.unreachable).toBe(1);
    await server.close();
    server = undefined;
  });

  it("sends nothing outside the sending window or during Tết, and says when it will resume", async () => {
    server = await startFloodLimitedBotApi({ scale: 10 });
    const officeHours = reminderConfigSchema.parse({ dispatch: { leaseSeconds: 5 } });
    await plan("2026-12-17", { config: officeHours });
    // 18:00 in Vietnam: after the afternoon window.
    const evening = await dispatcher(server, {
      config: officeHours,
      now: () => new Date("2026-12-17T11:00:00Z"),
    }).runOnce();
    expect(evening.sent).toBe(0);
    expect(evening.resumesAt?.toISOString()).toBe("2026-12-18T00:00:00.000Z"); // 07:00 the next morning
    const tet = [{ from: "2026-12-18", to: "2026-12-20", name: "test closure" }];
    const closed = await dispatcher(server, {
      config: officeHours,
      closures: tet,
      now: () => new Date("2026-12-18T02:00:00Z"),
    }).runOnce();
    expect(closed.sent).toBe(0);
    expect(closed.resumesAt?.toISOString()).toBe("2026-12-21T00:00:00.000Z");
    expect(server.stats.accepted).toBe(0);
    const morning = await dispatcher(server, {
      config: officeHours,
      now: () => new Date("2026-12-18T02:00:00Z"),
    }).runOnce();
    expect(morning.sent).toBe(4);
    await server.close();
    server = undefined;
  });

  it("does not send a reminder about a date that has passed", async () => {
    server = await startFloodLimitedBotApi({ scale: 10 });
    await plan("2026-12-17");
    const late = await dispatcher(server, { now: () => new Date("2026-12-21T03:00:00Z") }).runOnce();
    expect(late.expired).toBe(3); // the interest reminders for the 20th
    expect(late.sent).toBe(1); // the overdue notice is still worth sending
    await server.close();
    server = undefined;
  });

  it("two dispatchers at once send each message once", async () => {
    server = await startFloodLimitedBotApi({ scale: 10 });
    for (const date of ["2026-12-17", "2026-12-18", "2026-12-19"]) await plan(date);
    const total = await DeliveryModel.countDocuments({});
    expect(await DeliveryBatchModel.countDocuments({})).toBe(3);
    const at = { now: () => new Date("2026-12-19T03:00:00Z") };
    const reports = await Promise.all([dispatcher(server, at).runOnce(), dispatcher(server, at).runOnce()]);
    const again = await Promise.all([dispatcher(server, at).runOnce(), dispatcher(server, at).runOnce()]);
    const sent = [...reports, ...again].reduce((n, r) => n + r.sent, 0);
    expect(sent).toBe(total);
    expect(server.stats.accepted).toBe(total);
    // The 3-days and 1-day reminders of one session read the same, so compare counts per text.
    expect(server.countsByMessage()).toEqual(await expectedCounts());
    expect(reports.some((r) => !r.leader)).toBe(true);
    await server.close();
    server = undefined;
  });

  /** A dead dispatcher's traces: it took the batch, announced `attempt` of the overdue notice and never heard back. */
  async function leaveInDoubt(attempt = 1) {
    const victim = await DeliveryModel.findOne({ kind: "overdue" }).lean();
    if (!victim) throw new Error("no overdue notice planned");
    await DeliveryBatchModel.updateOne({ _id: victim.batchId }, { $inc: { claims: 1 }, $set: { status: "pending" } });
    await DeliveryAttemptModel.create({
      _id: `${victim._id}#${attempt}`,
      deliveryId: victim._id,
      batchId: victim.batchId,
      attempt,
      owner: "dead",
      startedAt: new Date(),
    });
    return victim;
  }

  it("sends a payment reminder left in doubt by a crash again, once, marked as sent again", async () => {
    server = await startFloodLimitedBotApi({ scale: 10 });
    await plan("2026-12-17");
    const victim = await leaveInDoubt();
    const report = await dispatcher(server).runOnce();
    expect(report).toMatchObject({ sent: 4, resent: 1, uncertain: 0, inDoubtListed: 0 });
    expect(server.accepted.filter((m) => m.text === `(gửi lại) ${victim.text}`)).toHaveLength(1);
    expect((await DeliveryOutcomeModel.findById(`${victim._id}#1`).lean())?.outcome).toBe("retry");
    expect((await DeliveryOutcomeModel.findById(`${victim._id}#2`).lean())?.outcome).toBe("sent");
    await server.close();
    server = undefined;
  });

  it("sends again once per crash, up to maxAttempts: a resend left in doubt at the last attempt is listed instead", async () => {
    server = await startFloodLimitedBotApi({ scale: 10 });
    await plan("2026-12-17");
    const victim = await leaveInDoubt();
    await DeliveryOutcomeModel.create(outcomeDoc(victim, 1, "retry", "in-doubt-resent", null));
    await leaveInDoubt(2);
    const config = reminderConfigSchema.parse({ ...allDay, dispatch: { ...allDay.dispatch, maxAttempts: 2 } });
    const report = await dispatcher(server, { config, adminIds: [ADMIN_CHAT] }).runOnce();
    expect(report).toMatchObject({ resent: 0, uncertain: 1, inDoubtListed: 1 });
    expect(server.accepted.some((m) => m.text.includes(victim.text))).toBe(false);
    expect(server.accepted.find((m) => m.chatId === ADMIN_CHAT)?.text).toContain(String(victim.householdCode));
    await server.close();
    server = undefined;
  });

  it("sends a resend that a second crash left in doubt once more, still marked", async () => {
    server = await startFloodLimitedBotApi({ scale: 10 });
    await plan("2026-12-17");
    const victim = await leaveInDoubt();
    await DeliveryOutcomeModel.create(outcomeDoc(victim, 1, "retry", "in-doubt-resent", null));
    await leaveInDoubt(2);
    const report = await dispatcher(server, { adminIds: [ADMIN_CHAT] }).runOnce();
    expect(report).toMatchObject({ resent: 1, uncertain: 0, inDoubtListed: 0 });
    expect(server.accepted.filter((m) => m.text === `(gửi lại) ${victim.text}`)).toHaveLength(1);
    expect((await DeliveryOutcomeModel.findById(`${victim._id}#3`).lean())?.outcome).toBe("sent");
    await server.close();
    server = undefined;
  });

  it("under the report policy never resends, and lists the delivery to the officer of its commune the same day", async () => {
    server = await startFloodLimitedBotApi({ scale: 10 });
    await plan("2026-12-17");
    const victim = await leaveInDoubt();
    await OfficerModel.create({
      _id: OFFICER_CHAT,
      active: true,
      scope: { kind: "communes", codes: [String(victim.communeCode)] },
      grantedBy: 1,
      grantedAt: new Date(),
      language: "vi",
    });
    const config = reminderConfigSchema.parse({ ...allDay, inDoubt: { ...allDay.inDoubt, overdue: "report" } });
    try {
      const report = await dispatcher(server, { config, adminIds: [ADMIN_CHAT] }).runOnce();
      expect(report).toMatchObject({ sent: 4, resent: 0, uncertain: 1, inDoubtListed: 1 });
      expect(server.accepted.some((m) => m.text.includes(victim.text))).toBe(false);
      const notice = server.accepted.filter((m) => m.chatId === OFFICER_CHAT);
      expect(notice).toHaveLength(1);
      expect(notice[0]?.text).toContain(`Hộ ${victim.householdCode}`);
      expect(notice[0]?.text).toContain("báo nợ quá hạn");
      // Nobody else is told: the admin hears only of what no officer covers.
      expect(server.accepted.some((m) => m.chatId === ADMIN_CHAT)).toBe(false);
      expect((await DeliveryOutcomeModel.findById(`${victim._id}#1`).lean())?.outcome).toBe("uncertain");
    } finally {
      await OfficerModel.deleteMany({});
      await server.close();
      server = undefined;
    }
  });
});

describe("the schedule", () => {
  it("plans today at start-up (catching up a missed run) and schedules the next plan for 06:00 in Vietnam", async () => {
    const server = await startFloodLimitedBotApi({ scale: 10 });
    const clock = testClock(WORKING_DAY_10AM);
    const jobs = startReminderJobs({
      config: allDay,
      i18n,
      adminIds: [],
      log: logger,
      clock,
      holidays: () => ({ ...loadHolidays(), closures: [] }),
      dispatcher: new Dispatcher({
        api: new Api("1:test", { apiRoot: server.apiRoot }),
        config: allDay,
        closures: [],
        log: logger,
        now: () => clock.now(),
      }),
    });
    try {
      await jobs.caughtUp;
      expect(await PlanRunModel.findById("2026-12-17").lean()).not.toBeNull();
      const next = jobs.nextPlanAt();
      expect(next && vietnamTimeOfDay(next)).toBe("06:00");
      expect(next && next.getTime() - Date.now()).toBeLessThanOrEqual(24 * 3_600_000);
    } finally {
      await jobs.stop();
      await server.close();
    }
  });
});
