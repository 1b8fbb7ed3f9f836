import mongoose from "mongoose";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ensureIndexes } from "../../src/data/connection.js";
import {
  AuditLogModel,
  BorrowerAccountModel,
  DeliveryAttemptModel,
  DeliveryBatchItemsModel,
  DeliveryModel,
  DeliveryOutcomeModel,
  SessionModel,
  UnreachableChatModel,
} from "../../src/data/models/index.js";
import { enqueueDeliveries } from "../../src/data/outbox.js";
import { groupChat, testBot, text } from "../support/bot.js";
import { useTestDatabase } from "../support/database.js";
import { useTempDir } from "../support/files.js";
import { type FloodLimitedBotApi, startFloodLimitedBotApi } from "../support/floodLimitedBotApi.js";
import { CHAT, fixtureDispatcher, loadReminderFixture, planDay } from "../support/reminderFixture.js";

useTestDatabase();
const file = useTempDir();
const plan = (date: string) => planDay(date);
let server: FloodLimitedBotApi;
const dispatch = (date: string) =>
  fixtureDispatcher(server.apiRoot, { now: () => new Date(`${date}T03:00:00Z`) }).runOnce();
const toChat = (chatId: number) => server.accepted.filter((m) => m.chatId === chatId).length;

beforeAll(async () => {
  server = await startFloodLimitedBotApi({ scale: 10 });
});
/** Each test starts from the village as imported, everyone linked, nothing planned or sent. */
beforeEach(async () => {
  await mongoose.connection.dropDatabase();
  await ensureIndexes();
  await loadReminderFixture(file("village.csv"));
  server.accepted.length = 0;
});
afterAll(async () => server.close());

describe("item 14: no reminder reaches a chat after /unlink", () => {
  it("cancels what was planned for the chat, recording why", async () => {
    await plan("2026-12-17");
    const pending = await DeliveryModel.find({ chatId: CHAT.KH02 }, { _id: 1 }).lean();
    expect(pending.length).toBeGreaterThan(0);
    const { bot, lastText } = testBot();
    await bot.handleUpdate(text(CHAT.KH02, "/unlink"));
    expect(lastText()).toContain("Đã hủy liên kết");
    await dispatch("2026-12-17");
    expect(toChat(CHAT.KH02)).toBe(0);
    const outcomes = await DeliveryOutcomeModel.find({ deliveryId: { $in: pending.map((d) => d._id) } }).lean();
    expect(outcomes.map((o) => [o.outcome, o.reason])).toEqual(pending.map(() => ["skipped", "unlinked"]));
    expect(toChat(CHAT.KH01)).toBeGreaterThan(0);
  });

  it("checks the link when sending, even if the unlink happened elsewhere without cancelling", async () => {
    await enqueueDeliveries(
      "reminders",
      "2026-12-18",
      [
        {
          _id: "test:kh03:2026-12-18",
          kind: "overdue",
          eventDate: "2026-12-20",
          expiresOn: "2026-12-20",
          chatId: CHAT.KH03,
          householdCode: "KH03",
          groupCode: "G1",
          communeCode: "X1",
          text: "Nợ quá hạn 3.000.000 ₫",
        },
      ],
      { batchSize: 10, notBefore: new Date(0) },
    );
    const before = toChat(CHAT.KH03);
    // Another process removed the link and died before cancelling anything.
    await BorrowerAccountModel.updateOne({ _id: "KH03" }, { $set: { telegramLinks: [] } });
    const report = await dispatch("2026-12-18");
    expect(report.skippedUnlinked).toBeGreaterThan(0);
    expect(toChat(CHAT.KH03)).toBe(before);
    const kh03 = await DeliveryModel.find({ chatId: CHAT.KH03, planDate: "2026-12-18" }, { _id: 1 }).lean();
    const reasons = await DeliveryOutcomeModel.find({ deliveryId: { $in: kh03.map((d) => d._id) } }).lean();
    expect(reasons.map((o) => o.reason)).toEqual(kh03.map(() => "unlinked"));
  });
});

describe("item 13: /deletemydata leaves nothing personal behind", () => {
  it("removes sessions in every chat, the unreachable mark, and every message sent or pending with its records", async () => {
    const user = CHAT.KH01;
    const { bot } = testBot();
    await bot.handleUpdate(text(user, "/start", groupChat()));
    expect(await SessionModel.countDocuments({ _id: `${groupChat().id}:${user}` })).toBe(1);
    // Messages already sent to the user (with their records), and messages still to go.
    await plan("2026-12-17");
    await dispatch("2026-12-17");
    await plan("2026-12-19");
    const mine = await DeliveryModel.find({ chatId: user }, { _id: 1, batchId: 1 }).lean();
    expect(mine.length).toBeGreaterThan(1);
    expect(await DeliveryOutcomeModel.countDocuments({ deliveryId: { $in: mine.map((d) => d._id) } })).toBeGreaterThan(
      0,
    );
    await UnreachableChatModel.create({ _id: user, householdCode: "KH01", reason: "403", since: new Date() });

    await bot.handleUpdate(text(user, "/deletemydata"));
    const ids = mine.map((d) => d._id);
    expect(await DeliveryModel.countDocuments({ chatId: user })).toBe(0);
    expect(await DeliveryAttemptModel.countDocuments({ deliveryId: { $in: ids } })).toBe(0);
    expect(await DeliveryOutcomeModel.countDocuments({ deliveryId: { $in: ids } })).toBe(0);
    const batches = await DeliveryBatchItemsModel.find({
      _id: { $in: [...new Set(mine.map((d) => d.batchId))] },
    }).lean();
    expect(batches.length).toBeGreaterThan(0);
    for (const b of batches) expect((b.items as { chatId: number }[]).some((i) => i.chatId === user)).toBe(false);
    expect(await SessionModel.countDocuments({ _id: { $regex: `:${user}$` } })).toBe(0);
    expect(await UnreachableChatModel.countDocuments({ _id: user })).toBe(0);
    const entry = await AuditLogModel.findOne({ action: "delete-my-data" }).lean();
    expect(entry?.counts).toMatchObject({ deliveries: mine.length, sessions: 1, unreachable: 1 });
    // The entry's own id and time are random digits: "101" was found inside an ObjectId once.
    const { _id, at, ...said } = entry as NonNullable<typeof entry>;
    expect(JSON.stringify(said)).not.toMatch(new RegExp(`\\b${user}\\b`));
    // Nothing goes to the chat afterwards.
    const before = toChat(user);
    await dispatch("2026-12-19");
    expect(toChat(user)).toBe(before);
  });
});
