import { Api } from "grammy";
import mongoose from "mongoose";
import { wholeRead } from "../../src/data/commandLog.js";
import { BorrowerAccountModel } from "../../src/data/models/index.js";
import { Dispatcher } from "../../src/delivery/dispatcher.js";
import { createI18n } from "../../src/i18n.js";
import { importFile } from "../../src/import/run.js";
import { logger } from "../../src/logger.js";
import { reminderConfigSchema } from "../../src/reminders/config.js";
import { planReminders } from "../../src/reminders/planner.js";
import { WORKING_DAY_10AM } from "./clock.js";
import { type Row, writeRows } from "./files.js";
import { TEST_ID_SECRET } from "./secrets.js";

/**
 * A small, hand-made village for the reminder tests: commune X1 (transaction day 20, "Nhà văn hóa
 * xã"), group G1 headed by KH01 with members KH02 (interest and an installment), KH03 (overdue since
 * 2026-12-10), KH04 (never linked), and group G2 headed by KH05 in another commune.
 */
const commune = {
  officeCode: "PGD1",
  officeName: "PGD Tân Lập",
  communeCode: "X1",
  communeName: "Xã Tân Lập",
  transactionPlace: "Nhà văn hóa xã",
  transactionDay: "20",
  transactionHours: "07:30-11:00",
  village: "Thôn 1",
  organisation: "Hội Phụ nữ",
};

function row(over: Partial<Row> & Pick<Row, "customerCode" | "fullName" | "loanNumber">): Row {
  return {
    ...commune,
    groupCode: "G1",
    groupName: "Tổ Thôn 1",
    phones: "",
    nationalId: "",
    groupRole: "Thành viên",
    phoneShareable: "Không",
    savingsBalance: "0",
    programmeCode: "HN",
    disbursedAmount: "50000000",
    disbursedOn: "01/01/2026",
    maturityOn: "01/01/2030",
    annualRate: "6,24",
    outstandingPrincipal: "40000000",
    overduePrincipal: "0",
    overdueSince: "",
    frozenAmount: "0",
    unpaidInterest: "0",
    interestDueNext: "0",
    nextInstallmentOn: "",
    nextInstallmentAmount: "",
    ...over,
  } as Row;
}

export const FIXTURE_ROWS: Row[] = [
  row({
    customerCode: "KH01",
    fullName: "Nguyễn Thị Hoa",
    loanNumber: "KU01",
    groupRole: "Tổ trưởng",
    nationalId: "001234567890",
    interestDueNext: "110000",
  }),
  row({
    customerCode: "KH02",
    fullName: "Trần Văn Bình",
    loanNumber: "KU02",
    interestDueNext: "220000",
    nextInstallmentOn: "20/12/2026",
    nextInstallmentAmount: "5000000",
  }),
  row({
    customerCode: "KH03",
    fullName: "Lê Văn Cường",
    loanNumber: "KU03",
    interestDueNext: "55000",
    overduePrincipal: "3000000",
    overdueSince: "10/12/2026",
  }),
  row({ customerCode: "KH04", fullName: "Phạm Thị Dung", loanNumber: "KU04", interestDueNext: "66000" }),
  row({
    customerCode: "KH05",
    fullName: "Hoàng Văn Em",
    loanNumber: "KU05",
    groupCode: "G2",
    groupName: "Tổ Thôn 2",
    communeCode: "X2",
    communeName: "Xã Bình An",
    transactionPlace: "UBND xã Bình An",
    transactionDay: "5",
    groupRole: "Tổ trưởng",
    interestDueNext: "99000",
  }),
];

/** Telegram user (= private chat) ids of the linked households. */
export const CHAT = { KH01: 101, KH02: 102, KH03: 103, KH05: 105 } as const;

/** What the village import wrote, by collection: a test file that loads it again restores this. */
let snapshot: Map<string, Record<string, unknown>[]> | null = null;

/**
 * Imports the village (or these rows, a variant of it) and links the households in CHAT. Loaded again
 * into an emptied database in the same file, the village is restored from what its first import
 * wrote (the same documents, without running the import again: it is the slow part of a test).
 */
export async function loadReminderFixture(path: string, rows: Row[] = FIXTURE_ROWS): Promise<void> {
  const db = mongoose.connection.db as NonNullable<typeof mongoose.connection.db>;
  const isVillage = rows === FIXTURE_ROWS;
  if (isVillage && snapshot && (await BorrowerAccountModel.estimatedDocumentCount()) === 0) {
    for (const [name, docs] of snapshot) await db.collection(name).insertMany(docs.map((d) => ({ ...d })));
    return;
  }
  await importVillage(path, rows);
  if (!isVillage) return;
  snapshot = new Map();
  for (const { name } of await db.listCollections({}, { nameOnly: true }).toArray()) {
    const docs = await db
      .collection(name)
      .find({}, { comment: wholeRead("test fixture snapshot") })
      .toArray();
    if (docs.length > 0) snapshot.set(name, docs);
  }
}

async function importVillage(path: string, rows: Row[]): Promise<void> {
  const report = await importFile(await writeRows(path, rows), {
    actor: { kind: "cli", id: "test" },
    idHashSecret: TEST_ID_SECRET,
    // The import's overdue snapshot is of the bots' week, not of the week the suite happens to run in.
    now: new Date(WORKING_DAY_10AM),
  });
  if (report.outcome !== "applied") throw new Error(`fixture import ${report.outcome}`);
  await BorrowerAccountModel.insertMany(
    Object.entries(CHAT).map(([code, chatId]) => ({
      _id: code,
      telegramLinks: [{ telegramUserId: chatId, linkedAt: new Date(), via: "contact" }],
    })),
  );
}

export const fixtureI18n = createI18n();

/** Reminder settings that send at any hour, with short leases and retries, for tests. */
export const ALL_DAY = reminderConfigSchema.parse({
  sendingWindows: [{ from: "00:00", to: "24:00" }],
  dispatch: { leaseSeconds: 5, retryBaseSeconds: 0.05 },
});

/** Plans `date` as the 06:00 job would (no holidays), with ALL_DAY settings unless overridden. */
export const planDay = (date: string, over: Partial<Parameters<typeof planReminders>[1]> = {}) =>
  planReminders(date, {
    config: ALL_DAY,
    closures: [],
    i18n: fixtureI18n,
    now: new Date(`${date}T00:30:00Z`),
    ...over,
  });

/** A dispatcher with ALL_DAY settings sending to a stand-in Bot API. */
export const fixtureDispatcher = (apiRoot: string, over: Partial<ConstructorParameters<typeof Dispatcher>[0]> = {}) =>
  new Dispatcher({ api: new Api("1:test", { apiRoot }), config: ALL_DAY, closures: [], log: logger, ...over });
