/**
 * Attacker's checklist: officers and maker-checker (issue 10, items 1–3), tried as a careless or
 * dishonest officer would, through the bot.
 */
import { copyFileSync } from "node:fs";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  AuditLogModel,
  BroadcastModel,
  DeliveryModel,
  HouseholdModel,
  LoanModel,
} from "../../src/data/models/index.js";
import { createLogger } from "../../src/logger.js";
import { reminderConfigSchema } from "../../src/reminders/config.js";
import { callback, documentMessage, testBot, text } from "../support/bot.js";
import { useTestDatabase } from "../support/database.js";
import { type Row, useTelegramFiles, useTempDir, writeRows } from "../support/files.js";
import { CHAT, FIXTURE_ROWS, loadReminderFixture } from "../support/reminderFixture.js";
import { lyingXlsxFile } from "../support/zip.js";

useTestDatabase();
const file = useTempDir();
const ADMIN = 7301;
const SMALL_IMPORT_HEAP_MB = 128;
const OFFICER_X1 = 7302;
const OFFICER_ALL = 7303;
const OFFICER_PHONE = "0867207431";

const telegramFiles = useTelegramFiles(file);
const config = reminderConfigSchema.parse({
  sendingWindows: [{ from: "00:00", to: "24:00" }],
  broadcasts: { approvalThreshold: 2 },
});
const officeBot = () =>
  testBot(undefined, { adminIds: [ADMIN], apiRoot: telegramFiles.apiRoot(), delivery: { config, closures: [] } });
const upload = (user: number, name: string) =>
  documentMessage(user, { file_id: name, file_name: name, file_size: 1000 });

beforeAll(async () => {
  await loadReminderFixture(file("village.csv"));
});
beforeEach(async () => {
  const { bot } = officeBot();
  await bot.handleUpdate(text(ADMIN, `/grant ${OFFICER_X1} commune:X1`));
  await bot.handleUpdate(text(ADMIN, `/grant ${OFFICER_ALL} all`));
});

describe("item 1: import by chat stays within the officer's scope", () => {
  const x1Rows = FIXTURE_ROWS.filter((r) => r.communeCode === "X1");
  const kh05 = FIXTURE_ROWS.find((r) => r.customerCode === "KH05") as Row;

  it("refuses a row that moves another commune's household into the officer's own, naming it", async () => {
    // KH05 lives in X2; the file writes it into X1 with the officer's phone and a new balance.
    const forged: Row = {
      ...kh05,
      communeCode: "X1",
      communeName: "Xã Tân Lập",
      groupCode: "G1",
      groupName: "Tổ Thôn 1",
      groupRole: "Thành viên",
      phones: OFFICER_PHONE,
      outstandingPrincipal: "1000",
      transactionPlace: "Nhà văn hóa xã",
      transactionDay: "20",
    };
    await writeRows(file("forged.csv"), [...x1Rows, forged]);
    const { bot, texts } = officeBot();
    await bot.handleUpdate(upload(OFFICER_X1, "forged.csv"));
    expect(texts().at(-1)).toContain("ngoài phạm vi");
    expect(texts().at(-1)).toContain(`Dòng ${x1Rows.length + 2}`);
    expect(texts().at(-1)).toContain("KH05");
    await bot.handleUpdate(callback(OFFICER_X1, "imp:go"));
    const stored = await HouseholdModel.findById("KH05").lean();
    expect(stored?.communeCode).toBe("X2");
    expect(stored?.phones).not.toContain("+84867207431");
    expect((await LoanModel.findById("KU05").lean())?.outstandingPrincipal).toBe(40_000_000);
  });

  it("applies nothing when the officer was narrowed or revoked between the dry run and the confirmation", async () => {
    await writeRows(
      file("x1.csv"),
      x1Rows.map((r) => ({ ...r, interestDueNext: "123000" })),
    );
    const { bot, texts } = officeBot();
    await bot.handleUpdate(upload(OFFICER_X1, "x1.csv"));
    expect(texts().at(-1)).toContain("Áp dụng tệp này?");
    await bot.handleUpdate(text(ADMIN, `/grant ${OFFICER_X1} commune:X9`));
    await bot.handleUpdate(callback(OFFICER_X1, "imp:go"));
    expect(texts().at(-1)).toContain("ngoài phạm vi");
    expect((await LoanModel.findById("KU02").lean())?.interestDueNext).toBe(220_000);

    await bot.handleUpdate(text(ADMIN, `/grant ${OFFICER_X1} commune:X1`));
    await bot.handleUpdate(upload(OFFICER_X1, "x1.csv"));
    await bot.handleUpdate(text(ADMIN, `/revoke ${OFFICER_X1}`));
    await bot.handleUpdate(callback(OFFICER_X1, "imp:go"));
    expect(texts().at(-1)).toContain("chỉ dành cho cán bộ");
    expect((await LoanModel.findById("KU02").lean())?.interestDueNext).toBe(220_000);
  });
});

