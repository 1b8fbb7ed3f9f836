import type { LocalDate } from "../domain/dates.js";
import { indexKeysOf, type PlanningMember, packMembers, unpackMembers } from "../domain/planningIndex.js";
import { findByIds } from "./byIds.js";
import { PlanningGroupModel, PlanningIndexModel } from "./models/index.js";

/**
 * The planner's index (models/planningIndex.ts): read by `_id` only, but for the weekly whole read,
 * so that FerretDB serves every hot read from its `_id` index as MongoDB does.
 */

const STATE = "state";

const ignoreMissingCollection = (error: unknown) => {
  if ((error as { codeName?: string }).codeName !== "NamespaceNotFound") throw error;
};
/** Writes per command: FerretDB v1 never answers an update command of 100 or more matching statements. */
const CHUNK = 50;
/**
 * Documents per insert command when the index is built afresh (its collections just emptied): plain
 * inserts, not upserts, which FerretDB v1 runs as a read by `_id` and then a write, each `$addToSet`
 * checking every code already in the list. A 100k-row first import wrote its 1,815 groups in 1.2 s and
 * its 580 date keys in 1.0 s as upserts.
 */
const INSERTS_PER_COMMAND = 50;

/** Made into documents a command at a time: a province's packed groups are tens of MB together. */
async function insertAll<T>(
  model: typeof PlanningGroupModel | typeof PlanningIndexModel,
  items: readonly T[],
  documentOf: (item: T) => object,
): Promise<void> {
  for (let i = 0; i < items.length; i += INSERTS_PER_COMMAND) {
    const docs = items.slice(i, i + INSERTS_PER_COMMAND).map(documentOf);
    await model.collection.insertMany(docs as never[], { ordered: true });
  }
}

export interface PlanningIndexState {
  /** True while an import writes, after one was cut off, and before the first import built it. */
  stale: boolean;
  /** The dates on which some open loan fell overdue. */
  overdueDates: LocalDate[];
}

export async function planningIndexState(): Promise<PlanningIndexState> {
  const state = await PlanningIndexModel.findById(STATE).lean();
  return { stale: state?.stale !== false, overdueDates: state?.overdueDates ?? [] };
}

/** Written before an import's first change: until it has rewritten the index, planners read the book. */
export async function markPlanningIndexStale(): Promise<void> {
  await PlanningIndexModel.updateOne(
    { _id: STATE },
    { $set: { stale: true, updatedAt: new Date() } },
    { upsert: true },
  );
}

/** The groups listed under these index keys (dates of installments or of falling overdue). */
export async function groupsUnder(keys: readonly string[]): Promise<Set<string>> {
  const docs = await findByIds<{ groups?: string[] }>(PlanningIndexModel, keys, { groups: 1 });
  return new Set(docs.flatMap((d) => d.groups ?? []));
}

/** Groups read per round: the packed documents of a day's due groups held at once stay a few MB. */
const GROUPS_PER_READ = 500;

/** These groups' members, by `_id`, unpacked one group at a time; a group with no households has none. */
export async function eachListedGroup(
  codes: readonly string[],
  visit: (code: string, members: PlanningMember[]) => void,
): Promise<void> {
  for (let i = 0; i < codes.length; i += GROUPS_PER_READ) {
    const chunk = codes.slice(i, i + GROUPS_PER_READ);
    const docs = await findByIds<{ _id: string; members: string }>(PlanningGroupModel, chunk, { members: 1 });
    for (const doc of docs) visit(String(doc._id), unpackMembers(doc.members));
  }
}

/** One group's members from the index (by `_id`); null when the group has none listed. */
export async function indexedGroupMembers(groupCode: string): Promise<PlanningMember[] | null> {
  const doc = await PlanningGroupModel.findById(groupCode, { members: 1 }).lean();
  return doc ? unpackMembers(doc.members) : null;
}

/** Every group's members: the weekly summaries' whole read (allow-listed in the index coverage). */
export async function eachPackedGroup(visit: (code: string, members: PlanningMember[]) => void): Promise<void> {
  const cursor = PlanningGroupModel.find({}).lean().cursor({ batchSize: 200 });
  for await (const doc of cursor) visit(String(doc._id), unpackMembers(doc.members));
}

