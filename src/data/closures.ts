import type { LocalDate } from "../domain/dates.js";
import { ClosureModel } from "./models/index.js";

/** Days the transaction points are closed, added by command (`_id` = "<from>_<to>"; a few dozen a year). */

export async function addedClosures(): Promise<{ from: LocalDate; to: LocalDate; name: string }[]> {
  const added = await ClosureModel.find({}, { from: 1, to: 1, name: 1 }).lean();
  return added.map((c) => ({ from: c.from as LocalDate, to: c.to as LocalDate, name: c.name }));
}

/** Adds a closure, or renames one with the same days. */
export async function saveClosure(from: LocalDate, to: LocalDate, name: string, addedBy: number): Promise<void> {
  await ClosureModel.updateOne(
    { _id: `${from}_${to}` },
    { $set: { from, to, name, addedBy, addedAt: new Date() } },
    { upsert: true },
  );
}
