import { InputFile } from "grammy";
import { beforeAll, describe, expect, it } from "vitest";
import { AuditLogModel, OfficerModel, OverdueSnapshotModel } from "../../src/data/models/index.js";
import { groupChat, testBot, text } from "../support/bot.js";
import { useTestDatabase } from "../support/database.js";
import { useTempDir } from "../support/files.js";
import { CHAT, loadReminderFixture } from "../support/reminderFixture.js";

useTestDatabase();
const file = useTempDir();
const ADMIN = 7001;
const OFFICER_X1 = 7002; // scope: commune X1 (households KH01–KH04)
const OFFICER_X2 = 7003; // scope: commune X2 (household KH05)
const admin = () => testBot(undefined, { adminIds: [ADMIN] });
const STAFF_ONLY = "Lệnh này chỉ dành cho cán bộ được cấp quyền.";
const ADMIN_ONLY = "Lệnh này chỉ dành cho quản trị viên.";

beforeAll(async () => {
  await loadReminderFixture(file("village.csv"));
  const { bot, lastText } = admin();
  await bot.handleUpdate(text(ADMIN, `/grant ${OFFICER_X1} commune:X1`));
  expect(lastText()).toContain("phạm vi: commune:X1");
  await bot.handleUpdate(text(ADMIN, `/grant ${OFFICER_X2} commune:x2`));
});

