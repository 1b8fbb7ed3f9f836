import { setAddedClosures } from "../catalogue/load.js";
import { ClosureModel } from "../db/models/index.js";
import type { LocalDate } from "../domain/dates.js";
import { audit } from "./staff.js";

/** Reads the closures added by command, so that every reader of the holidays sees them. */
export async function refreshClosures(): Promise<void> {
  const added = await ClosureModel.find({}, { from: 1, to: 1, name: 1 }).lean();
  setAddedClosures(added.map((c) => ({ from: c.from, to: c.to, name: c.name })));
}

/** Adds (or renames) a closure, effective at once in this process and at the next refresh elsewhere. */
export async function addClosure(actor: number, from: LocalDate, to: LocalDate, name: string): Promise<void> {
  await ClosureModel.updateOne(
    { _id: `${from}_${to}` },
    { $set: { from, to, name, addedBy: actor, addedAt: new Date() } },
    { upsert: true },
  );
  await audit(actor, "closure-add", null, {}, { from, to });
  await refreshClosures();
}
