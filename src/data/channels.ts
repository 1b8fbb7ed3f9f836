import type { PhoneChannel, PhoneRecipientFacts } from "../domain/channels.js";
import { findByIds } from "./byIds.js";
import { isDuplicateKey } from "./errors.js";
import {
  BorrowerAccountModel,
  ChannelFailureModel,
  ChannelStatusModel,
  ChannelTokenModel,
  ContactOptOutModel,
  DeliveryOutcomeModel,
  DeliveryReceiptModel,
  HouseholdModel,
  LegacyChannelTokenModel,
} from "./models/index.js";

/** What SMS and Zalo sending reads and writes besides the outbox: refusals, failures, receipts, tokens. */

const ignoreDuplicate = (error: unknown) => {
  if (!isDuplicateKey(error)) throw error;
};

export type OptOutBy = "borrower" | "officer";

const householdOptOutIds = (code: string) => [`hh:${code}:borrower`, `hh:${code}:officer`, code];
const numberOptOutId = (phone: string) => `tel:${phone}`;
/** The household an opt-out `_id` is about, or null for a number's. */
const householdOfOptOut = (id: string): string | null =>
  id.startsWith("tel:") ? null : id.startsWith("hh:") ? id.slice(3, id.lastIndexOf(":")) : id;

/** Records that a household wants no SMS or Zalo messages, as `by` says (again: nothing changes). */
export async function optOut(householdCode: string, by: OptOutBy): Promise<void> {
  await ContactOptOutModel.create({ _id: `hh:${householdCode}:${by}`, by, at: new Date() }).catch(ignoreDuplicate);
}

/**
 * Removes `by`'s refusal of a household (the other's stays: a borrower cannot undo an officer's
 * record, nor an officer the borrower's own choice). Returns whether there was one.
 */
export async function optIn(householdCode: string, by: OptOutBy): Promise<boolean> {
  const own = await ContactOptOutModel.deleteOne({ _id: `hh:${householdCode}:${by}` });
  const legacy = await ContactOptOutModel.deleteOne({ _id: householdCode, by });
  return own.deletedCount + legacy.deletedCount > 0;
}

/** Who refused SMS and Zalo for a household now. */
export async function optOutsOf(householdCode: string): Promise<Set<OptOutBy>> {
  const found = await findByIds<{ _id: string; by: OptOutBy }>(ContactOptOutModel, householdOptOutIds(householdCode), {
    by: 1,
  });
  return new Set(found.map((o) => o.by));
}

export async function isOptedOut(householdCode: string): Promise<boolean> {
  return (await optOutsOf(householdCode)).size > 0;
}

/** The owner of a number answered STOP: nothing more goes to that number, whoever's it is. */
export async function optOutNumber(phone: string): Promise<void> {
  await ContactOptOutModel.create({ _id: numberOptOutId(phone), by: "sms-stop", at: new Date() }).catch(
    ignoreDuplicate,
  );
}

/** Which of these households opted out (by `_id`: one `$in`, or one read on FerretDB: see findByIds). */
export async function optedOutAmong(householdCodes: readonly string[]): Promise<Set<string>> {
  if (householdCodes.length === 0) return new Set();
  const ids = [...new Set(householdCodes)].flatMap(householdOptOutIds);
  const found = await findByIds<{ _id: string }>(ContactOptOutModel, ids, { _id: 1 });
  return new Set(found.flatMap((o) => householdOfOptOut(String(o._id)) ?? []));
}

/** Every household that opted out, for planning (a whole-book read). */
export async function allOptOuts(): Promise<Set<string>> {
  const all = await ContactOptOutModel.find({}, { _id: 1 }).lean();
  return new Set(all.flatMap((o) => householdOfOptOut(String(o._id)) ?? []));
}

/**
 * What decides, just before a message to a household's phone goes, whether and where it goes: its
 * phones now, its refusals and those of the numbers, the reminder kinds it turned off. Reads by `_id`.
 */
export async function phoneRecipientFacts(
  householdCode: string,
  plannedAddress: string | null,
): Promise<PhoneRecipientFacts> {
  const [household, account] = await Promise.all([
    HouseholdModel.findById(householdCode, { phones: 1 }).lean(),
    BorrowerAccountModel.findById(householdCode, { reminders: 1 }).lean(),
  ]);
  const phones = household?.phones ?? [];
  const numbers = [...new Set([...phones, ...(plannedAddress ? [plannedAddress] : [])])];
  const refusals = await findByIds<{ _id: string }>(
    ContactOptOutModel,
    [...householdOptOutIds(householdCode), ...numbers.map(numberOptOutId)],
    { _id: 1 },
  );
  const ids = new Set(refusals.map((r) => String(r._id)));
  const reminders = (account?.reminders ?? {}) as Record<string, boolean | undefined>;
  return {
    phones,
    householdOptedOut: householdOptOutIds(householdCode).some((id) => ids.has(id)),
    numbersOptedOut: new Set(numbers.filter((n) => ids.has(numberOptOutId(n)))),
    mutedKinds: new Set(Object.keys(reminders).filter((kind) => reminders[kind] === false)),
  };
}

