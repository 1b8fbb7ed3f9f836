/**
 * A dispatcher whose write of an outcome is cut off (the connection dropped, as when a primary steps
 * down) stops, and its next run sends the rest: the batch in hand is not marked done with an outcome
 * missing, and the failed run's messages in doubt do not stay counted against the next one.
 */
import { Api } from "grammy";
import mongoose from "mongoose";
import { afterAll, beforeAll, expect, inject, it } from "vitest";
import { connectDatabase } from "../../src/data/connection.js";
import { DeliveryBatchModel } from "../../src/data/models/index.js";
import { Dispatcher } from "../../src/delivery/dispatcher.js";
import { logger } from "../../src/logger.js";
import { reminderConfigSchema } from "../../src/reminders/config.js";
import { startFloodLimitedBotApi } from "../support/floodLimitedBotApi.js";
import { queueLinkedReminders, settledCount } from "../support/outbox.js";
import { startWireProxy, type WireProxy } from "../support/wireProxy.js";

const MESSAGES = 30;
const BATCH = 20;
let proxy: WireProxy;

beforeAll(async () => {
  // This process reaches the test database through a proxy that can cut a connection at a request.
  proxy = await startWireProxy(Number(/:(\d+)\//.exec(inject("mongoUri"))?.[1]));
  await connectDatabase(`mongodb://127.0.0.1:${proxy.port}/`, `test_cut_${process.pid}`);
});

afterAll(async () => {
  await mongoose.connection.dropDatabase().catch(() => undefined);
  await mongoose.disconnect();
  await proxy.close();
});

it("a cut-off outcome write of a batch's last message: the batch stays open, that message goes again marked, the rest once", {
  timeout: 60_000,
}, async () => {
  const deliveries = await queueLinkedReminders("cut", MESSAGES, 60_000, BATCH);
  const api = await startFloodLimitedBotApi({ scale: 10 });
  // One message in doubt at a time, so the n-th outcome written is the n-th message's: the 20th is
  // the first batch's last. (A slot the failed run kept would also stop this dispatcher for good.)
  let outcomeWrites = 0;
  proxy.setHooks({
    onRequest: (request) =>
      request.collection === "delivery_outcomes" && request.command === "insert" && ++outcomeWrites === BATCH
        ? "drop"
        : "forward",
  });
  const config = reminderConfigSchema.parse({
    sendingWindows: [{ from: "00:00", to: "24:00" }],
    telegramLimits: { globalPerSecond: 300, privateChatPerSecond: 10, groupChatPerMinute: 200 },
    dispatch: { leaseSeconds: 1, idlePollSeconds: 0.2, retryBaseSeconds: 0.05, maxInDoubt: 1 },
  });
  const dispatcher = new Dispatcher({
    api: new Api("1:test", { apiRoot: api.apiRoot }),
    config,
    closures: [],
    log: logger,
  });
  const reports: { resent: number }[] = [];
  const running = dispatcher.run((r) => reports.push(r));
  try {
    const deadline = Date.now() + 45_000;
    while ((await settledCount("cut")) < MESSAGES) {
      const batches = await DeliveryBatchModel.find({}, { status: 1 }).lean();
      if (batches.every((b) => b.status === "done")) break;
      if (Date.now() > deadline) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    proxy.setHooks({});
    dispatcher.stop();
    await running;
    await api.close();
  }
  expect(outcomeWrites).toBeGreaterThan(BATCH);
  // Every message has its outcome: none was left behind a batch marked done.
  expect(await settledCount("cut")).toBe(MESSAGES);
  // The message whose outcome was lost went again, marked; every other once.
  expect(reports.reduce((n, r) => n + r.resent, 0)).toBe(1);
  expect(api.accepted).toHaveLength(deliveries.length + 1);
  expect(new Set(api.accepted.map((m) => m.chatId)).size).toBe(deliveries.length);
  expect(api.accepted.filter((m) => m.text.startsWith("(gửi lại) "))).toHaveLength(1);
});
