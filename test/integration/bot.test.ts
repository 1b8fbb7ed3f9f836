import { beforeAll, describe, expect, it } from "vitest";
import {
  BorrowerAccountModel,
  LinkLockoutModel,
  SessionModel,
  TelegramAccountModel,
} from "../../src/data/models/index.js";
import { attemptKey } from "../../src/features/linking/attemptLimits.js";
import { importFile } from "../../src/import/run.js";
import { callback, contact, groupChat, testBot, text } from "../support/bot.js";
import { TEST_ID_SECRET, useTestDatabase } from "../support/database.js";
import { type Row, seedRows, useTempDir, writeRows } from "../support/files.js";

useTestDatabase();
const file = useTempDir();
const rows = seedRows(40, 3);
const withPhone = rows.find((r) => r.phones && r.groupRole === "Thành viên") as Row;
const withoutPhone = rows.find((r) => !r.phones && r.nationalId) as Row;
const e164 = (phone: string) => `84${phone.slice(1)}`;

/** Links `user` to the household with no phone on file (last four CCCD digits): each test its own user. */
async function linkWithoutPhone(user: number): Promise<void> {
  const { bot, calls } = testBot();
  await bot.handleUpdate(text(user, "/link"));
  await bot.handleUpdate(text(user, withoutPhone.customerCode));
  await bot.handleUpdate(text(user, withoutPhone.nationalId.slice(-4)));
  // (Accounts linked before are told of the new one after it is told of its success.)
  const toUser = calls.filter((c) => c.method === "sendMessage" && c.payload.chat_id === user);
  expect(String(toUser.at(-1)?.payload.text)).toContain("Liên kết thành công");
}

beforeAll(async () => {
  const report = await importFile(await writeRows(file("data.csv"), rows), {
    actor: { kind: "cli", id: "test" },
    idHashSecret: TEST_ID_SECRET,
  });
  expect(report.outcome).toBe("applied");
  expect(withPhone).toBeDefined();
  expect(withoutPhone).toBeDefined();
});

describe("/start", () => {
  it("greets in Vietnamese by default, with the main menu, how to link and a language choice", async () => {
    const { bot, calls } = testBot();
    await bot.handleUpdate(text(500, "/start"));
    expect(calls).toHaveLength(2);
    expect(JSON.stringify(calls[1]?.payload.reply_markup)).toContain("lang:en");
    expect(String(calls[0]?.payload.text)).toContain("Ngân hàng Chính sách xã hội");
    expect(String(calls[0]?.payload.text)).toContain("/link");
    expect(JSON.stringify(calls[0]?.payload.reply_markup)).toContain("Dư nợ");
  });
});

