/**
 * A dispatcher's life beyond a clean run: one that stalls while alive (cut off from its database)
 * and comes back after another took its work over; a broadcast cancelled while it is being sent; the
 * bot's continuous loop (idle, woken by new work, stopped).
 */
import { writeFileSync } from "node:fs";
import { Api } from "grammy";
import { afterEach, describe, expect, inject, it } from "vitest";
import {
  BorrowerAccountModel,
  BroadcastModel,
  DeliveryBatchModel,
  DeliveryOutcomeModel,
  OfficerModel,
} from "../../src/data/models/index.js";
import { enqueueDeliveries, type NewDelivery } from "../../src/data/outbox.js";
import { Dispatcher } from "../../src/delivery/dispatcher.js";
import { addDays, vietnamDate } from "../../src/domain/dates.js";
import { BroadcastMonitor } from "../../src/features/broadcast/monitor.js";
import { createI18n } from "../../src/i18n.js";
import { logger } from "../../src/logger.js";
import { reminderConfigSchema } from "../../src/reminders/config.js";
import { staffRole } from "../../src/staff/roles.js";
import { botClock, callback, testBot, text } from "../support/bot.js";
import { useTestDatabase } from "../support/database.js";
import { useTempDir } from "../support/files.js";
import { type FloodLimitedBotApi, startFloodLimitedBotApi } from "../support/floodLimitedBotApi.js";
import { clearOutbox, communeOfficer } from "../support/outbox.js";
import { exited, startDispatcherProcess, stderrOf } from "../support/process.js";
import { CHAT, loadReminderFixture } from "../support/reminderFixture.js";
import { startWireProxy } from "../support/wireProxy.js";

const database = useTestDatabase();
const file = useTempDir();
/** The test bots' clock (test/support/bot.ts): broadcasts and dispatchers agree on the day. */
const clock = botClock;
const OFFICER = 7601;

let server: FloodLimitedBotApi | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
  await clearOutbox(BroadcastModel, BorrowerAccountModel, OfficerModel);
});

/** `count` collection lists (kind "report": never sent twice) to as many linked chats of commune X1. */
async function queueLists(source: string, count: number): Promise<void> {
  const today = vietnamDate(clock.now());
  const deliveries: NewDelivery[] = Array.from({ length: count }, (_, i) => ({
    _id: `${source}:${i}`,
    kind: "collection-list",
    eventDate: addDays(today, 1),
    expiresOn: addDays(today, 1),
    chatId: 30_000 + i,
    householdCode: `KL${String(i).padStart(4, "0")}`,
    groupCode: "G1",
    communeCode: "X1",
    text: `Danh sách thu số ${i}`,
    language: "vi",
  }));
  await BorrowerAccountModel.insertMany(
    deliveries.map((d) => ({
      _id: d.householdCode,
      telegramLinks: [{ telegramUserId: d.chatId, linkedAt: clock.now(), via: "contact" }],
    })),
  );
  await enqueueDeliveries(source, today, deliveries, { batchSize: 10, notBefore: clock.now(), now: clock.now() });
}

