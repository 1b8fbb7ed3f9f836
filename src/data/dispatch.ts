import type { BroadcastCounts } from "../delivery/counters.js";
import type { Channel } from "../domain/channels.js";
import { isFerretdb } from "./byIds.js";
import { isDuplicateKey } from "./errors.js";
import type { Delivery, DeliveryBatch } from "./models/delivery.js";
import {
  DeliveryAttemptModel,
  DeliveryBatchItemsModel,
  DeliveryBatchModel,
  DeliveryModel,
  DeliveryOutcomeModel,
} from "./models/index.js";
import type { OutcomeDoc } from "./outbox.js";

/**
 * What a dispatcher reads and writes: batch leases, a batch's deliveries and history, attempts
 * (written before each request) and outcomes. Everything about one batch is by `_id` or `batchId`.
 */

export type { Delivery, DeliveryBatch, Outcome } from "./models/delivery.js";

type BatchState = Pick<DeliveryBatch, "status" | "owner" | "notBefore" | "leaseUntil">;

const isFree = (b: BatchState, now: Date) =>
  b.status === "pending" && b.notBefore <= now && (b.leaseUntil == null || b.leaseUntil < now);

/**
 * FerretDB v1 reads the whole batches collection for any filter but exactly `{_id}`, and the
 * dispatcher's lease, renewal and completion writes come several times a second. There each is a
 * read by `_id`, the condition checked here, and a write by `_id`. Between the two only the leader
 * (one dispatcher at a time, `withLock`) writes batches; were two ever to race, the attempt's unique
 * `_id` still lets only one of them send each message.
 */
async function updateBatchIf(
  batchId: string,
  condition: (b: BatchState) => boolean,
  update: Record<string, unknown>,
): Promise<DeliveryBatch | null> {
  const stored = await DeliveryBatchModel.findById(batchId, {
    status: 1,
    owner: 1,
    notBefore: 1,
    leaseUntil: 1,
  }).lean();
  if (!stored || !condition(stored)) return null;
  return DeliveryBatchModel.findOneAndUpdate({ _id: batchId }, update, { returnDocument: "after" }).lean();
}

/**
 * FerretDB: per channel, the batches not yet done, oldest first, read once and then claimed one by
 * one by `_id`.
 */
const candidatesByChannel = new Map<Channel, string[]>();

async function leaseFromCandidates(
  channel: Channel,
  owner: string,
  now: Date,
  leaseMs: number,
): Promise<DeliveryBatch | null> {
  let candidates = candidatesByChannel.get(channel) ?? [];
  const lease = { $set: { owner, leaseUntil: new Date(now.getTime() + leaseMs) }, $inc: { claims: 1 } };
  const leaseFirstFree = async () => {
    for (; candidates.length > 0; candidates.shift()) {
      const leased = await updateBatchIf(candidates[0] as string, (b) => isFree(b, now), lease);
      if (leased) return leased;
    }
    return null;
  };
  const leased = await leaseFirstFree();
  if (leased) return leased;
  // The list ran out: read it again (new batches, leases that ran out, windows that opened).
  const pending = await DeliveryBatchModel.find(
    { status: "pending" },
    { _id: 1, notBefore: 1, leaseUntil: 1, channel: 1 },
  )
    .sort({ notBefore: 1, createdAt: 1 })
    .lean();
  candidates = pending
    .filter((b) => (b.channel ?? "telegram") === channel && isFree({ ...b, status: "pending", owner: null }, now))
    .map((b) => b._id);
  candidatesByChannel.set(channel, candidates);
  return leaseFirstFree();
}

/**
 * Leases the next batch that is due and not leased (or whose lease ran out), oldest first. Served by
 * the `channel, status, notBefore` index on MongoDB; on FerretDB see `leaseFromCandidates`.
 */
export async function leaseNextBatch(
  channel: Channel,
  owner: string,
  now: Date,
  leaseMs: number,
): Promise<DeliveryBatch | null> {
  if (await isFerretdb()) return leaseFromCandidates(channel, owner, now, leaseMs);
  return DeliveryBatchModel.findOneAndUpdate(
    {
      // Batches written before channels existed have none: they are Telegram's.
      channel: channel === "telegram" ? { $in: ["telegram", null] } : channel,
      status: "pending",
      notBefore: { $lte: now },
      $or: [{ leaseUntil: null }, { leaseUntil: { $lt: now } }],
    },
    { $set: { owner, leaseUntil: new Date(now.getTime() + leaseMs) }, $inc: { claims: 1 } },
    { sort: { notBefore: 1, createdAt: 1 }, returnDocument: "after" },
  ).lean();
}

/** Extends a lease this owner still holds; false when the batch was taken over or cancelled. */
export async function renewBatchLease(batchId: string, owner: string, until: Date): Promise<boolean> {
  const set = { $set: { leaseUntil: until } };
  if (await isFerretdb())
    return (await updateBatchIf(batchId, (b) => b.owner === owner && b.status === "pending", set)) !== null;
  const result = await DeliveryBatchModel.updateOne({ _id: batchId, owner, status: "pending" }, set);
  return result.matchedCount === 1;
}

