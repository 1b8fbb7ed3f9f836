import { beforeAll, describe, expect, it } from "vitest";
import { AuditLogModel, OfficerModel } from "../../src/db/models/index.js";
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
    const { bot, lastText } = admin();
    await bot.handleUpdate(text(ADMIN, "/grant 7999 office:PGD1"));
    expect((await OfficerModel.findById(7999).lean())?.scope).toEqual({ kind: "offices", codes: ["PGD1"] });
    await bot.handleUpdate(text(ADMIN, "/revoke 7999"));
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
    expect(texts()[0]).toBe("Không tìm thấy hộ KH03 trong phạm vi của bạn.");
    expect(texts()[1]).toBe("Không tìm thấy hộ KH99 trong phạm vi của bạn.");
    await bot.handleUpdate(text(OFFICER_X2, "/find KH05"));
    expect(texts()[2]).toContain("Hoàng Văn Em");
  });

  const everyone = [
    ["a borrower", CHAT.KH02],
    ["a group head", CHAT.KH01],
    ["someone unknown", 4242],
  ] as const;
  for (const [who, user] of everyone) {
    it.each(["/find KH03", "/grant 1 all", "/revoke 7002", "/audit"])(`refuses ${who}: %s`, async (command) => {
      const { bot, texts } = admin();
      await bot.handleUpdate(text(user, command));
      expect(texts()).toEqual([command.startsWith("/find") ? STAFF_ONLY : ADMIN_ONLY]);
    });
  }

  it.each(["/grant 1 all", "/revoke 7003", "/audit"])("refuses an officer the admin commands: %s", async (command) => {
    const { bot, texts } = admin();
    await bot.handleUpdate(text(OFFICER_X1, command));
    expect(texts()).toEqual([ADMIN_ONLY]);
    expect((await OfficerModel.findById(OFFICER_X2).lean())?.active).toBe(true);
  });

  it("declines officer commands in a group chat", async () => {
    const { bot, texts } = admin();
    await bot.handleUpdate(text(OFFICER_X1, "/find KH03", groupChat()));
    expect(texts()[0]).not.toContain("Lê Văn Cường");
    expect(texts()[0]).toContain("tindung_test_bot");
  });

  it("shows admins the recent audit entries, without personal data", async () => {
    const { bot, lastText } = admin();
    await bot.handleUpdate(text(ADMIN, "/audit"));
    expect(lastText()).toContain("Nhật ký thao tác gần đây");
    expect(lastText()).toContain(`telegram:${ADMIN} · grant commune:X1`);
    expect(lastText()).toContain("find commune:X1");
    expect(lastText()).not.toContain("Lê Văn Cường");
  });
});
