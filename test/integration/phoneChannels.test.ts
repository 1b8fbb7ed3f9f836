import { beforeAll, describe, expect, it } from "vitest";
import { isOptedOut, receiptsFor, saveReceipt } from "../../src/data/channels.js";
import { AuditLogModel, DeliveryOutcomeModel } from "../../src/data/models/index.js";
import { outcomeDoc } from "../../src/data/outbox.js";
import { removeOutboxBefore } from "../../src/data/retention.js";
import { callback, testBot, text } from "../support/bot.js";
import { useTestDatabase } from "../support/database.js";
import { useTempDir } from "../support/files.js";
import { CHAT, loadReminderFixture } from "../support/reminderFixture.js";

useTestDatabase();
const file = useTempDir();
const ADMIN = 7101;
const OFFICER_X1 = 7102; // scope: commune X1 (households KH01–KH04)
const OFFICER_X2 = 7103; // scope: commune X2 (household KH05)
const prices = { smsPerSegment: 750, znsPerMessage: 300 };
const bots = () => testBot(undefined, { adminIds: [ADMIN], channelPrices: prices });

beforeAll(async () => {
  await loadReminderFixture(file("village.csv"));
  const { bot } = bots();
  await bot.handleUpdate(text(ADMIN, `/grant ${OFFICER_X1} commune:X1`));
  await bot.handleUpdate(text(ADMIN, `/grant ${OFFICER_X2} commune:X2`));
});

describe("refusing SMS and Zalo", () => {
  it("lets a linked borrower switch SMS/Zalo off and on again in /settings", async () => {
    const { bot, calls } = bots();
    await bot.handleUpdate(text(CHAT.KH02, "/settings"));
    const keyboardText = () => JSON.stringify(calls.at(-1)?.payload.reply_markup);
    expect(keyboardText()).toContain("✅ Nhận SMS/Zalo");
    await bot.handleUpdate(callback(CHAT.KH02, "set:phone"));
    expect(await isOptedOut("KH02")).toBe(true);
    expect(keyboardText()).toContain("⬜ Nhận SMS/Zalo");
    await bot.handleUpdate(callback(CHAT.KH02, "set:phone"));
    expect(await isOptedOut("KH02")).toBe(false);
  });

  it("keeps an officer's record and the borrower's own choice apart: neither undoes the other", async () => {
    const { bot, texts } = bots();
    await bot.handleUpdate(text(OFFICER_X1, "/optout KH01"));
    // The borrower's switch cannot lift what the officer recorded.
    await bot.handleUpdate(callback(CHAT.KH01, "set:phone"));
    expect(texts().at(-1)).toContain("Cán bộ đã ghi nhận hộ không nhận SMS/Zalo");
    expect(await isOptedOut("KH01")).toBe(true);
    await bot.handleUpdate(text(OFFICER_X1, "/optin KH01"));
    expect(await isOptedOut("KH01")).toBe(false);
    // Nor can the officer lift the borrower's own choice.
    await bot.handleUpdate(callback(CHAT.KH01, "set:phone"));
    expect(await isOptedOut("KH01")).toBe(true);
    await bot.handleUpdate(text(OFFICER_X1, "/optin KH01"));
    expect(texts().at(-1)).toBe("Hộ KH01 tự tắt SMS/Zalo trong phần cài đặt của bot; chỉ chính hộ bật lại được.");
    expect(await isOptedOut("KH01")).toBe(true);
    await bot.handleUpdate(callback(CHAT.KH01, "set:phone"));
    expect(await isOptedOut("KH01")).toBe(false);
  });

  it("lets an officer record a refusal for a household in scope, and only there; audited", async () => {
    const { bot, texts } = bots();
    await bot.handleUpdate(text(OFFICER_X2, "/optout KH04"));
    expect(texts().at(-1)).toBe("Không tìm thấy hộ KH04 trong phạm vi của anh/chị.");
    expect(await isOptedOut("KH04")).toBe(false);
    await bot.handleUpdate(text(OFFICER_X1, "/optout kh04"));
    expect(texts().at(-1)).toContain("hộ KH04 sẽ không nhận SMS và Zalo");
    expect(await isOptedOut("KH04")).toBe(true);
    await bot.handleUpdate(text(OFFICER_X1, "/find KH04"));
    expect(texts().at(-1)).toContain("SMS/Zalo: hộ đã từ chối");
    await bot.handleUpdate(text(OFFICER_X1, "/optin KH04"));
    expect(await isOptedOut("KH04")).toBe(false);
    const actions = (await AuditLogModel.find({ "actor.id": String(OFFICER_X1) }).lean()).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(["optout", "optin"]));
    // A borrower cannot use the officers' command.
    await bot.handleUpdate(text(CHAT.KH03, "/optout KH03"));
    expect(await isOptedOut("KH03")).toBe(false);
  });
});

describe("what SMS and Zalo cost", () => {
  it("shows an officer the last 30 days' SMS segments and Zalo messages of their communes, priced", async () => {
    // The bot's day (test/support/bot.ts).
    const today = "2026-12-17";
    const sent = (id: string, channel: "sms" | "zns", communeCode: string, segments: number, outcome = "sent") =>
      outcomeDoc(
        {
          _id: id,
          batchId: "b",
          source: "reminders",
          communeCode,
          planDate: today,
          kind: "interest",
          channel,
          segments,
        },
        1,
        outcome as "sent",
        null,
        outcome === "sent" ? `p-${id}` : null,
      );
    await DeliveryOutcomeModel.insertMany([
      sent("a", "sms", "X1", 1),
      sent("b", "sms", "X1", 2),
      sent("c", "zns", "X1", 1),
      sent("d", "sms", "X2", 1),
      // The SMSC never answered this one: it may have taken it, and billed it.
      sent("e", "sms", "X1", 1, "uncertain"),
    ]);
    const { bot, lastText } = bots();
    await bot.handleUpdate(text(OFFICER_X1, "/stats"));
    const answer = lastText();
    expect(answer).toContain(
      "• Xã Tân Lập, SMS: 3 tin, 4 phần tin, 3.000 ₫ (trong đó 1 tin chưa rõ đã đến hay chưa: có thể đã bị tính phí)",
    );
    expect(answer).toContain("• Xã Tân Lập, Zalo: 1 tin, 300 ₫");
    expect(answer).toContain("Chi phí ước tính: 3.300 ₫");
    expect(answer).not.toContain("Bình An, SMS");
  });
});

describe("retention", () => {
  it("removes SMS receipts as old as the outbox records it removes, and keeps newer ones", async () => {
    const target = (id: string) => ({ deliveryId: id, communeCode: "X1", planDate: "2025-01-01" });
    const receipt = (id: string) => ({
      channel: "sms" as const,
      providerMessageId: id,
      status: "delivered" as const,
      detail: "DELIVRD",
      final: true,
    });
    await saveReceipt(receipt("old"), target("d-old"), new Date("2025-01-02T00:00:00Z"));
    await saveReceipt(receipt("new"), target("d-new"), new Date());
    await removeOutboxBefore(new Date("2025-11-01T00:00:00Z"), "2026-12-02");
    expect((await receiptsFor(["d-old", "d-new"])).map((r) => r.deliveryId)).toEqual(["d-new"]);
  });
});
