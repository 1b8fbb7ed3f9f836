import { randomUUID } from "node:crypto";
import type { Model } from "mongoose";
import { isFerretdb } from "./byIds.js";
import { wholeRead } from "./commandLog.js";
import {
  DeliveryAttemptModel,
  DeliveryBatchItemsModel,
  DeliveryBatchModel,
  DeliveryModel,
  DeliveryOutcomeModel,
  DeliveryReceiptModel,
  RetentionRunModel,
} from "./models/index.js";

/**
 * Removes the outbox records of finished batches created before a cutoff: the batches, their stored
 * copies, deliveries, attempts and outcomes. A summary per month and source is written first
 * (retention_runs), so that a run killed half way is repeated by the next one from the batches still
 * there; a batch record is removed last, after everything that belongs to it.
 */

const BATCHES_PER_ROUND = 500;
/** FerretDB v1 holds each statement's read open until a write command ends (see saveOverdueSnapshot). */
const FERRETDB_STATEMENTS_PER_COMMAND = 50;

type Removed = Record<"batches" | "batchItems" | "deliveries" | "attempts" | "outcomes", number>;
type MonthSummary = Record<string, Record<string, Record<string, number>>>;

// biome-ignore lint/suspicious/noExplicitAny: the three record collections share `batchId`.
type BatchRecordModel = Model<any>;

/**
 * Deletes a collection's documents of these batches. MongoDB: `deleteMany` by the `batchId` index.
 * FerretDB: a filter on `batchId` reads the whole collection for each statement, so it reads it once,
 * picks the `_id`s, and deletes by `_id` (pushed down), a few statements per command.
 */
async function deleteOfBatches(model: BatchRecordModel, batchIds: readonly string[]): Promise<number> {
  if (!(await isFerretdb())) return (await model.deleteMany({ batchId: { $in: batchIds } })).deletedCount;
  const wanted = new Set(batchIds);
  const ids: unknown[] = [];
  const all = model
    .find({}, { batchId: 1 })
    .comment(wholeRead("retention on FerretDB: one read instead of one per batch"))
    .lean()
    .cursor({ batchSize: 5_000 });
  for await (const doc of all) {
    if (wanted.has(String((doc as { batchId: string }).batchId))) ids.push((doc as { _id: unknown })._id);
  }
  return deleteByIds(model, ids);
}

async function deleteByIds(model: BatchRecordModel, ids: readonly unknown[]): Promise<number> {
  let deleted = 0;
  for (let i = 0; i < ids.length; i += FERRETDB_STATEMENTS_PER_COMMAND) {
    const chunk = ids.slice(i, i + FERRETDB_STATEMENTS_PER_COMMAND);
    const result = await model.bulkWrite(
      chunk.map((_id) => ({ deleteOne: { filter: { _id } } })),
      { ordered: false },
    );
    deleted += result.deletedCount;
  }
  return deleted;
}

function summarise(
  batches: readonly { _id: string; source: string; planDate: string; size: number; counts?: unknown }[],
  into: MonthSummary,
): void {
  for (const b of batches) {
    const month = b.planDate.slice(0, 7);
    const source = b.source.startsWith("broadcast:") ? "broadcast" : b.source;
    into[month] ??= {};
    into[month][source] ??= { batches: 0, deliveries: 0 };
    const row = into[month][source];
    row.batches = (row.batches ?? 0) + 1;
    row.deliveries = (row.deliveries ?? 0) + b.size;
    for (const [outcome, n] of Object.entries((b.counts ?? {}) as Record<string, number>)) {
      row[outcome] = (row[outcome] ?? 0) + n;
    }
  }
}

const IN_PROGRESS = "in-progress";

interface Round {
  roundId: string;
  runDate: string;
  batchIds: string[];
  summary: MonthSummary;
}

/** Dotted `$inc` paths for a summary and removal counts (month and source names hold no dots). */
function increments(summary: MonthSummary, removed: Removed): Record<string, number> {
  const inc: Record<string, number> = {};
  for (const [month, sources] of Object.entries(summary))
    for (const [source, row] of Object.entries(sources))
      for (const [field, n] of Object.entries(row)) inc[`summary.${month}.${source}.${field}`] = n;
  for (const [field, n] of Object.entries(removed)) inc[`removed.${field}`] = n;
  return inc;
}