describe("linking", () => {
  it("links with the user's own contact, then shows the balance and due dates", async () => {
    const user = 1001;
    const { bot, lastText, texts } = testBot();
    await bot.handleUpdate(text(user, "/link"));
    expect(lastText()).toContain("mã khách hàng");
    await bot.handleUpdate(text(user, withPhone.customerCode.toLowerCase()));
    expect(lastText()).toContain("Chia sẻ số điện thoại");
    await bot.handleUpdate(contact(user, e164(withPhone.phones), user));
    expect(lastText()).toContain("Liên kết thành công");
    expect((await BorrowerAccountModel.findById(withPhone.customerCode).lean())?.telegramLinks[0]?.via).toBe("contact");
    expect((await TelegramAccountModel.findById(String(user)).lean())?.customerCode).toBe(withPhone.customerCode);

    await bot.handleUpdate(text(user, "💰 Dư nợ"));
    const balance = lastText();
    // KH00000003 of the seeded book (seed 3) owes 22,500,000 đồng on loan KU000000003.
    expect(withPhone.customerCode).toBe("KH00000003");
    expect(balance).toContain("22.500.000 ₫");
    expect(balance).toContain(`•••${withPhone.loanNumber.slice(-4)}`);
    expect(balance).not.toContain(withPhone.loanNumber);
    expect(balance).toContain("Số liệu cập nhật ngày");

    await bot.handleUpdate(text(user, "/duedates"));
    expect(lastText()).toContain("Các kỳ trả sắp tới");
    expect(lastText()).toMatch(/\d{2}\/\d{2}\/\d{4}: nộp lãi/);
    // The household's own name is not repeated back in any of these messages.
    expect(withPhone.fullName).toBe("Phan Minh Long");
    expect(texts().join("\n")).not.toContain("Phan Minh Long");
  });

  it("gives the same answer to an unknown code, a wrong phone and someone else's contact", async () => {
    const { bot, lastText } = testBot();
    const answers: string[] = [];
    const tryOnce = async (user: number, code: string, update: Parameters<typeof bot.handleUpdate>[0]) => {
      await bot.handleUpdate(text(user, "/link"));
      await bot.handleUpdate(text(user, code));
      await bot.handleUpdate(update);
      answers.push(lastText());
    };
    await tryOnce(2001, "KH99999999", contact(2001, e164(withPhone.phones), 2001));
    await tryOnce(2002, withPhone.customerCode, contact(2002, "84900000000", 2002));
    await tryOnce(2003, withPhone.customerCode, contact(2003, e164(withPhone.phones), 9999));
    expect(new Set(answers).size).toBe(1);
    expect(answers[0]).toContain("chưa khớp");
    expect(
      await BorrowerAccountModel.countDocuments({ "telegramLinks.telegramUserId": { $in: [2001, 2002, 2003] } }),
    ).toBe(0);
  });

  it("accepts the last four CCCD digits only where no phone is on file", async () => {
    const { bot, lastText } = testBot();
    await bot.handleUpdate(text(3001, "/link"));
    await bot.handleUpdate(text(3001, withPhone.customerCode));
    await bot.handleUpdate(text(3001, withPhone.nationalId.slice(-4)));
    expect(lastText()).toContain("chưa khớp");

    await linkWithoutPhone(3002);
  });

  it("locks an account out after 5 failed attempts and records it for officers", async () => {
    const user = 4001;
    const { bot, lastText } = testBot();
    for (let i = 0; i < 5; i++) {
      await bot.handleUpdate(text(user, "/link"));
      await bot.handleUpdate(text(user, `KH-NOPE-${i}`));
      await bot.handleUpdate(text(user, "0000"));
    }
    expect(lastText()).toContain("quá nhiều lần");
    expect(await LinkLockoutModel.countDocuments({ accountHash: attemptKey(TEST_ID_SECRET, "account", user) })).toBe(1);
    // Even the right contact is refused while locked out.
    await bot.handleUpdate(text(user, "/link"));
    expect(lastText()).toContain("quá nhiều lần");
    await bot.handleUpdate(contact(user, e164(withPhone.phones), user));
    expect(await BorrowerAccountModel.countDocuments({ "telegramLinks.telegramUserId": user })).toBe(0);
  });

  it("locks a customer code out after 5 failed attempts from any accounts in a day", async () => {
    const target = rows.find((r) => r.phones && r.customerCode !== withPhone.customerCode) as Row;
    const { bot, lastText } = testBot();
    for (let i = 0; i < 5; i++) {
      await bot.handleUpdate(text(5000 + i, "/link"));
      await bot.handleUpdate(text(5000 + i, target.customerCode));
      await bot.handleUpdate(text(5000 + i, "1234"));
    }
    expect(lastText()).toContain("quá nhiều lần");
    expect(await LinkLockoutModel.countDocuments({ customerCode: target.customerCode, reason: "code-daily" })).toBe(1);
    await bot.handleUpdate(text(5010, "/link"));
    await bot.handleUpdate(text(5010, target.customerCode));
    await bot.handleUpdate(text(5010, "4321"));
    expect(lastText()).toContain("quá nhiều lần");
    // Someone else's (forwarded) contact is held by the code's lock too.
    await bot.handleUpdate(text(5011, "/link"));
    await bot.handleUpdate(text(5011, target.customerCode));
    await bot.handleUpdate(contact(5011, e164(target.phones), 5010));
    expect(lastText()).toContain("quá nhiều lần");
    expect(await BorrowerAccountModel.countDocuments({ "telegramLinks.telegramUserId": 5011 })).toBe(0);
  });

  it("unlinks and deletes the session on request", async () => {
    const user = 1101;
    const { bot, lastText } = testBot();
    await bot.handleUpdate(text(user, "/link"));
    await bot.handleUpdate(text(user, withPhone.customerCode));
    await bot.handleUpdate(contact(user, e164(withPhone.phones), user));
    expect(await BorrowerAccountModel.countDocuments({ "telegramLinks.telegramUserId": user })).toBe(1);
    expect(await SessionModel.countDocuments({ _id: `${user}:${user}` })).toBe(1);
    await bot.handleUpdate(text(user, "/deletemydata"));
    expect(lastText()).toContain("Đã xóa");
    expect(await BorrowerAccountModel.countDocuments({ "telegramLinks.telegramUserId": user })).toBe(0);
    expect(await SessionModel.countDocuments({ _id: `${user}:${user}` })).toBe(0);
    expect(await TelegramAccountModel.findById(String(user)).lean()).toBeNull();
    await bot.handleUpdate(text(user, "/balance"));
    expect(lastText()).toContain("chưa liên kết");
  });
});

