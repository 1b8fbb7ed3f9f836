import { findByIds } from "./byIds.js";
import { BorrowerAccountModel, HouseholdModel, LinkLockoutModel, TelegramAccountModel } from "./models/index.js";

/** Borrower accounts (a household's links to Telegram, its settings) and the Telegram → household index. */

export interface TelegramLink {
  telegramUserId: number;
  linkedAt: Date;
  via: "contact" | "national-id";
}
export type ReminderSetting = "interest" | "principal" | "overdue";

/** What linking checks a second factor against, and where a lock-out is reported. */
export async function linkCandidate(customerCode: string) {
  const household = await HouseholdModel.findById(customerCode, {
    phones: 1,
    nationalIdLast4: 1,
    communeCode: 1,
    officeCode: 1,
    groupCode: 1,
  }).lean();
  if (!household) return null;
  return {
    phones: household.phones,
    nationalIdLast4: household.nationalIdLast4 ?? null,
    communeCode: household.communeCode,
    officeCode: household.officeCode,
    groupCode: household.groupCode,
  };
}

export async function recordLinkLockout(entry: {
  accountHash: string;
  codeHash: string;
  customerCode: string | null;
  communeCode: string | null;
  officeCode: string | null;
  groupCode: string | null;
  reason: "account-hourly" | "code-daily";
  at: Date;
}): Promise<void> {
  await LinkLockoutModel.create(entry);
}

/** Adds a link to the household's account (creating it); returns the links it had before, and its language. */
export async function addTelegramLink(
  customerCode: string,
  link: TelegramLink,
): Promise<{ linkedBefore: number[]; language: string | null }> {
  const account = await BorrowerAccountModel.findById(customerCode, { telegramLinks: 1, language: 1 }).lean();
  const linkedBefore = (account?.telegramLinks ?? []).map((l) => l.telegramUserId);
  if (!account) {
    await BorrowerAccountModel.create({ _id: customerCode, telegramLinks: [link] });
  } else if (!linkedBefore.includes(link.telegramUserId)) {
    await BorrowerAccountModel.updateOne({ _id: customerCode }, { $push: { telegramLinks: link } });
  }
  return { linkedBefore, language: account?.language ?? null };
}

export async function telegramLinksOf(customerCode: string): Promise<TelegramLink[] | null> {
  const account = await BorrowerAccountModel.findById(customerCode, { telegramLinks: 1 }).lean();
  return account ? (account.telegramLinks as TelegramLink[]) : null;
}

/** The index entry Telegram user → household (`telegram_accounts`, keyed by `_id` so the lookup is by key). */
export async function indexedCustomerCode(telegramUserId: number): Promise<string | null> {
  const entry = await TelegramAccountModel.findById(String(telegramUserId)).lean();
  return entry?.customerCode ?? null;
}

export async function setIndexedCustomerCode(telegramUserId: number, customerCode: string): Promise<void> {
  await TelegramAccountModel.updateOne({ _id: String(telegramUserId) }, { $set: { customerCode } }, { upsert: true });
}

export async function deleteIndexedCustomerCode(telegramUserId: number): Promise<void> {
  await TelegramAccountModel.deleteOne({ _id: String(telegramUserId) });
}

/**
 * Households whose account holds a link of this Telegram user: the record behind the index. Served
 * by the `telegramLinks.telegramUserId` index on MongoDB; a full read on FerretDB, which is why it is
 * used only when the index has no entry and on unlinking.
 */
export async function accountsLinkedTo(telegramUserId: number) {
  const accounts = await BorrowerAccountModel.find(
    { "telegramLinks.telegramUserId": telegramUserId },
    { telegramLinks: 1 },
  ).lean();
  return accounts.map((a) => ({ customerCode: String(a._id), telegramLinks: a.telegramLinks as TelegramLink[] }));
}

/**
 * Replaces the account's links. Read-filter-set rather than `$pull` with a condition, because
 * FerretDB v1 treats such a `$pull` as an exact match and removes nothing.
 */
export async function setTelegramLinks(customerCode: string, links: TelegramLink[]): Promise<void> {
  await BorrowerAccountModel.updateOne({ _id: customerCode }, { $set: { telegramLinks: links } });
}

/** Which reminders the household receives (a kind not switched off is on). */
export async function reminderSettings(customerCode: string): Promise<Record<ReminderSetting, boolean>> {
  const account = await BorrowerAccountModel.findById(customerCode, { reminders: 1 }).lean();
  const r = account?.reminders;
  return { interest: r?.interest !== false, principal: r?.principal !== false, overdue: r?.overdue !== false };
}

export async function setReminderSetting(customerCode: string, kind: ReminderSetting, on: boolean): Promise<void> {
  await BorrowerAccountModel.updateOne({ _id: customerCode }, { $set: { [`reminders.${kind}`]: on } });
}

/** The language the household chose for the bot's messages ("vi" unless it chose another). */
export async function accountLanguage(customerCode: string): Promise<"vi" | "en"> {
  const account = await BorrowerAccountModel.findById(customerCode, { language: 1 }).lean();
  return account?.language === "en" ? "en" : "vi";
}

export async function setAccountLanguage(customerCode: string, language: string): Promise<void> {
  await BorrowerAccountModel.updateOne({ _id: customerCode }, { $set: { language } });
}

/** The Telegram users linked to each of these households (only households with an account appear). */
export async function telegramLinksOfMany(customerCodes: readonly string[]): Promise<Map<string, number[]>> {
  const accounts = await findByIds<{ _id: string; telegramLinks: TelegramLink[] }>(
    BorrowerAccountModel,
    customerCodes,
    { telegramLinks: 1 },
  );
  return new Map(accounts.map((a) => [String(a._id), a.telegramLinks.map((l) => l.telegramUserId)]));
}
