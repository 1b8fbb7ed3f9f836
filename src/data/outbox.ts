import type { DeliveryMedia } from "../delivery/send.js";
import type { Channel } from "../domain/channels.js";
import type { LocalDate } from "../domain/dates.js";
import type { DeliveryKind } from "../domain/delivery.js";
import type { Locale } from "../i18n.js";
import { findByIds } from "./byIds.js";
import { isDuplicateKey } from "./errors.js";
import type { Delivery, Outcome } from "./models/delivery.js";
import {
  DeliveryBatchItemsModel,
  DeliveryBatchModel,
  DeliveryModel,
  DeliveryOutcomeModel,
  PlanRunModel,
} from "./models/index.js";

export interface DeliveryButton {
  text: string;
  /** Callback data. */
  data: string;
}

export interface NewDelivery {
  /** The delivery key (domain/delivery.ts deliveryKey): unique per recipient, kind, subject, date. */
  _id: string;
  kind: DeliveryKind;
  eventDate: LocalDate;
  expiresOn: LocalDate;
  /** The Telegram chat; null for SMS and Zalo, which go to `address`. */
  chatId: number | null;
  /** Default "telegram". */
  channel?: Channel;
  /** The phone ("+84…") for SMS and Zalo. */
  address?: string | null;
  templateData?: Record<string, string> | null;
  /** SMS segments (default 1). */
  segments?: number;
  householdCode: string | null;
  groupCode: string | null;
  communeCode: string | null;
  text: string;
  /** The recipient's language (default Vietnamese). */
  language?: Locale;
  media?: DeliveryMedia | null;
  /** Inline buttons (Telegram), one per row. */
  buttons?: DeliveryButton[];
}

/** New deliveries as stored in a batch (no media unless given). */
function asStored(
  deliveries: readonly NewDelivery[],
  batch: { batchId: string; source: string; planDate: LocalDate; createdAt: Date },
) {
  return deliveries.map((d) => ({ media: null, channel: "telegram" as Channel, ...d, ...batch }));
}

export interface EnqueueResult {
  inserted: number;
  alreadyPlanned: number;
  batches: number;
}

/**
 * Writes deliveries to the outbox in batches. Idempotent: a delivery whose key is already there is
 * left alone (the unique `_id` decides, so two planners at once cannot both insert it). Batches are
 * created as "planning" and become "pending" only once their deliveries are in, so a dispatcher
 * never takes a batch that is still being written; `releasePlanningBatches` recovers a planner that
 * died in between.
 */
