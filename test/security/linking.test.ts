/**
 * Attacker's checklist: linking (issue 10, items 4–7). Each test is an attack that worked before.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { BorrowerAccountModel, LinkAttemptSlotModel, LinkLockoutModel } from "../../src/data/models/index.js";
import { importFile } from "../../src/import/run.js";
import { callback, contact, testBot, text } from "../support/bot.js";
import { TEST_ID_SECRET, useTestDatabase } from "../support/database.js";
import { type Row, seedRows, useTempDir, writeRows } from "../support/files.js";

useTestDatabase();
const file = useTempDir();
const rows = seedRows(60, 11);
const noPhone = rows.filter((r) => !r.phones && r.nationalId);
const withPhone = rows.filter((r) => r.phones);
const e164 = (phone: string) => `84${phone.slice(1)}`;
const linkedTo = async (user: number) =>
  (await BorrowerAccountModel.findOne({ "telegramLinks.telegramUserId": user }, { _id: 1 }).lean())?._id ?? null;

beforeAll(async () => {
  const report = await importFile(await writeRows(file("data.csv"), rows), {
    actor: { kind: "cli", id: "test" },
    idHashSecret: TEST_ID_SECRET,
  });
  expect(report.outcome).toBe("applied");
  expect(noPhone.length).toBeGreaterThanOrEqual(2);
  expect(withPhone.length).toBeGreaterThanOrEqual(3);
});

/** Types /link, the code, and a last-4 guess, as one user. */
async function guess(bot: ReturnType<typeof testBot>["bot"], user: number, code: string, last4: string) {
  await bot.handleUpdate(text(user, "/link"));
  await bot.handleUpdate(text(user, code));
  await bot.handleUpdate(text(user, last4));
}

describe("item 4: /deletemydata does not reset the lock-out", () => {
  it("keeps an attacker who guessed five times locked out after deleting their data", async () => {
    const target = noPhone[0] as Row;
    const right = target.nationalId.slice(-4);
    const wrong = (i: number) => String((Number(right) + 1 + i) % 10_000).padStart(4, "0");
    const attacker = 40_001;
    const { bot, lastText } = testBot();
    for (let i = 0; i < 5; i++) await guess(bot, attacker, target.customerCode, wrong(i));
    expect(lastText()).toContain("quá nhiều lần");
    await bot.handleUpdate(text(attacker, "/deletemydata"));
    await bot.handleUpdate(text(attacker, "/link"));
    expect(lastText()).toContain("quá nhiều lần");
    await bot.handleUpdate(text(attacker, target.customerCode));
    await bot.handleUpdate(text(attacker, right));
    expect(await linkedTo(attacker)).toBeNull();
  });

  it("stores no Telegram id or customer code in the attempt records", async () => {
    const slots = await LinkAttemptSlotModel.find({}).lean();
    expect(slots.length).toBeGreaterThan(0);
    const stored = JSON.stringify(slots);
    expect(stored).not.toContain("40001");
    expect(stored).not.toContain((noPhone[0] as Row).customerCode);
    const lockouts = await LinkLockoutModel.find({}).lean();
    expect(JSON.stringify(lockouts)).not.toContain("40001");
  });
});

describe("item 5: the per-code limit cannot be raced", () => {
  it("verifies at most five of thirty concurrent guesses on one code", async () => {
    const target = noPhone[1] as Row;
    const { bot, texts } = testBot();
    const users = Array.from({ length: 30 }, (_, i) => 50_000 + i);
    for (const user of users) {
      await bot.handleUpdate(text(user, "/link"));
      await bot.handleUpdate(text(user, target.customerCode));
    }
    const before = texts().length;
    // Thirty different guesses, the right one among them, all at once.
    const right = Number(target.nationalId.slice(-4));
    await Promise.all(
      users.map((user, i) => bot.handleUpdate(text(user, String((right + i - 20 + 10_000) % 10_000).padStart(4, "0")))),
    );
    const answers = texts().slice(before);
    const verified = answers.filter((t) => t.includes("chưa khớp") || t.includes("thành công")).length;
    expect(verified).toBeLessThanOrEqual(5);
    expect(answers.filter((t) => t.includes("quá nhiều lần")).length).toBeGreaterThanOrEqual(25);
    // The right guess (the 21st) came after the limit: nobody is linked.
    expect(await BorrowerAccountModel.countDocuments({ "telegramLinks.telegramUserId": { $in: users } })).toBe(0);
  });
});

describe("item 6: strangers cannot lock the owner out", () => {
  it("lets the owner link with their own verified contact after five strangers locked the code", async () => {
    const target = withPhone[0] as Row;
    const { bot, lastText } = testBot();
    for (let i = 0; i < 5; i++) await guess(bot, 60_000 + i, target.customerCode, "1234");
    expect(lastText()).toContain("quá nhiều lần");
    const owner = 60_100;
    await bot.handleUpdate(text(owner, "/link"));
    await bot.handleUpdate(text(owner, target.customerCode));
    await bot.handleUpdate(contact(owner, e164(target.phones), owner));
    expect(lastText()).toContain("Liên kết thành công");
    expect(await linkedTo(owner)).toBe(target.customerCode);
  });

  it("shows officers the codes under attack in /stats", async () => {
    const admin = 9_001;
    const { bot, lastText } = testBot(undefined, { adminIds: [admin] });
    await bot.handleUpdate(text(admin, "/stats"));
    const stats = lastText();
    expect(stats).toContain((withPhone[0] as Row).customerCode);
    expect(stats).toContain((noPhone[1] as Row).customerCode);
  });
});

describe("item 7: a new link is not silent", () => {
  it("tells the account already linked, which can undo the new link; nobody else can", async () => {
    const target = withPhone[1] as Row;
    const first = 70_001;
    const second = 70_002;
    const stranger = 70_003;
    const { bot, calls } = testBot();
    for (const user of [first, second]) {
      await bot.handleUpdate(text(user, "/link"));
      await bot.handleUpdate(text(user, target.customerCode));
      await bot.handleUpdate(contact(user, e164(target.phones), user));
    }
    const notice = calls.find(
      (c) =>
        c.method === "sendMessage" && c.payload.chat_id === first && String(c.payload.text).includes("vừa liên kết"),
    );
    expect(notice).toBeDefined();
    const data = JSON.stringify(notice?.payload.reply_markup);
    expect(data).toContain(`lk:rm:${second}`);
    // A stranger forging the button removes nothing.
    await bot.handleUpdate(callback(stranger, `lk:rm:${second}`));
    expect(await linkedTo(second)).toBe(target.customerCode);
    await bot.handleUpdate(callback(first, `lk:rm:${second}`));
    expect(await linkedTo(second)).toBeNull();
    expect(await linkedTo(first)).toBe(target.customerCode);
  });
});