describe("the index of linked Telegram accounts", () => {
  const other = rows.find(
    (r) => r.customerCode !== withPhone.customerCode && r.customerCode !== withoutPhone.customerCode,
  ) as Row;

  it("is rebuilt from the account when an entry is missing", async () => {
    const user = 1201;
    await BorrowerAccountModel.updateOne(
      { _id: other.customerCode },
      { $push: { telegramLinks: { telegramUserId: user, linkedAt: new Date(), via: "contact" } } },
      { upsert: true },
    );
    expect(await TelegramAccountModel.findById(String(user)).lean()).toBeNull();
    const { bot, lastText } = testBot();
    await bot.handleUpdate(text(user, "/balance"));
    expect(lastText()).toContain(`•••${other.loanNumber.slice(-4)}`);
    expect((await TelegramAccountModel.findById(String(user)).lean())?.customerCode).toBe(other.customerCode);
  });

  it("is not trusted where the account no longer lists the link", async () => {
    const user = 1202;
    await TelegramAccountModel.create({ _id: String(user), customerCode: other.customerCode });
    const { bot, lastText } = testBot();
    await bot.handleUpdate(text(user, "/balance"));
    expect(lastText()).toContain("chưa liên kết");
    expect(lastText()).not.toContain("₫");
  });
});

describe("privacy", () => {
  it("refuses to show a balance in a group, even to a linked user", async () => {
    await linkWithoutPhone(3202);
    const { bot, texts } = testBot();
    await bot.handleUpdate(text(3202, "/balance", groupChat()));
    expect(texts()).toHaveLength(1);
    expect(texts()[0]).toContain("tin nhắn riêng");
    expect(texts()[0]).not.toContain("₫");
  });

  it("asks an unlinked user to link instead of showing anything", async () => {
    const { bot, lastText } = testBot();
    await bot.handleUpdate(text(7777, "💰 Dư nợ"));
    expect(lastText()).toContain("/link");
  });
});

describe("settings", () => {
  it("turns a reminder kind off and on for the linked household", async () => {
    await linkWithoutPhone(3102);
    const { bot, calls } = testBot();
    await bot.handleUpdate(text(3102, "/settings"));
    expect(JSON.stringify(calls.at(-1)?.payload.reply_markup)).toContain("✅ Nhắc nộp lãi");
    await bot.handleUpdate(callback(3102, "set:rem:interest"));
    let account = await BorrowerAccountModel.findById(withoutPhone.customerCode).lean();
    expect(account?.reminders?.interest).toBe(false);
    expect(account?.reminders?.principal).toBe(true);
    expect(JSON.stringify(calls.at(-1)?.payload.reply_markup)).toContain("⬜ Nhắc nộp lãi");
    await bot.handleUpdate(callback(3102, "set:rem:interest"));
    account = await BorrowerAccountModel.findById(withoutPhone.customerCode).lean();
    expect(account?.reminders?.interest).toBe(true);
  });

  it("is refused to an unlinked user", async () => {
    const { bot, lastText } = testBot();
    await bot.handleUpdate(callback(7070, "set:rem:interest"));
    expect(lastText()).toContain("/link");
    expect(await BorrowerAccountModel.countDocuments({ "reminders.interest": false })).toBe(0);
  });
});