export async function enqueueDeliveries(
  source: string,
  planDate: LocalDate,
  deliveries: readonly NewDelivery[],
  options: { batchSize: number; notBefore: Date; now?: Date },
): Promise<EnqueueResult> {
  const now = options.now ?? new Date();
  const stored = await DeliveryModel.find({ planDate, source }, { _id: 1, householdCode: 1, channel: 1 }).lean();
  const existing = new Set(stored.map((d) => String(d._id)));
  const channelOf = new Map(stored.map((d) => [messageIdentity(d), d.channel ?? "telegram"]));
  // A message already planned by one channel is not planned again by another (a household that
  // linked Telegram, or whose SMS failed, since the last run): never twice for the same reminder.
  const fresh = deliveries.filter((d) => {
    if (existing.has(d._id)) return false;
    const planned = channelOf.get(messageIdentity(d));
    return planned === undefined || planned === (d.channel ?? "telegram");
  });
  let inserted = 0;
  let batches = 0;
  const stamp = `${now.getTime().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const chunks = [...byChannel(fresh)].flatMap(([channel, list]) => {
    const sized: { channel: Channel; chunk: NewDelivery[] }[] = [];
    for (let start = 0; start < list.length; start += options.batchSize) {
      sized.push({ channel, chunk: list.slice(start, start + options.batchSize) });
    }
    return sized;
  });
  for (const { channel, chunk } of chunks) {
    const batchId = `${source}:${planDate}:${stamp}:${batches}`;
    await DeliveryBatchModel.create({
      _id: batchId,
      source,
      planDate,
      channel,
      size: chunk.length,
      status: "planning",
      notBefore: options.notBefore,
      createdAt: now,
    });
    let docs = asStored(chunk, { batchId, source, planDate, createdAt: now });
    try {
      const result = await DeliveryModel.insertMany(docs, { ordered: false, rawResult: true, lean: true });
      inserted += result.insertedCount;
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      // Another planner wrote some of these first: they belong to its batch, not this one.
      const mine = new Set(((error as { insertedDocs?: { _id: string }[] }).insertedDocs ?? []).map((d) => d._id));
      docs = docs.filter((d) => mine.has(d._id));
      inserted += docs.length;
    }
    await DeliveryBatchItemsModel.create({ _id: batchId, items: docs });
    await DeliveryBatchModel.updateOne({ _id: batchId }, { $set: { status: "pending", size: docs.length } });
    batches++;
  }
  return { inserted, alreadyPlanned: deliveries.length - inserted, batches };
}

/**
 * What a delivery says, whoever it goes to: its household with its key past the recipient (kind,
 * subject, event date). Deliveries with no household (officer summaries) have their own key.
 */
function messageIdentity(d: { _id: unknown; householdCode?: string | null }): string {
  const key = String(d._id);
  return d.householdCode ? `${d.householdCode}|${key.slice(key.indexOf("|") + 1)}` : key;
}

/** Deliveries grouped by channel, in their order: each batch goes by one channel. */
function byChannel(deliveries: readonly NewDelivery[]): Map<Channel, NewDelivery[]> {
  const groups = new Map<Channel, NewDelivery[]>();
  for (const d of deliveries) {
    const channel = d.channel ?? "telegram";
    const list = groups.get(channel);
    if (list) list.push(d);
    else groups.set(channel, [d]);
  }
  return groups;
}

/**
 * Writes one batch whose id the caller derives from what it is about, so that writing it again
 * (a crash between the writes, or a second writer) changes nothing: every insert ignores a duplicate
 * key, and the batch record, which makes it visible to dispatchers, is written last.
 */
export async function enqueueFixedBatch(
  batchId: string,
  source: string,
  planDate: LocalDate,
  deliveries: readonly NewDelivery[],
  options: { notBefore: Date; now?: Date },
): Promise<void> {
  const now = options.now ?? new Date();
  const docs = asStored(deliveries, { batchId, source, planDate, createdAt: now });
  const ignoreDuplicate = (error: unknown) => {
    if (!isDuplicateKey(error)) throw error;
  };
  await DeliveryModel.insertMany(docs, { ordered: false, lean: true }).catch(ignoreDuplicate);
  await DeliveryBatchItemsModel.create({ _id: batchId, items: docs }).catch(ignoreDuplicate);
  await DeliveryBatchModel.create({
    _id: batchId,
    source,
    planDate,
    channel: deliveries[0]?.channel ?? "telegram",
    size: docs.length,
    status: "pending",
    notBefore: options.notBefore,
    createdAt: now,
  }).catch(ignoreDuplicate);
}

export type OutcomeDoc = ReturnType<typeof outcomeDoc>;

/** The record of what one attempt at a delivery came to (`_id` = the attempt's). */
export function outcomeDoc(
  delivery: Pick<Delivery, "_id" | "batchId" | "source" | "communeCode" | "planDate" | "kind"> & {
    groupCode?: string | null;
    channel?: Channel | null;
    segments?: number | null;
  },
  attempt: number,
  outcome: Outcome,
  reason: string | null,
  /** Telegram's message id (a number), or an SMSC's or Zalo's (a string). */
  messageId: number | string | null,
  at = new Date(),
) {
  return {
    _id: `${delivery._id}#${attempt}`,
    deliveryId: delivery._id,
    batchId: delivery.batchId,
    source: delivery.source,
    communeCode: delivery.communeCode ?? null,
    groupCode: delivery.groupCode ?? null,
    planDate: delivery.planDate,
    kind: delivery.kind,
    attempt,
    outcome,
    reason,
    messageId: typeof messageId === "number" ? messageId : null,
    // Only SMS and Zalo outcomes carry these: Telegram's stay as small as they were (and out of the
    // sparse `providerMessageId` index), its outcomes being the most numerous by far.
    ...(typeof messageId === "string" ? { providerMessageId: messageId } : {}),
    ...(delivery.channel && delivery.channel !== "telegram"
      ? { channel: delivery.channel, segments: delivery.segments ?? 1 }
      : {}),
    at,
  };
}

