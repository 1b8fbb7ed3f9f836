import {
  BorrowerAccountModel,
  HouseholdModel,
  LinkAttemptModel,
  LinkLockoutModel,
  TelegramAccountModel,
} from "../db/models/index.js";
import { LINK_LIMITS, normalizeCustomerCode, type SecondFactor, verifySecondFactor } from "../domain/linking.js";

const HOUR_MS = 3_600_000;

export type LinkOutcome = { ok: true; customerCode: string } | { ok: false; lockedOut: boolean };

/** Which limit, if any, stops this Telegram account (or this code) from trying again now. */
export async function lockoutReason(
  telegramUserId: number,
  customerCode: string | null,
  now: Date,
): Promise<"account-hourly" | "code-daily" | null> {
  const accountFailures = await LinkAttemptModel.countDocuments({
    telegramUserId,
    ok: false,
    at: { $gte: new Date(now.getTime() - HOUR_MS) },
  });
  if (accountFailures >= LINK_LIMITS.perAccountPerHour) return "account-hourly";
  if (customerCode) {
    const codeFailures = await LinkAttemptModel.countDocuments({
      customerCode,
      ok: false,
      at: { $gte: new Date(now.getTime() - 24 * HOUR_MS) },
    });
    if (codeFailures >= LINK_LIMITS.perCodePerDay) return "code-daily";
  }
  return null;
}

/**
 * Tries to link `telegramUserId` to the household with `typedCode`. Every failure looks the same to
 * the caller (no hint whether the code exists); the fifth failure in the window locks the account or
 * code out and is recorded for officers.
 */
export async function attemptLink(
  telegramUserId: number,
  typedCode: string,
  factor: SecondFactor,
  now = new Date(),
): Promise<LinkOutcome> {
  const customerCode = normalizeCustomerCode(typedCode);
  if (await lockoutReason(telegramUserId, customerCode, now)) return { ok: false, lockedOut: true };

  const household = await HouseholdModel.findById(customerCode, { phones: 1, nationalIdLast4: 1 }).lean();
  const candidate = household ? { phones: household.phones, nationalIdLast4: household.nationalIdLast4 ?? null } : null;
  const ok = verifySecondFactor(candidate, factor);
  await LinkAttemptModel.create({ telegramUserId, customerCode, at: now, ok });
  if (!ok) {
    const reason = await lockoutReason(telegramUserId, customerCode, now);
    if (reason) await LinkLockoutModel.create({ telegramUserId, customerCode, reason, at: now });
    return { ok: false, lockedOut: reason !== null };
  }

  // One household per Telegram account: a new link replaces an older one elsewhere.
  await removeLinks(telegramUserId, customerCode);
  const account = await BorrowerAccountModel.findById(customerCode);
  const link = { telegramUserId, linkedAt: now, via: factor.kind === "contact" ? "contact" : "national-id" };
  if (!account) {
    await BorrowerAccountModel.create({ _id: customerCode, telegramLinks: [link] });
  } else if (!account.telegramLinks.some((l) => l.telegramUserId === telegramUserId)) {
    await BorrowerAccountModel.updateOne({ _id: customerCode }, { $push: { telegramLinks: link } });
  }
  await indexLink(telegramUserId, customerCode);
  return { ok: true, customerCode };
}

async function indexLink(telegramUserId: number, customerCode: string): Promise<void> {
  await TelegramAccountModel.updateOne({ _id: String(telegramUserId) }, { $set: { customerCode } }, { upsert: true });
}

/** The household this Telegram account is linked to, or null. */
export async function linkedCustomerCode(telegramUserId: number): Promise<string | null> {
  const entry = await TelegramAccountModel.findById(String(telegramUserId)).lean();
  if (entry) {
    const account = await BorrowerAccountModel.findById(entry.customerCode, { telegramLinks: 1 }).lean();
    const linked = account?.telegramLinks.some((l) => l.telegramUserId === telegramUserId) ?? false;
    return linked ? entry.customerCode : null;
  }
  // No entry: never linked, or linked before the index existed or by a process that died before
  // writing it. The account is the record, so look there and mend the index.
  const account = await BorrowerAccountModel.findOne(
    { "telegramLinks.telegramUserId": telegramUserId },
    { _id: 1 },
  ).lean();
  if (!account) return null;
  await indexLink(telegramUserId, String(account._id));
  return String(account._id);
}

/**
 * Removes the account's links (except on `keep`). Written as read-filter-set because FerretDB v1
 * treats `$pull` with a condition as an exact match and would remove nothing.
 */
async function removeLinks(telegramUserId: number, keep?: string): Promise<number> {
  const accounts = await BorrowerAccountModel.find(
    { "telegramLinks.telegramUserId": telegramUserId },
    { telegramLinks: 1 },
  ).lean();
  let removed = 0;
  for (const account of accounts) {
    if (account._id === keep) continue;
    const remaining = account.telegramLinks.filter((l) => l.telegramUserId !== telegramUserId);
    await BorrowerAccountModel.updateOne({ _id: account._id }, { $set: { telegramLinks: remaining } });
    removed++;
  }
  return removed;
}

export async function unlink(telegramUserId: number): Promise<boolean> {
  const removed = await removeLinks(telegramUserId);
  await TelegramAccountModel.deleteOne({ _id: String(telegramUserId) });
  return removed > 0;
}
