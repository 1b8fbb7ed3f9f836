import { randomBytes } from "node:crypto";
import type { LocalDate } from "../domain/dates.js";
import type { Wording } from "../domain/experiments.js";
import { hashBucket } from "./bookDigest.js";
import { findByIds } from "./byIds.js";
import { ExperimentAssignmentModel, ExperimentModel } from "./models/index.js";

/** Reminder wording experiments as stored (models/experiment.ts). */

export interface Experiment {
  id: string;
  kind: "interest" | "principal";
  arms: Wording[];
  area: { kind: "points" | "communes"; codes: string[] };
  from: LocalDate;
  to: LocalDate;
  state: "proposed" | "approved" | "refused";
  key: string;
  proposedBy: number;
  noneApprovedBy: number | null;
}

const ASSIGNMENT_BUCKETS = 64;

type StoredExperiment = Omit<Experiment, "id"> & { _id: string };
const asExperiment = ({ _id, ...rest }: StoredExperiment): Experiment => ({ id: _id, ...rest });

/** Every experiment (a handful a year): the list officers see and what planning checks each day. */
export async function allExperiments(): Promise<Experiment[]> {
  const all = await ExperimentModel.find({}).lean();
  return (all as unknown as StoredExperiment[]).map(asExperiment);
}

export async function experiment(id: string): Promise<Experiment | null> {
  const found = await ExperimentModel.findById(id).lean();
  return found ? asExperiment(found as unknown as StoredExperiment) : null;
}

export async function proposeExperiment(
  fields: Omit<Experiment, "id" | "state" | "key" | "noneApprovedBy">,
  now: Date,
): Promise<string> {
  const id = `E${now.getTime().toString(36).toUpperCase()}`;
  await ExperimentModel.create({
    _id: id,
    ...fields,
    state: "proposed",
    key: randomBytes(32).toString("hex"),
    at: now,
  });
  return id;
}

/** Moves a proposed experiment on; false when it was no longer proposed (someone else acted first). */
export async function decideExperiment(
  id: string,
  change: { state?: "approved" | "refused"; decidedBy?: number; noneApprovedBy?: number },
  now: Date,
): Promise<boolean> {
  const result = await ExperimentModel.updateOne({ _id: id, state: "proposed" }, { $set: { ...change, at: now } });
  return result.modifiedCount > 0;
}

export const assignmentBucketOf = (householdCode: string) => hashBucket(householdCode, ASSIGNMENT_BUCKETS);
const bucketId = (experimentId: string, bucket: number) => `${experimentId}:${bucket.toString(16).padStart(2, "0")}`;

export interface Assignments {
  arms: Map<string, number>;
  /** Households per arm at each point. */
  counts: Map<string, number[]>;
}

/** An experiment's recorded arms, read by `_id` (65 lookups). */
export async function readAssignments(experimentId: string): Promise<Assignments> {
  const ids = [
    `${experimentId}:counts`,
    ...Array.from({ length: ASSIGNMENT_BUCKETS }, (_, b) => bucketId(experimentId, b)),
  ];
  const docs = await findByIds<{ _id: string; packed: string }>(ExperimentAssignmentModel, ids, { packed: 1 });
  const arms = new Map<string, number>();
  let counts = new Map<string, number[]>();
  for (const d of docs) {
    const packed = JSON.parse(d.packed) as Record<string, number | number[]>;
    if (String(d._id).endsWith(":counts")) counts = new Map(Object.entries(packed as Record<string, number[]>));
    else for (const [code, arm] of Object.entries(packed as Record<string, number>)) arms.set(code, arm);
  }
  return { arms, counts };
}

/**
 * Records newly assigned households: their buckets first, then the counts. A crash between leaves
 * counts behind, and the next assignment only leans on them for balance; no household's arm changes.
 */
export async function recordAssignments(experimentId: string, all: Assignments, added: readonly string[]) {
  if (added.length === 0) return;
  const buckets = new Set(added.map(assignmentBucketOf));
  const byBucket = new Map<number, Record<string, number>>([...buckets].map((b) => [b, {}]));
  for (const [code, arm] of all.arms) {
    const packed = byBucket.get(assignmentBucketOf(code));
    if (packed) packed[code] = arm;
  }
  for (const [b, packed] of byBucket) {
    const _id = bucketId(experimentId, b);
    await ExperimentAssignmentModel.replaceOne({ _id }, { _id, packed: JSON.stringify(packed) }, { upsert: true });
  }
  const _id = `${experimentId}:counts`;
  const counts = JSON.stringify(Object.fromEntries(all.counts));
  await ExperimentAssignmentModel.replaceOne({ _id }, { _id, packed: counts }, { upsert: true });
}

/** Each enrolled household's reminded sessions and when each was seen paid (null: not yet). */
export type SessionOutcomes = Map<string, [session: LocalDate, paidOn: LocalDate | null][]>;

const outcomeId = (experimentId: string, bucket: number) => `${experimentId}:o:${bucket.toString(16).padStart(2, "0")}`;

/** An experiment's outcomes so far and the date of the last import that added to them. */
export async function readOutcomes(
  experimentId: string,
): Promise<{ outcomes: SessionOutcomes; lastImport: LocalDate | null }> {
  const ids = [
    `${experimentId}:o:meta`,
    ...Array.from({ length: ASSIGNMENT_BUCKETS }, (_, b) => outcomeId(experimentId, b)),
  ];
  const docs = await findByIds<{ _id: string; packed: string }>(ExperimentAssignmentModel, ids, { packed: 1 });
  const outcomes: SessionOutcomes = new Map();
  let lastImport: LocalDate | null = null;
  for (const d of docs) {
    const packed = JSON.parse(d.packed);
    if (String(d._id).endsWith(":o:meta")) lastImport = packed.lastImport ?? null;
    else
      for (const [code, sessions] of Object.entries(packed))
        outcomes.set(code, sessions as [LocalDate, LocalDate | null][]);
  }
  return { outcomes, lastImport };
}

/** Writes the outcome buckets of these households, then the import date. */
export async function recordOutcomes(
  experimentId: string,
  outcomes: SessionOutcomes,
  changed: ReadonlySet<string>,
  lastImport: LocalDate,
): Promise<void> {
  const byBucket = new Map<number, Record<string, unknown>>([...changed].map((c) => [assignmentBucketOf(c), {}]));
  for (const [code, sessions] of outcomes) {
    const packed = byBucket.get(assignmentBucketOf(code));
    if (packed) packed[code] = sessions;
  }
  for (const [b, packed] of byBucket) {
    const _id = outcomeId(experimentId, b);
    await ExperimentAssignmentModel.replaceOne({ _id }, { _id, packed: JSON.stringify(packed) }, { upsert: true });
  }
  const _id = `${experimentId}:o:meta`;
  await ExperimentAssignmentModel.replaceOne(
    { _id },
    { _id, packed: JSON.stringify({ lastImport }) },
    { upsert: true },
  );
}
