/**
 * Attacker's checklist: linking (issue 10, items 4–7). Each test is an attack that worked before.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { BorrowerAccountModel, LinkAttemptSlotModel, LinkLockoutModel } from "../../src/data/models/index.js";
import { attemptLink } from "../../src/features/linking/accounts.js";
import { attemptKey } from "../../src/features/linking/attemptLimits.js";
import { importFile } from "../../src/import/run.js";
import { callback, contact, testBot, text } from "../support/bot.js";
import { TEST_ID_SECRET, useTestDatabase } from "../support/database.js";
import { type Row, seedRows, useTempDir, writeRows } from "../support/files.js";

useTestDatabase();
const file = useTempDir();
const rows = seedRows(60, 11);
/** One row per household (a household with several loans has several rows): each test its own. */
const households = [...new Map(rows.map((r) => [r.customerCode, r])).values()];
const noPhone = households.filter((r) => !r.phones && r.nationalId);
const withPhone = households.filter((r) => r.phones);
const e164 = (phone: string) => `84${phone.slice(1)}`;
const linkedTo = async (user: number) =>
  (await BorrowerAccountModel.findOne({ "telegramLinks.telegramUserId": user }, { _id: 1 }).lean())?._id ?? null;

beforeAll(async () => {
  const report = await importFile(await writeRows(file("data.csv"), rows), {
    actor: { kind: "cli", id: "test" },
    idHashSecret: TEST_ID_SECRET,
  });
  expect(report.outcome).toBe("applied");
  expect(noPhone.length).toBeGreaterThanOrEqual(5);
  expect(withPhone.length).toBeGreaterThanOrEqual(4);
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
    const target = noPhone[2] as Row;
    const attacker = 40_002;
    const { bot, lastText } = testBot();
    for (let i = 0; i < 5; i++) await guess(bot, attacker, target.customerCode, "0000");
    expect(lastText()).toContain("quá nhiều lần");
    const slots = await LinkAttemptSlotModel.find({}).lean();
    expect(slots.length).toBeGreaterThanOrEqual(10);
    const stored = JSON.stringify(slots);
    // As a whole number: the records' hashes are hex, and may hold these digits by chance.
    const attackerId = new RegExp(`\\b${attacker}\\b`);
    expect(stored).not.toMatch(attackerId);
    expect(stored).not.toContain(target.customerCode);
    const lockouts = await LinkLockoutModel.find({}).lean();
    expect(lockouts.length).toBeGreaterThan(0);
    expect(JSON.stringify(lockouts)).not.toMatch(attackerId);
  });
});

describe("item 5: the per-code limit cannot be raced", () => {
  it("checks exactly five of thirty concurrent wrong guesses on one code, then refuses the right one", async () => {
    const target = noPhone[1] as Row;
    const { bot, texts } = testBot();
    const users = Array.from({ length: 30 }, (_, i) => 50_000 + i);
    for (const user of users) {
      await bot.handleUpdate(text(user, "/link"));
      await bot.handleUpdate(text(user, target.customerCode));
    }
    const before = texts().length;
    // Thirty different wrong guesses, all at once: the code's five slots are taken atomically.
    const right = Number(target.nationalId.slice(-4));
    const wrong = (i: number) => String((right + 1 + i) % 10_000).padStart(4, "0");
    await Promise.all(users.map((user, i) => bot.handleUpdate(text(user, wrong(i)))));
    const answers = texts().slice(before);
    expect(answers).toHaveLength(30);
    // Each answer is one of the two that reveal nothing; the wrong guess that used the last slot, and
    // any still being checked then, already say "too many".
    expect(answers.every((t) => t.includes("chưa khớp") || t.includes("quá nhiều lần"))).toBe(true);
    expect(answers.filter((t) => t.includes("chưa khớp")).length).toBeLessThanOrEqual(4);
    // Exactly five guesses were checked: the code's five slots are taken, and five accounts keep the
    // slot they spent; the other 25 were refused before any check and got theirs back.
    const taken = async (key: string) =>
      (await LinkAttemptSlotModel.find({ _id: { $in: [0, 1, 2, 3, 4].map((n) => `${key}#${n}`) } }).lean()).filter(
        (slot) => slot.at.getTime() > 0,
      ).length;
    expect(await taken(attemptKey(TEST_ID_SECRET, "code", target.customerCode))).toBe(5);
    let spent = 0;
    for (const user of users) spent += await taken(attemptKey(TEST_ID_SECRET, "account", user));
    expect(spent).toBe(5);
    // The right guess, alone and after the limit, is refused too.
    const late = 50_100;
    await guess(bot, late, target.customerCode, target.nationalId.slice(-4));
    expect(texts().at(-1)).toContain("quá nhiều lần");
    const all = [...users, late];
    expect(await BorrowerAccountModel.countDocuments({ "telegramLinks.telegramUserId": { $in: all } })).toBe(0);
  });
});

describe("lock-outs run out", () => {
  const at = new Date("2026-12-17T03:00:00Z");
  const later = (minutes: number) => new Date(at.getTime() + minutes * 60_000);

  it("keeps an account locked for an hour after five wrong codes, then lets it try again", async () => {
    const target = noPhone[3] as Row;
    const user = 45_001;
    for (let i = 0; i < 5; i++) {
      const outcome = await attemptLink(TEST_ID_SECRET, user, `NOPE${i}`, { kind: "national-id", last4: "0000" }, at);
      expect(outcome.ok).toBe(false);
    }
    const right = { kind: "national-id" as const, last4: target.nationalId.slice(-4) };
    expect(await attemptLink(TEST_ID_SECRET, user, target.customerCode, right, at)).toMatchObject({
      ok: false,
      lockedOut: true,
      until: later(60),
    });
    expect(await attemptLink(TEST_ID_SECRET, user, target.customerCode, right, later(59))).toMatchObject({
      lockedOut: true,
    });
    expect(await attemptLink(TEST_ID_SECRET, user, target.customerCode, right, later(61))).toMatchObject({ ok: true });
  });

  it("keeps a code locked for a day after five wrong guesses by anyone, then lets a guess through", async () => {
    const target = noPhone[4] as Row;
    const wrong = { kind: "national-id" as const, last4: "0000" };
    for (let i = 0; i < 5; i++) await attemptLink(TEST_ID_SECRET, 46_000 + i, target.customerCode, wrong, at);
    const right = { kind: "national-id" as const, last4: target.nationalId.slice(-4) };
    expect(await attemptLink(TEST_ID_SECRET, 46_100, target.customerCode, right, later(61))).toMatchObject({
      lockedOut: true,
      until: later(24 * 60),
    });
    expect(await attemptLink(TEST_ID_SECRET, 46_101, target.customerCode, right, later(24 * 60 + 1))).toMatchObject({
      ok: true,
    });
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
    const attacked = withPhone[2] as Row;
    const quiet = withPhone[3] as Row;
    const admin = 9_001;
    const { bot, lastText } = testBot(undefined, { adminIds: [admin] });
    for (let i = 0; i < 5; i++) await guess(bot, 61_000 + i, attacked.customerCode, "1234");
    await guess(bot, 61_100, quiet.customerCode, "1234");
    await bot.handleUpdate(text(admin, "/stats"));
    const stats = lastText();
    expect(stats).toContain(attacked.customerCode);
    expect(stats).not.toContain(quiet.customerCode);
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