/** Hands a batch back unfinished, due again at `notBefore` when given. */
export async function releaseBatchLease(batchId: string, owner: string, notBefore: Date | null): Promise<void> {
  const set = { $set: { owner: null, leaseUntil: null, ...(notBefore ? { notBefore } : {}) } };
  if (await isFerretdb()) await updateBatchIf(batchId, (b) => b.owner === owner, set);
  else await DeliveryBatchModel.updateOne({ _id: batchId, owner }, set);
}

export async function markBatchDone(batchId: string, owner: string, counts: BroadcastCounts | null): Promise<void> {
  const set = { $set: { status: "done", finishedAt: new Date(), leaseUntil: null, counts } };
  if (await isFerretdb()) await updateBatchIf(batchId, (b) => b.owner === owner && b.status === "pending", set);
  else await DeliveryBatchModel.updateOne({ _id: batchId, owner, status: "pending" }, set);
}

/**
 * A batch's deliveries: from its one stored copy (one read by `_id`), or, for batches written before
 * the copy existed, from the deliveries (index `batchId`). `copied` says which.
 */
export async function batchDeliveries(batchId: string): Promise<{ deliveries: Delivery[]; copied: boolean }> {
  const stored = await DeliveryBatchItemsModel.findById(batchId).lean();
  if (stored) return { deliveries: stored.items as Delivery[], copied: true };
  return { deliveries: await DeliveryModel.find({ batchId }).lean(), copied: false };
}

type AttemptRecord = { deliveryId: string; attempt: number };
type OutcomeRecord = { deliveryId: string; attempt: number; outcome: string; reason: string | null; at: Date };

/**
 * The attempts and outcomes recorded for a batch's deliveries. MongoDB: two reads by the `batchId`
 * indexes. FerretDB: a filter on `batchId` reads the whole of both collections, which grow with
 * every message sent (so a dispatcher resuming a batch after a crash slowed down as the outbox
 * grew); there each delivery's records are looked up by `_id` ("<delivery>#<attempt>"), attempt 1,
 * 2, … until one is missing, since attempts are numbered without gaps.
 */
export async function batchHistory(
  batchId: string,
  deliveries: readonly Pick<Delivery, "_id">[],
): Promise<{ attempts: AttemptRecord[]; outcomes: OutcomeRecord[] }> {
  if (!(await isFerretdb())) {
    const [attempts, outcomes] = await Promise.all([
      DeliveryAttemptModel.find({ batchId }, { deliveryId: 1, attempt: 1 }).lean(),
      DeliveryOutcomeModel.find({ batchId }, { deliveryId: 1, attempt: 1, outcome: 1, reason: 1, at: 1 }).lean(),
    ]);
    return { attempts, outcomes: outcomes.map((o) => ({ ...o, reason: o.reason ?? null })) };
  }
  const attempts: AttemptRecord[] = [];
  const outcomes: OutcomeRecord[] = [];
  await Promise.all(
    deliveries.map(async ({ _id: deliveryId }) => {
      for (let attempt = 1; ; attempt++) {
        const id = `${deliveryId}#${attempt}`;
        const [tried, outcome] = await Promise.all([
          DeliveryAttemptModel.findById(id, { _id: 1 }).lean(),
          DeliveryOutcomeModel.findById(id, { outcome: 1, reason: 1, at: 1 }).lean(),
        ]);
        if (outcome)
          outcomes.push({
            deliveryId,
            attempt,
            outcome: outcome.outcome,
            reason: outcome.reason ?? null,
            at: outcome.at,
          });
        if (!tried) break;
        attempts.push({ deliveryId, attempt });
      }
    }),
  );
  return { attempts, outcomes };
}

/**
 * Records that an attempt is about to be made. Its `_id` is the attempt's, so of two dispatchers
 * only one can announce it: false means another has.
 */
export async function announceAttempt(delivery: Delivery, attempt: number, owner: string): Promise<boolean> {
  try {
    await DeliveryAttemptModel.create({
      _id: `${delivery._id}#${attempt}`,
      deliveryId: delivery._id,
      batchId: delivery.batchId,
      attempt,
      owner,
      startedAt: new Date(),
    });
    return true;
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
    return false;
  }
}

/** Writes outcomes; one already recorded (by a dispatcher that took the lease over) stands. */
export async function saveOutcomes(docs: readonly OutcomeDoc[]): Promise<void> {
  try {
    await DeliveryOutcomeModel.insertMany(docs, { ordered: false, lean: true });
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
  }
}

/** How many of a channel's batches are due and not finished (index `channel, status, notBefore`). */
export async function dueBatchCount(now: Date, channel: Channel = "telegram"): Promise<number> {
  return DeliveryBatchModel.countDocuments({
    channel: channel === "telegram" ? { $in: ["telegram", null] } : channel,
    status: "pending",
    notBefore: { $lte: now },
  });
}
