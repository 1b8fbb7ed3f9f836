import type { PhoneChannel } from "../domain/channels.js";
import { findByIds } from "./byIds.js";
import { isDuplicateKey } from "./errors.js";
import {
  ChannelFailureModel,
  ChannelTokenModel,
  ContactOptOutModel,
  DeliveryOutcomeModel,
  DeliveryReceiptModel,
} from "./models/index.js";

/** What SMS and Zalo sending reads and writes besides the outbox: refusals, failures, receipts, tokens. */

const ignoreDuplicate = (error: unknown) => {
  if (!isDuplicateKey(error)) throw error;
};

/** Records that a household wants no SMS or Zalo messages (again: nothing changes). */
export async function optOut(householdCode: string, by: "borrower" | "officer"): Promise<void> {
  await ContactOptOutModel.create({ _id: householdCode, by, at: new Date() }).catch(ignoreDuplicate);
}

/** The household takes SMS and Zalo messages again. Returns whether it had opted out. */
export async function optIn(householdCode: string): Promise<boolean> {
  return (await ContactOptOutModel.deleteOne({ _id: householdCode })).deletedCount > 0;
}

export async function isOptedOut(householdCode: string): Promise<boolean> {
  return (await ContactOptOutModel.exists({ _id: householdCode })) !== null;
}

/** Which of these households opted out (by `_id`: one `$in`, or one read on FerretDB: see findByIds). */
export async function optedOutAmong(householdCodes: readonly string[]): Promise<Set<string>> {
  if (householdCodes.length === 0) return new Set();
  const found = await findByIds<{ _id: string }>(ContactOptOutModel, [...new Set(householdCodes)], { _id: 1 });
  return new Set(found.map((o) => String(o._id)));
}

/** Every opt-out, for planning (a whole-book read). */
export async function allOptOuts(): Promise<Set<string>> {
  return new Set((await ContactOptOutModel.find({}, { _id: 1 }).lean()).map((o) => String(o._id)));
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
}

/** Stores a receipt once (a repeated one changes nothing). */
export async function saveReceipt(receipt: Receipt, target: ReceiptTarget | null, at = new Date()): Promise<void> {
  await DeliveryReceiptModel.create({
    _id: `${receipt.channel}:${receipt.providerMessageId}`,
    ...receipt,
    deliveryId: target?.deliveryId ?? null,
    communeCode: target?.communeCode ?? null,
    planDate: target?.planDate ?? null,
    at,
  }).catch(ignoreDuplicate);
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

export async function loadTokens(channel: PhoneChannel): Promise<StoredTokens | null> {
  const found = await ChannelTokenModel.findById(channel).lean();
  return found
    ? { accessToken: found.accessToken, refreshToken: found.refreshToken, expiresAt: found.expiresAt }
    : null;
}

export async function saveTokens(channel: PhoneChannel, tokens: StoredTokens): Promise<void> {
  await ChannelTokenModel.updateOne({ _id: channel }, { $set: { ...tokens, updatedAt: new Date() } }, { upsert: true });
}