/** Batches a crashed planner left half-written: their deliveries are in, so they can go. */
export async function releasePlanningBatches(source: string): Promise<number> {
  const result = await DeliveryBatchModel.updateMany({ source, status: "planning" }, { $set: { status: "pending" } });
  return result.modifiedCount;
}

/** One plan date's records for the day report: the planning run, the deliveries, and the outcomes by outcome and reason. */
export async function planDayRecords(date: LocalDate) {
  const [run, deliveries, groups] = await Promise.all([
    PlanRunModel.findById(date).lean(),
    DeliveryModel.countDocuments({ planDate: date }),
    DeliveryOutcomeModel.aggregate<{ _id: { outcome: string; reason: string | null }; n: number }>([
      { $match: { planDate: date } },
      { $group: { _id: { outcome: "$outcome", reason: "$reason" }, n: { $sum: 1 } } },
    ]),
  ]);
  return {
    planned: (run?.planned as Record<string, number> | undefined) ?? {},
    skipped: (run?.skipped as Record<string, number> | undefined) ?? {},
    deliveries,
    outcomes: groups.map((g) => ({ outcome: g._id.outcome, reason: g._id.reason ?? null, n: g.n })),
  };
}

/**
 * The newest deliveries about a household, each with its last outcome ("pending" when none): for an
 * officer's look-up. Index `householdCode, planDate` on MongoDB; a full read on FerretDB (rare).
 */
export async function recentDeliveriesAbout(householdCode: string, limit: number) {
  const deliveries = await DeliveryModel.find({ householdCode }, { kind: 1, planDate: 1, channel: 1 })
    .sort({ planDate: -1 })
    .limit(limit)
    .lean();
  const outcomes = deliveries.length
    ? await DeliveryOutcomeModel.find(
        { deliveryId: { $in: deliveries.map((d) => d._id) } },
        { deliveryId: 1, attempt: 1, outcome: 1 },
      ).lean()
    : [];
  const last = new Map<string, string>();
  for (const o of outcomes.sort((a, b) => a.attempt - b.attempt)) last.set(o.deliveryId, o.outcome);
  return deliveries.map((d) => ({
    kind: d.kind,
    planDate: d.planDate as LocalDate,
    channel: d.channel ?? "telegram",
    outcome: last.get(String(d._id)) ?? "pending",
  }));
}

/** The household each of these deliveries is about (by `_id`; a delivery about nobody maps to null). */
export async function householdsOfDeliveries(ids: readonly string[]): Promise<Map<string, string | null>> {
  const rows = await findByIds<{ _id: string; householdCode?: string | null }>(DeliveryModel, ids, {
    householdCode: 1,
  });
  return new Map(rows.map((r) => [String(r._id), r.householdCode ?? null]));
}

/** Which of these deliveries are in the outbox already (by `_id`). */
export async function deliveriesAlreadyQueued(ids: readonly string[]): Promise<Set<string>> {
  const found = await findByIds<{ _id: string }>(DeliveryModel, ids, { _id: 1 });
  return new Set(found.map((d) => String(d._id)));
}

/** Households with a message of `kind` sent about an event between these dates (an experiment's reach). */
export async function householdsSentTo(kind: string, from: LocalDate, to: LocalDate): Promise<Set<string>> {
  const sent = await DeliveryOutcomeModel.find(
    { planDate: { $gte: from, $lte: to }, outcome: "sent", kind },
    { deliveryId: 1 },
  ).lean();
  const households = await householdsOfDeliveries([...new Set(sent.map((o) => o.deliveryId))]);
  return new Set([...households.values()].filter((h): h is string => h !== null));
}

/** Payment confirmations on the outbox (what an import may never queue by itself: bench:confirmations). */
export async function paymentConfirmationsQueued(): Promise<number> {
  return DeliveryModel.countDocuments({ kind: "payment-recorded" });
}