/** The groups' packed members: inserted when the index is built afresh, else replaced a chunk at a time. */
async function writeGroupDocuments(groups: ReadonlyMap<string, PlanningMember[]>, rebuilt: boolean): Promise<void> {
  const entries = [...groups];
  if (rebuilt) {
    // Groups left with nobody since the last index must not keep their old members.
    await PlanningGroupModel.collection.drop().catch(ignoreMissingCollection);
    const listed = entries.filter(([, members]) => members.length > 0);
    return insertAll(PlanningGroupModel, listed, ([code, members]) => ({ _id: code, members: packMembers(members) }));
  }
  for (let i = 0; i < entries.length; i += CHUNK) {
    const writes = entries.slice(i, i + CHUNK).map(([code, members]) =>
      members.length === 0
        ? { deleteOne: { filter: { _id: code } } }
        : {
            replaceOne: {
              filter: { _id: code },
              replacement: { _id: code, members: packMembers(members) },
              upsert: true,
            },
          },
    );
    await PlanningGroupModel.bulkWrite(writes as never, { ordered: false });
  }
}

/**
 * Writes these groups' members (an empty list removes the group) and moves each group between the
 * date keys, then marks the index whole. `before`: each group's keys as they were (empty when the
 * whole index is being built again: every key of every group is then written afresh).
 */
export async function writePlanningGroups(
  groups: ReadonlyMap<string, PlanningMember[]>,
  before: ReadonlyMap<string, Set<string>>,
  rebuilt: boolean,
): Promise<void> {
  await writeGroupDocuments(groups, rebuilt);
  const added = new Map<string, string[]>();
  const removed = new Map<string, string[]>();
  const push = (map: Map<string, string[]>, key: string, code: string) => {
    const list = map.get(key);
    if (list) list.push(code);
    else map.set(key, [code]);
  };
  for (const [code, members] of groups) {
    const now = indexKeysOf(members);
    const was = before.get(code) ?? new Set<string>();
    for (const key of now) if (rebuilt || !was.has(key)) push(added, key, code);
    for (const key of was) if (!now.has(key)) push(removed, key, code);
  }
  if (rebuilt) {
    await PlanningIndexModel.deleteMany({ _id: { $ne: STATE } });
    await insertAll(PlanningIndexModel, [...added], ([key, codes]) => ({ _id: key, groups: codes }));
  } else await writeKeys(added, removed);
  await finish(added, removed, rebuilt);
}

async function writeKeys(added: Map<string, string[]>, removed: Map<string, string[]>): Promise<void> {
  const writes = [
    ...[...added].map(([key, codes]) => ({
      updateOne: { filter: { _id: key }, update: { $addToSet: { groups: { $each: codes } } }, upsert: true },
    })),
    ...[...removed].map(([key, codes]) => ({
      updateOne: { filter: { _id: key }, update: { $pullAll: { groups: codes } } },
    })),
  ];
  for (let i = 0; i < writes.length; i += CHUNK) {
    await PlanningIndexModel.bulkWrite(writes.slice(i, i + CHUNK) as never, { ordered: false });
  }
}

/**
 * Marks the index whole, with the dates overdue: those that gained a group, less those whose last
 * group left (read back by `_id`).
 */
async function finish(added: Map<string, string[]>, removed: Map<string, string[]>, rebuilt: boolean): Promise<void> {
  const state = await PlanningIndexModel.findById(STATE).lean();
  const dates = new Set(rebuilt ? [] : (state?.overdueDates ?? []));
  const dateOf = (key: string) => (key.startsWith("overdue:") ? key.slice("overdue:".length) : null);
  for (const key of added.keys()) {
    const date = dateOf(key);
    if (date) dates.add(date);
  }
  const emptied = [...removed.keys()].filter((key) => dateOf(key) && !added.has(key));
  const left = await findByIds<{ _id: string; groups?: string[] }>(PlanningIndexModel, emptied, { groups: 1 });
  const stillListed = new Set(left.filter((d) => (d.groups ?? []).length > 0).map((d) => String(d._id)));
  for (const key of emptied) if (!stillListed.has(key)) dates.delete(dateOf(key) as string);
  await PlanningIndexModel.updateOne(
    { _id: STATE },
    { $set: { stale: false, overdueDates: [...dates].sort(), updatedAt: new Date() } },
    { upsert: true },
  );
}
