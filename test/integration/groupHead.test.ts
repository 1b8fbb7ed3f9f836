import { beforeAll, describe, expect, it } from "vitest";
import { CommandMenus } from "../../src/bot/menus.js";
import { UnreachableChatModel } from "../../src/data/models/index.js";
import { groupChat, testBot, text } from "../support/bot.js";
import { useTestDatabase } from "../support/database.js";
import { useTempDir } from "../support/files.js";
import { CHAT, loadReminderFixture } from "../support/reminderFixture.js";

useTestDatabase();
const file = useTempDir();
const MEMBERS_OF_G1 = ["Nguyễn Thị Hoa", "Trần Văn Bình", "Lê Văn Cường", "Phạm Thị Dung"];

beforeAll(async () => {
  await loadReminderFixture(file("village.csv"));
});

const HEAD_COMMANDS = ["/mygroup", "/overdue", "📋 Tổ của tôi", "⚠️ Quá hạn"];

describe("group head features", () => {
  it("shows the head their members, who the bot reaches, and this session's collection list", async () => {
    await UnreachableChatModel.create({ _id: CHAT.KH03, householdCode: "KH03", reason: "403", since: new Date() });
    try {
      const { bot, texts } = testBot();
      await bot.handleUpdate(text(CHAT.KH01, "/mygroup"));
      const [members, collection] = texts();
      expect(members).toContain("Tổ Thôn 1</b>: 4 hộ · ✅ 2 · 📵 1 · ○ 1");
      for (const name of MEMBERS_OF_G1) expect(members).toContain(name);
      expect(members).toContain("📵 Lê Văn Cường");
      expect(members).toContain("○ Phạm Thị Dung");
      expect(members).not.toContain("Hoàng Văn Em");
      expect(collection).toContain("Danh sách thu ngày");
      expect(collection).toContain("Trần Văn Bình: lãi 220.000 ₫, gốc 5.000.000 ₫");
    } finally {
      await UnreachableChatModel.deleteMany({});
    }
  });

  it("shows the head the overdue list of the group, from the menu button too", async () => {
    const { bot, lastText } = testBot();
    await bot.handleUpdate(text(CHAT.KH01, "⚠️ Quá hạn"));
    expect(lastText()).toContain("Nợ quá hạn của tổ Thôn 1");
    expect(lastText()).toMatch(/Lê Văn Cường: 3\.000\.000 ₫, \d+ ngày \(từ 10\/12\/2026\)/);
  });

  it.each(HEAD_COMMANDS)("refuses a borrower who is not a head: %s", async (command) => {
    const { bot, texts } = testBot();
    await bot.handleUpdate(text(CHAT.KH02, command));
    expect(texts()).toEqual(["Chức năng này chỉ dành cho tổ trưởng Tổ TK&VV đã liên kết tài khoản."]);
  });

  it.each(HEAD_COMMANDS)("refuses someone who has not linked an account: %s", async (command) => {
    const { bot, texts } = testBot();
    await bot.handleUpdate(text(4242, command));
    expect(texts()).toEqual(["Chức năng này chỉ dành cho tổ trưởng Tổ TK&VV đã liên kết tài khoản."]);
  });

  it.each(["/mygroup G1", "/overdue G1"])("refuses the head of another group: %s", async (command) => {
    const { bot, texts } = testBot();
    await bot.handleUpdate(text(CHAT.KH05, command));
    expect(texts()).toEqual(["Ông/bà chỉ xem được tổ do mình làm tổ trưởng."]);
  });

  it("gives the head of another group only their own group", async () => {
    const { bot, texts } = testBot();
    await bot.handleUpdate(text(CHAT.KH05, "/overdue"));
    await bot.handleUpdate(text(CHAT.KH05, "/mygroup"));
    const all = texts().join("\n");
    expect(all).toContain("Tổ Thôn 2");
    for (const name of MEMBERS_OF_G1) expect(all).not.toContain(name);
  });

  it("declines in a group chat, even for the head", async () => {
    const { bot, texts } = testBot();
    await bot.handleUpdate(text(CHAT.KH01, "/overdue", groupChat()));
    expect(texts()).toHaveLength(1);
    expect(texts()[0]).toContain("tindung_test_bot");
    for (const name of MEMBERS_OF_G1) expect(texts()[0]).not.toContain(name);
  });

  it("adds the head's menu row on /start, and /start makes a blocked chat reachable again", async () => {
    await UnreachableChatModel.create({ _id: CHAT.KH01, householdCode: "KH01", reason: "403", since: new Date() });
    const { bot, calls } = testBot();
    await bot.handleUpdate(text(CHAT.KH01, "/start"));
    expect(JSON.stringify(calls[0]?.payload.reply_markup)).toContain("Tổ của tôi");
    expect(await UnreachableChatModel.countDocuments({ _id: CHAT.KH01 })).toBe(0);
    const borrower = testBot();
    await borrower.bot.handleUpdate(text(CHAT.KH02, "/start"));
    expect(JSON.stringify(borrower.calls[0]?.payload.reply_markup)).not.toContain("Tổ của tôi");
  });

  it("gives a head who links the group head's command menu in their chat, and takes it away on /unlink", async () => {
    const user = 111;
    const { bot, calls, lastText, texts } = testBot();
    await bot.handleUpdate(text(user, "/link"));
    await bot.handleUpdate(text(user, "KH01"));
    await bot.handleUpdate(text(user, "7890"));
    // KH01 was linked already: its first account is told of the new link, after the reply.
    expect(texts().some((t) => t.includes("Liên kết thành công"))).toBe(true);
    expect(lastText()).toContain("vừa liên kết với hộ của ông/bà");
    const menus = calls.filter((c) => c.method === "setMyCommands");
    expect(menus.map((m) => m.payload.scope)).toEqual([
      { type: "chat", chat_id: user },
      { type: "chat", chat_id: user },
    ]);
    const names = ((menus[0]?.payload.commands ?? []) as { command: string }[]).map((c) => c.command);
    expect(names).toEqual(expect.arrayContaining(["balance", "mygroup", "overdue"]));
    await bot.handleUpdate(text(user, "/unlink"));
    expect(calls.filter((c) => c.method === "deleteMyCommands")).toHaveLength(2);
  });

  it("gives a linking head the dashboard's menu button where the dashboard is configured, and a borrower none", async () => {
    const dashboard = { url: "https://bot.example.vn/dashboard/", text: "Bảng theo dõi" };
    const head = testBot(undefined, { menus: new CommandMenus(dashboard) });
    await head.bot.handleUpdate(text(112, "/link"));
    await head.bot.handleUpdate(text(112, "KH01"));
    await head.bot.handleUpdate(text(112, "7890"));
    const buttons = () => head.calls.filter((c) => c.method === "setChatMenuButton").map((c) => c.payload);
    expect(buttons()).toEqual([
      { chat_id: 112, menu_button: { type: "web_app", text: "Bảng theo dõi", web_app: { url: dashboard.url } } },
    ]);
    await head.bot.handleUpdate(text(112, "/unlink"));
    expect(buttons().at(-1)).toEqual({ chat_id: 112, menu_button: { type: "default" } });
    // A linked borrower (KH02) using the bot gets nothing new.
    const borrower = testBot(undefined, { menus: new CommandMenus(dashboard) });
    for (const command of ["/start", "/balance", "/settings"])
      await borrower.bot.handleUpdate(text(CHAT.KH02, command));
    expect(borrower.texts().length).toBeGreaterThan(2);
    expect(borrower.calls.filter((c) => c.method === "setChatMenuButton")).toEqual([]);
  });
});