describe("officer roles", () => {
  it("lets an admin grant and revoke officers, and writes both to the audit log", async () => {
    const { bot, lastText, calls } = admin();
    await bot.handleUpdate(text(ADMIN, "/grant 7999 office:PGD1"));
    expect((await OfficerModel.findById(7999).lean())?.scope).toEqual({ kind: "offices", codes: ["PGD1"] });
    // The officer's own chat gets the officer commands in its menu, and loses them on revoke.
    const menu = calls.find((c) => c.method === "setMyCommands");
    expect(menu?.payload.scope).toEqual({ type: "chat", chat_id: 7999 });
    const commands = (menu?.payload.commands ?? []) as { command: string }[];
    expect(commands.map((c) => c.command)).toContain("broadcast");
    await bot.handleUpdate(text(ADMIN, "/revoke 7999"));
    expect(calls.filter((c) => c.method === "deleteMyCommands").map((c) => c.payload.scope)).toContainEqual({
      type: "chat",
      chat_id: 7999,
    });
    expect(lastText()).toContain("Đã thu hồi");
    expect((await OfficerModel.findById(7999).lean())?.active).toBe(false);
    await bot.handleUpdate(text(ADMIN, "/revoke 7999"));
    expect(lastText()).toContain("không phải cán bộ đang có quyền");
    const actions = (await AuditLogModel.find({ "actor.id": String(ADMIN) }).lean()).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(["grant", "revoke"]));
    // A revoked officer is refused at once.
    await bot.handleUpdate(text(7999, "/find KH01"));
    expect(lastText()).toBe(STAFF_ONLY);
  });

  it("rejects a malformed grant with the usage", async () => {
    const { bot, lastText } = admin();
    await bot.handleUpdate(text(ADMIN, "/grant 123 somewhere"));
    expect(lastText()).toContain("Cách dùng: /grant");
  });

  it("shows an officer a household in scope: summary, link status, recent messages", async () => {
    const { bot, lastText } = admin();
    await bot.handleUpdate(text(OFFICER_X1, "/find kh03"));
    const answer = lastText();
    expect(answer).toContain("KH03</b> · Lê Văn Cường");
    expect(answer).toContain("Tổ Thôn 1 · Xã Tân Lập · thành viên");
    expect(answer).toContain("đã liên kết (1 tài khoản)");
    expect(answer).toContain("quá hạn 3.000.000 ₫");
    const entry = await AuditLogModel.findOne({ action: "find", "actor.id": String(OFFICER_X1) }).lean();
    expect(entry?.scope).toBe("commune:X1");
    expect(JSON.stringify(entry)).not.toContain("Lê Văn Cường");
  });

  it("answers an out-of-scope household exactly like an unknown one", async () => {
    const { bot, texts } = admin();
    await bot.handleUpdate(text(OFFICER_X2, "/find KH03"));
    await bot.handleUpdate(text(OFFICER_X2, "/find KH99"));
    expect(texts()[0]).toBe("Không tìm thấy hộ KH03 trong phạm vi của anh/chị.");
    expect(texts()[1]).toBe("Không tìm thấy hộ KH99 trong phạm vi của anh/chị.");
    await bot.handleUpdate(text(OFFICER_X2, "/find KH05"));
    expect(texts()[2]).toContain("Hoàng Văn Em");
  });

  const everyone = [
    ["a borrower", CHAT.KH02],
    ["a group head", CHAT.KH01],
    ["someone unknown", 4242],
  ] as const;
  for (const [who, user] of everyone) {
    it.each(["/find KH03", "/stats", "/grant 1 all", "/revoke 7002", "/audit"])(
      `refuses ${who}: %s`,
      async (command) => {
        const { bot, texts, calls } = admin();
        await bot.handleUpdate(text(user, command));
        expect(texts()).toEqual([/^\/(find|stats)/.test(command) ? STAFF_ONLY : ADMIN_ONLY]);
        expect(calls.some((c) => c.method === "sendPhoto")).toBe(false);
      },
    );
  }

  it.each(["/grant 1 all", "/revoke 7003", "/audit"])("refuses an officer the admin commands: %s", async (command) => {
    const { bot, texts } = admin();
    await bot.handleUpdate(text(OFFICER_X1, command));
    expect(texts()).toEqual([ADMIN_ONLY]);
    expect((await OfficerModel.findById(OFFICER_X2).lean())?.active).toBe(true);
  });

  it("gives an officer the statistics of their scope as text and as a chart image", async () => {
    // The bot's day is Thursday 17 December 2026 (test/support/bot.ts): this week began on the 14th.
    const lastWeek = "2026-12-07";
    await OverdueSnapshotModel.create({
      _id: `${lastWeek}:X1`,
      weekStart: lastWeek,
      communeCode: "X1",
      officeCode: "PGD1",
      amount: 5_000_000,
      count: 2,
      takenAt: new Date(),
    });
    const { bot, lastText, calls } = admin();
    await bot.handleUpdate(text(OFFICER_X1, "/stats"));
    const answer = lastText();
    expect(answer).toContain("Hộ đã liên kết Telegram: 3/4 (75%)");
    // The scope in names, not codes.
    expect(answer).toContain("📊 <b>Thống kê</b> · Xã Tân Lập ·");
    expect(answer).not.toContain("commune:X1");
    expect(answer).toContain("• Xã Tân Lập: 3.000.000 ₫ (1 khế ước)");
    expect(answer).toContain("• Tổ Thôn 1 (Xã Tân Lập): 3.000.000 ₫");
    expect(answer).toContain("• Tuần 07/12/2026: 5.000.000 ₫");
    expect(answer).toContain("• Tuần 14/12/2026: 3.000.000 ₫");
    expect(answer).not.toContain("Bình An");
    // The chart itself is checked in test/unit/statsChart.test.ts.
    const photo = calls.find((c) => c.method === "sendPhoto")?.payload.photo;
    expect(photo).toBeInstanceOf(InputFile);
    expect((photo as InputFile).filename).toBe("thong-ke.png");

    const other = admin();
    await other.bot.handleUpdate(text(OFFICER_X2, "/stats"));
    expect(other.lastText()).toContain("Hộ đã liên kết Telegram: 1/1 (100%)");
    expect(other.lastText()).not.toContain("Tân Lập");
    const entry = await AuditLogModel.findOne({ action: "stats", "actor.id": String(OFFICER_X1) }).lean();
    expect(entry?.scope).toBe("commune:X1");
  });

  it("declines officer commands in a group chat", async () => {
    const { bot, texts } = admin();
    await bot.handleUpdate(text(OFFICER_X1, "/find KH03", groupChat()));
    expect(texts()[0]).not.toContain("Lê Văn Cường");
    expect(texts()[0]).toContain("tindung_test_bot");
  });

  it("shows admins the recent audit entries, without personal data", async () => {
    const { bot, lastText } = admin();
    await bot.handleUpdate(text(OFFICER_X1, "/find KH03"));
    await bot.handleUpdate(text(ADMIN, "/audit"));
    expect(lastText()).toContain("Nhật ký thao tác gần đây");
    expect(lastText()).toContain(`telegram:${ADMIN} · grant commune:X1`);
    expect(lastText()).toContain("find commune:X1");
    expect(lastText()).not.toContain("Lê Văn Cường");
  });
});