describe("language", () => {
  it("switches to English and stores it for reminders", async () => {
    await linkWithoutPhone(3302);
    const { bot, lastText } = testBot();
    await bot.handleUpdate(callback(3302, "lang:en"));
    expect(lastText()).toBe("Switched to English.");
    await bot.handleUpdate(text(3302, "/balance"));
    expect(lastText()).toContain("Your household's loans");
    expect((await BorrowerAccountModel.findById(withoutPhone.customerCode).lean())?.language).toBe("en");
  });
});

describe("buttons no feature recognises", () => {
  it.each([
    ["a forged kind", "zz:do:1"],
    ["a language that is not offered", "lang:fr"],
    ["a reminder kind that does not exist", "set:rem:everything"],
    ["an undo for a user id that is not a number", "lk:rm:abc"],
  ])("answers %s by stopping the spinner, and does nothing else, even to a linked user", async (_name, data) => {
    await linkWithoutPhone(3402);
    const { bot, calls } = testBot();
    await bot.handleUpdate(callback(3402, data));
    expect(calls.map((c) => c.method)).toEqual(["answerCallbackQuery"]);
  });
});

describe("flood protection", () => {
  it("answers a burst once with a polite message and ignores the rest", async () => {
    const { bot, texts } = testBot(undefined, { rateLimit: { limit: 2, timeFrameMs: 60_000 } });
    for (let i = 0; i < 5; i++) await bot.handleUpdate(text(9001, "/faq"));
    expect(texts()).toHaveLength(3);
    expect(texts()[2]).toContain("quá nhanh");
  });
});

describe("Telegram errors on replies", () => {
  it("waits out a 429 and delivers the reply", async () => {
    const { bot, calls } = testBot((call, attempt) =>
      call.method === "sendMessage" && attempt === 1
        ? {
            ok: false,
            error_code: 429,
            description: "Too Many Requests: retry after 1",
            parameters: { retry_after: 1 },
          }
        : undefined,
    );
    await bot.handleUpdate(text(8001, "/start"));
    expect(calls.filter((c) => c.method === "sendMessage")).toHaveLength(3);
  });

  it("survives a 403 from a user who blocked the bot", async () => {
    const { bot, calls } = testBot((call) =>
      call.method === "sendMessage"
        ? { ok: false, error_code: 403, description: "Forbidden: bot was blocked by the user" }
        : undefined,
    );
    await expect(bot.handleUpdate(text(8002, "/start"))).resolves.toBeUndefined();
    expect(calls.length).toBeGreaterThanOrEqual(1);
  });
});

describe("what people read when they do something unexpected", () => {
  it("tells a locked-out user who types a code that they are locked, and until when", async () => {
    const user = 4101;
    const { bot, lastText } = testBot();
    for (let i = 0; i < 5; i++) {
      await bot.handleUpdate(text(user, "/link"));
      await bot.handleUpdate(text(user, `KH-NOPE-${i}`));
      await bot.handleUpdate(text(user, "0000"));
    }
    await bot.handleUpdate(text(user, "KH00001234"));
    expect(lastText()).toContain("quá nhiều lần");
    expect(lastText()).toMatch(/đến \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/);
  });

  it("points /link in a group to the private chat, and posts no personal keyboard on /start there", async () => {
    const { bot, calls, lastText } = testBot();
    await bot.handleUpdate(text(4201, "/link", groupChat()));
    expect(lastText()).toContain("tin nhắn riêng");
    await bot.handleUpdate(text(4201, "/start", groupChat()));
    const start = calls.filter((c) => c.method === "sendMessage").at(-1);
    expect(start?.payload.reply_markup).toBeUndefined();
  });

  it("answers an unknown command and a sticker with a short help", async () => {
    const { bot, lastText, texts } = testBot();
    await bot.handleUpdate(text(4301, "/nosuchcommand"));
    expect(lastText()).toContain("Tôi chưa hiểu tin này");
    const before = texts().length;
    await bot.handleUpdate({
      update_id: 990_001,
      message: {
        message_id: 1,
        date: 0,
        chat: { id: 4301, type: "private", first_name: "U" },
        from: { id: 4301, is_bot: false, first_name: "U", language_code: "vi" },
        sticker: {
          file_id: "s",
          file_unique_id: "s",
          type: "regular",
          width: 1,
          height: 1,
          is_animated: false,
          is_video: false,
        },
      },
    } as never);
    expect(texts()).toHaveLength(before + 1);
    expect(lastText()).toContain("Tôi chưa hiểu tin này");
  });
});