describe("a dispatcher that stalls while alive", () => {
  it("loses its batches to another when its lease runs out, drops them when it comes back, and nothing goes twice", {
    timeout: 90_000,
  }, async () => {
    const MESSAGES = 60;
    await communeOfficer(OFFICER, ["X1"], clock.now());
    await queueLists("stall-test", MESSAGES);
    writeFileSync(
      file("delivery.json"),
      JSON.stringify({ sendingWindows: [{ from: "00:00", to: "24:00" }], dispatch: { leaseSeconds: 1 } }),
    );
    const upstream = Number(/:(\d+)\//.exec(inject("mongoUri"))?.[1]);
    const proxy = await startWireProxy(upstream);
    let cutOff: () => void = () => undefined;
    const stalled = new Promise<void>((resolve) => {
      cutOff = resolve;
    });
    // The first dispatcher reaches the database only through the proxy; after its 15th message the
    // proxy holds everything it says: to everyone else it has stalled.
    server = await startFloodLimitedBotApi({
      scale: 1,
      onAccepted: (n) => {
        if (n === 15) {
          proxy.holdAll();
          cutOff();
        }
        return undefined;
      },
    });
    const apiRoot = server.apiRoot;
    const first = startDispatcherProcess(
      `mongodb://127.0.0.1:${proxy.port}/${database.name}`,
      apiRoot,
      file("delivery.json"),
      clock.env,
    );
    const firstErr = stderrOf(first);
    await stalled;
    const second = startDispatcherProcess(
      `mongodb://127.0.0.1:${upstream}/${database.name}`,
      apiRoot,
      file("delivery.json"),
      clock.env,
    );
    const secondErr = stderrOf(second);
    expect(await exited(second), secondErr()).toBe(0);
    // The stalled one comes back: what it held reaches the database late, and it must not send again.
    proxy.release();
    expect(await exited(first), firstErr()).toBe(0);
    await proxy.close();

    const counts = server.countsByMessage();
    const lists = [...counts].filter(([key]) => key.includes("Danh sách thu"));
    expect(
      lists.every(([, n]) => n === 1),
      "a list went twice",
    ).toBe(true);
    const uncertain = await DeliveryOutcomeModel.find(
      { source: "stall-test", outcome: "uncertain" },
      { deliveryId: 1 },
    ).lean();
    // Every list went once, or is recorded uncertain (it may have gone) and listed to the officer.
    expect(lists.length + uncertain.length).toBeGreaterThanOrEqual(MESSAGES);
    expect(lists.length).toBeLessThanOrEqual(MESSAGES);
    const officerList = server.accepted
      .filter((m) => m.chatId === OFFICER)
      .map((m) => m.text)
      .join("\n");
    for (const o of uncertain) expect(officerList).toContain(`Hộ KL${o.deliveryId.split(":")[1]?.padStart(4, "0")}`);
    // The second dispatcher took batches the first had leased.
    expect(await DeliveryBatchModel.countDocuments({ source: "stall-test", claims: { $gte: 2 } })).toBeGreaterThan(0);
    expect(await DeliveryBatchModel.countDocuments({ source: "stall-test", status: { $ne: "done" } })).toBe(0);
  });
});

describe("a broadcast cancelled while it is being sent", () => {
  it("sends nothing more once cancelled: what was in flight finishes, the rest is reported not sent", async () => {
    const i18n = createI18n();
    const config = reminderConfigSchema.parse({
      sendingWindows: [{ from: "00:00", to: "24:00" }],
      dispatch: { maxInDoubt: 1 },
    });
    await loadReminderFixture(file("village.csv"));
    let held!: () => void;
    const firstHeld = new Promise<void>((resolve) => {
      held = resolve;
    });
    server = await startFloodLimitedBotApi({
      scale: 10,
      onAccepted: (n) => {
        if (n !== 1) return undefined;
        held();
        return "hold";
      },
    });
    const dispatcher = new Dispatcher({
      api: new Api("1:test", { apiRoot: server.apiRoot }),
      config,
      closures: [],
      log: logger,
      now: () => clock.now(),
    });
    const { bot, texts } = testBot(undefined, {
      adminIds: [OFFICER],
      delivery: { config, closures: [], sender: dispatcher },
    });
    await bot.handleUpdate(text(OFFICER, "/broadcast"));
    await bot.handleUpdate(text(OFFICER, "Họp tổ"));
    const draft = await BroadcastModel.findOne({ createdBy: OFFICER, status: "draft" }).lean();
    await bot.handleUpdate(callback(OFFICER, `bc:aud:${draft?._id}:all`));
    expect(texts().at(-1)).toContain("Sẽ gửi đến <b>4</b> tài khoản Telegram");
    await bot.handleUpdate(callback(OFFICER, `bc:go:${draft?._id}`));
    const sending = dispatcher.runOnce();
    // The first message is with Telegram, unanswered; the other three wait their turn.
    await firstHeld;
    await bot.handleUpdate(text(OFFICER, "/cancel"));
    expect(texts().at(-1)).toBe(`Đã dừng thông báo ${draft?._id}. Tin chưa gửi sẽ không được gửi.`);
    server.release();
    const report = await sending;
    expect(report.sent).toBe(1);
    expect(server.accepted).toHaveLength(1);
    // Nothing is left for a later run either.
    expect((await dispatcher.runOnce()).sent).toBe(0);
    const makerScope = async (id: number) => (await staffRole(id, [OFFICER]))?.scope ?? null;
    const now = () => clock.now();
    await new BroadcastMonitor({ api: bot.api, i18n, config, closures: [], log: logger, makerScope, now }).tick();
    expect(texts().at(-1)).toContain(`⏹ Thông báo ${draft?._id} đã dừng.`);
    expect(texts().at(-1)).toContain("Đã gửi: 1");
    expect(texts().at(-1)).toContain("Không gửi: 3");
  });
});

describe("the bot's continuous dispatcher", () => {
  it("sleeps while idle, wakes at once for new work, and stops when told", async () => {
    server = await startFloodLimitedBotApi({ scale: 10 });
    // Idle polling once an hour: only a wake can make it send within this test.
    const config = reminderConfigSchema.parse({
      sendingWindows: [{ from: "00:00", to: "24:00" }],
      dispatch: { idlePollSeconds: 3600 },
    });
    const dispatcher = new Dispatcher({
      api: new Api("1:test", { apiRoot: server.apiRoot }),
      config,
      closures: [],
      log: logger,
      now: () => clock.now(),
    });
    const reports: number[] = [];
    const running = dispatcher.run((report) => reports.push(report.sent));
    const api = server;
    const accepted = (n: number) =>
      new Promise<void>((resolve) => {
        const check = () => (api.accepted.length >= n ? resolve() : setTimeout(check, 10));
        check();
      });
    await queueLists("loop-test", 3);
    dispatcher.wake();
    await accepted(3);
    const today = vietnamDate(clock.now());
    await enqueueDeliveries(
      "loop-test-2",
      today,
      [
        {
          _id: "loop-test-2:0",
          kind: "broadcast",
          eventDate: today,
          expiresOn: today,
          chatId: CHAT.KH01,
          householdCode: null,
          groupCode: null,
          communeCode: null,
          text: "Tin thứ tư",
          language: "vi",
        },
      ],
      { batchSize: 10, notBefore: clock.now(), now: clock.now() },
    );
    dispatcher.wake();
    await accepted(4);
    dispatcher.stop();
    await running;
    expect(reports.reduce((a, b) => a + b, 0)).toBe(4);
    expect(server.accepted.map((m) => m.text)).toContain("Tin thứ tư");
  });
});