describe("item 9: no file sent by chat can take the bot down", () => {
  it("answers a lying zip bomb with a polite refusal and keeps serving", async () => {
    copyFileSync(await lyingXlsxFile(), file("liar.xlsx"));
    const lines: string[] = [];
    const log = createLogger({ write: (line: string) => lines.push(line) });
    const { bot, texts } = testBot(undefined, {
      adminIds: [ADMIN],
      apiRoot: telegramFiles.apiRoot(),
      delivery: { config, closures: [] },
      log,
      // The property is the cap, not its size: a small one is reached sooner.
      importWorkerMemoryMb: SMALL_IMPORT_HEAP_MB,
    });
    await bot.handleUpdate(upload(OFFICER_X1, "liar.xlsx"));
    expect(texts().at(-1)).toContain("không xử lý được tệp này");
    // Refused because its import process reached its memory cap, not for any other failure.
    expect(lines.join("")).toContain('"reason":"memory-cap"');
    await bot.handleUpdate(text(OFFICER_X1, "/find KH02"));
    expect(texts().at(-1)).toContain("KH02");
  }, 120_000);
});

describe("item 2: a broadcast cannot skip its steps or its approval", () => {
  async function draftId(bot: ReturnType<typeof officeBot>["bot"], officer: number) {
    await bot.handleUpdate(text(officer, "/broadcast"));
    await bot.handleUpdate(text(officer, "Họp tổ"));
    return (await BroadcastModel.findOne({ createdBy: officer }).sort({ createdAt: -1 }).lean())?._id as string;
  }

  it("refuses a forged 'send now' before the audience is chosen and counted", async () => {
    const { bot, texts } = officeBot();
    const id = await draftId(bot, OFFICER_X1);
    await bot.handleUpdate(callback(OFFICER_X1, `bc:go:${id}`));
    expect(texts().at(-1)).toContain("không còn chờ");
    expect((await BroadcastModel.findById(id).lean())?.status).toBe("draft");
    expect(await DeliveryModel.countDocuments({ source: `broadcast:${id}` })).toBe(0);
  });

  it("asks for approval from a count made at submit time, and drops a notice whose maker was revoked", async () => {
    const { bot, texts } = officeBot();
    const id = await draftId(bot, OFFICER_X1);
    await bot.handleUpdate(callback(OFFICER_X1, `bc:aud:${id}:all`));
    await bot.handleUpdate(callback(OFFICER_X1, `bc:go:${id}`));
    expect((await BroadcastModel.findById(id).lean())?.status).toBe("awaiting-approval");
    await bot.handleUpdate(text(ADMIN, `/revoke ${OFFICER_X1}`));
    await bot.handleUpdate(callback(OFFICER_ALL, `bc:ok:${id}`));
    expect(texts().at(-1)).toContain("không còn là cán bộ");
    expect((await BroadcastModel.findById(id).lean())?.status).toBe("cancelled");
    expect(await DeliveryModel.countDocuments({ source: `broadcast:${id}` })).toBe(0);
    const refused = await AuditLogModel.findOne({ action: "broadcast-decision-refused" }).sort({ at: -1 }).lean();
    expect(refused?.details).toMatchObject({ broadcast: id, reason: "maker-revoked" });
  });

  it("sends within the maker's scope as it is when approved, not as saved in the draft", async () => {
    const { bot } = officeBot();
    const id = await draftId(bot, OFFICER_ALL);
    await bot.handleUpdate(callback(OFFICER_ALL, `bc:aud:${id}:all`));
    await bot.handleUpdate(callback(OFFICER_ALL, `bc:go:${id}`));
    expect((await BroadcastModel.findById(id).lean())?.status).toBe("awaiting-approval");
    // The maker is narrowed to commune X2 before the approval.
    await bot.handleUpdate(text(ADMIN, `/grant ${OFFICER_ALL} commune:X2`));
    await bot.handleUpdate(callback(ADMIN, `bc:ok:${id}`));
    const chats = (await DeliveryModel.find({ source: `broadcast:${id}` }, { chatId: 1 }).lean()).map((d) => d.chatId);
    expect(chats).toEqual([CHAT.KH05]);
  });
});

describe("item 3: the audit log says what was looked up and what was refused", () => {
  it("records the customer code /find looked up, found or not, and a refused approval", async () => {
    const { bot } = officeBot();
    await bot.handleUpdate(text(OFFICER_X1, "/find KH02"));
    await bot.handleUpdate(text(OFFICER_X1, "/find KH05"));
    const finds = await AuditLogModel.find({ action: "find" }).sort({ at: -1 }).limit(2).lean();
    expect(finds.map((f) => f.details?.code).sort()).toEqual(["KH02", "KH05"]);
    await bot.handleUpdate(text(OFFICER_X1, "/approve nosuchid"));
    const refused = await AuditLogModel.findOne({ action: "broadcast-decision-refused" }).sort({ at: -1 }).lean();
    expect(refused?.details).toMatchObject({ broadcast: "nosuchid", reason: "not-awaiting" });
  });
});