/**
 * The next round: one a killed run left unfinished (its batches may be partly deleted already), or
 * up to 500 finished batches created before the cutoff, written down before anything is deleted.
 */
async function nextRound(cutoff: Date, runDate: string, batchesPerRound: number): Promise<Round | null> {
  const unfinished = (await RetentionRunModel.findById(IN_PROGRESS).lean()) as unknown as Round | null;
  if (unfinished) return unfinished;
  // Index `status, notBefore` serves the status; a finished batch's createdAt precedes its notBefore.
  const batches = await DeliveryBatchModel.find(
    { status: { $in: ["done", "cancelled"] }, createdAt: { $lt: cutoff } },
    { source: 1, planDate: 1, size: 1, counts: 1 },
  )
    .limit(batchesPerRound)
    .lean();
  if (batches.length === 0) return null;
  const summary: MonthSummary = {};
  summarise(batches, summary);
  const round: Round = {
    // Unique whatever the clock: two rounds in one millisecond must not look like one.
    roundId: `${runDate}#${randomUUID()}`,
    runDate,
    batchIds: batches.map((b) => String(b._id)),
    summary,
  };
  await RetentionRunModel.collection.insertOne({ _id: IN_PROGRESS, ...round } as never);
  return round;
}

async function startRun(runDate: string, cutoff: Date, now: Date): Promise<void> {
  await RetentionRunModel.updateOne(
    { _id: runDate },
    { $setOnInsert: { cutoff, startedAt: now, removed: {}, summary: {}, rounds: [] } },
    { upsert: true },
  );
}

/**
 * Removes the outbox records of finished batches created before `cutoff`, in rounds, and adds each
 * round's summary and counts to the run of its date exactly once (a single conditional update), even
 * when the process is killed at any point: the next run finishes the round first.
 */
export async function removeOutboxBefore(
  cutoff: Date,
  runDate: string,
  now = new Date(),
  batchesPerRound = BATCHES_PER_ROUND,
) {
  await startRun(runDate, cutoff, now);
  for (;;) {
    const round = await nextRound(cutoff, runDate, batchesPerRound);
    if (!round) break;
    const removed = await deleteBatches(round.batchIds);
    // A round a killed run left may be another day's, whose run record must exist for the update below.
    if (round.runDate !== runDate) await startRun(round.runDate, cutoff, now);
    await RetentionRunModel.updateOne(
      { _id: round.runDate, rounds: { $ne: round.roundId } },
      { $inc: increments(round.summary, removed), $push: { rounds: round.roundId } },
    );
    await RetentionRunModel.deleteOne({ _id: IN_PROGRESS });
  }
  // SMS receipts answer deliveries of the same age: they go with them (index `at`).
  await DeliveryReceiptModel.deleteMany({ at: { $lt: cutoff } });
  await RetentionRunModel.updateOne({ _id: runDate }, { $set: { finishedAt: new Date() } });
  return retentionRun(runDate);
}

/** Every record of these batches, deleted (outcomes first: a killed run leaves them findable). */
async function deleteBatches(ids: readonly string[]): Promise<Removed> {
  const removed: Removed = { batches: 0, batchItems: 0, deliveries: 0, attempts: 0, outcomes: 0 };
  removed.outcomes = await deleteOfBatches(DeliveryOutcomeModel, ids);
  removed.attempts = await deleteOfBatches(DeliveryAttemptModel, ids);
  removed.deliveries = await deleteOfBatches(DeliveryModel, ids);
  removed.batchItems = await deleteByIds(DeliveryBatchItemsModel, ids);
  removed.batches = await deleteByIds(DeliveryBatchModel, ids);
  return removed;
}

/**
 * Batches of a channel the bank switched off (SMS or Zalo no longer in PHONE_CHANNELS), planned
 * before `before`, still pending: nobody will send them; they go. Served by the `status, notBefore`
 * index.
 */
export async function removeUnsentOfChannels(enabled: readonly string[], before: string): Promise<Removed> {
  const pending = await DeliveryBatchModel.find({ status: "pending" }, { channel: 1, planDate: 1 }).lean();
  const ids = pending
    .filter((b) => !enabled.includes(b.channel ?? "telegram") && b.planDate < before)
    .map((b) => String(b._id));
  return deleteBatches(ids);
}

export async function retentionRun(runDate: string) {
  return RetentionRunModel.findById(runDate, { rounds: 0 }).lean();
}