/** A phone channel failed for good for a household; the first reason is kept. */
export async function markChannelFailure(channel: PhoneChannel, householdCode: string, reason: string): Promise<void> {
  await ChannelFailureModel.create({
    _id: `${channel}:${householdCode}`,
    channel,
    householdCode,
    reason,
    since: new Date(),
  }).catch(ignoreDuplicate);
}

/** Every household's failed phone channels, for planning. */
export async function allChannelFailures(): Promise<Map<string, Set<PhoneChannel>>> {
  const failures = new Map<string, Set<PhoneChannel>>();
  for (const f of await ChannelFailureModel.find({}, { channel: 1, householdCode: 1 }).lean()) {
    const set = failures.get(f.householdCode) ?? new Set<PhoneChannel>();
    set.add(f.channel as PhoneChannel);
    failures.set(f.householdCode, set);
  }
  return failures;
}

export interface ReceiptTarget {
  deliveryId: string;
  communeCode: string | null;
  planDate: string;
}

/**
 * The sent delivery a provider's message id belongs to, for a receipt that arrives after the
 * dispatcher that sent it has forgotten it (a restart). Index `providerMessageId` on MongoDB; a full
 * read on FerretDB, which a receipt for a message of an earlier run makes rare.
 */
export async function deliveryByProviderId(providerMessageId: string): Promise<ReceiptTarget | null> {
  const found = await DeliveryOutcomeModel.findOne(
    { providerMessageId },
    { deliveryId: 1, communeCode: 1, planDate: 1 },
  ).lean();
  return found
    ? { deliveryId: found.deliveryId, communeCode: found.communeCode ?? null, planDate: found.planDate }
    : null;
}

export interface Receipt {
  channel: PhoneChannel;
  providerMessageId: string;
  status: "delivered" | "undelivered";
  detail: string | null;
  /** The provider's last word on the message (delivered, undeliverable, expired…), not a step on the way. */
  final: boolean;
}

/**
 * Stores a message's receipt. A step on the way (accepted, en route) is kept only while nothing else
 * is; a final state replaces what is there, so a later final word wins over an earlier one (the first
 * receipt to arrive is not always the last the provider sends).
 */
export async function saveReceipt(receipt: Receipt, target: ReceiptTarget, at = new Date()): Promise<void> {
  const doc = { ...receipt, ...target, at };
  const _id = `${receipt.channel}:${receipt.providerMessageId}`;
  if (receipt.final) await DeliveryReceiptModel.updateOne({ _id }, { $set: doc }, { upsert: true });
  else await DeliveryReceiptModel.create({ _id, ...doc }).catch(ignoreDuplicate);
}

/** Receipts of the deliveries with these ids (tests, /find). */
export async function receiptsFor(deliveryIds: readonly string[]) {
  return DeliveryReceiptModel.find({ deliveryId: { $in: [...deliveryIds] } }, { _id: 0 }).lean();
}

export interface StoredTokens {
  accessToken: string;
  refreshToken: string;
  expiresAt: Date;
}

/**
 * The Zalo OA's tokens, kept once per app in the home database: branches that share an OA share its
 * refresh token, which works once. Before they were keyed by app, a single branch kept them under
 * "zns" in its own database; that record is read until the first refresh writes the new one.
 */
export async function loadTokens(appId: string): Promise<StoredTokens | null> {
  const found =
    (await ChannelTokenModel.findById(`zns:${appId}`).lean()) ?? (await LegacyChannelTokenModel.findById("zns").lean());
  return found
    ? { accessToken: found.accessToken, refreshToken: found.refreshToken, expiresAt: found.expiresAt }
    : null;
}

export async function saveTokens(appId: string, tokens: StoredTokens): Promise<void> {
  await ChannelTokenModel.updateOne(
    { _id: `zns:${appId}` },
    { $set: { ...tokens, updatedAt: new Date() } },
    { upsert: true },
  );
}

/**
 * Marks a channel down since `at`, unless it is down already. Returns true when this call is the one
 * that marked it (so that only one process tells the admins). One conditional write by `_id`.
 */
export async function markChannelDown(channel: PhoneChannel, reason: string, at: Date): Promise<boolean> {
  const existing = await ChannelStatusModel.findById(channel).lean();
  if (existing?.downSince) return false;
  if (!existing) {
    try {
      await ChannelStatusModel.create({ _id: channel, downSince: at, reason });
      return true;
    } catch (error) {
      ignoreDuplicate(error);
      return false;
    }
  }
  const result = await ChannelStatusModel.updateOne(
    { _id: channel, downSince: null },
    { $set: { downSince: at, reason } },
  );
  return result.modifiedCount === 1;
}

/** Marks a channel working again; returns since when it had been down (null: it was not). */
export async function markChannelUp(channel: PhoneChannel): Promise<Date | null> {
  const existing = await ChannelStatusModel.findById(channel).lean();
  if (!existing?.downSince) return null;
  const result = await ChannelStatusModel.updateOne(
    { _id: channel, downSince: existing.downSince },
    { $set: { downSince: null, reason: null } },
  );
  return result.modifiedCount === 1 ? existing.downSince : null;
}
