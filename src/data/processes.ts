import { ProcessModel } from "./models/index.js";

/** Writes this process's heartbeat (by `_id`). */
export async function beat(processId: string, now: Date): Promise<void> {
  await ProcessModel.updateOne({ _id: processId }, { $set: { beatAt: now } }, { upsert: true });
}

/** Every process with its last heartbeat: a handful of rows, read whole. */
export async function knownProcesses(): Promise<{ id: string; beatAt: Date }[]> {
  const all = await ProcessModel.find({}, { beatAt: 1 }).lean();
  return all.map((p) => ({ id: p._id, beatAt: p.beatAt }));
}

/** Forgets processes silent since `before` (by `_id`: FerretDB pushes that filter down). */
export async function forgetProcesses(ids: readonly string[]): Promise<void> {
  for (const _id of ids) await ProcessModel.deleteOne({ _id });
}

export async function leave(processId: string): Promise<void> {
  await ProcessModel.deleteOne({ _id: processId });
}
