import { DeliveryAttemptModel, DeliveryModel, DeliveryOutcomeModel } from "../../src/data/models/index.js";
import { IN_DOUBT_RESENT } from "../../src/delivery/resume.js";

/** The reasons a successor records on an attempt a dead dispatcher left in doubt (delivery/resume.ts). */
const IN_DOUBT_REASONS = [IN_DOUBT_RESENT, "dispatcher-stopped"];

/**
 * The ids of the attempts on record that have no outcome: the deliveries a killed dispatcher left in
 * doubt, once its last writes have landed. Shared by the crash tests and the benchmarks that kill it.
 */
export async function attemptsWithoutOutcome(): Promise<string[]> {
  const outcomes = new Set((await DeliveryOutcomeModel.find({}, { _id: 1 }).lean()).map((o) => String(o._id)));
  const attempts = (await DeliveryAttemptModel.find({}, { _id: 1 }).lean()).map((a) => String(a._id));
  return attempts.filter((id) => !outcomes.has(id));
}

/**
 * After the run, from what is on record: for each dispatcher (its owner id), the attempts it started
 * that a successor had to settle as left in doubt. Needs no timing: the successors' outcomes say it.
 */
export async function inDoubtByOwner(): Promise<Map<string, string[]>> {
  const settled = await DeliveryOutcomeModel.find({ reason: { $in: IN_DOUBT_REASONS } }, { _id: 1 }).lean();
  const ids = new Set(settled.map((o) => String(o._id)));
  const byOwner = new Map<string, string[]>();
  for (const a of await DeliveryAttemptModel.find({}, { _id: 1, owner: 1 }).lean()) {
    if (!ids.has(String(a._id))) continue;
    byOwner.set(a.owner, [...(byOwner.get(a.owner) ?? []), String(a._id)]);
  }
  return byOwner;
}

/** How many of a source's deliveries no dispatcher has attempted yet. */
export async function neverAttempted(source: string): Promise<number> {
  const [deliveries, attempted] = await Promise.all([
    DeliveryModel.find({ source }, { _id: 1 }).lean(),
    DeliveryAttemptModel.distinct("deliveryId"),
  ]);
  const tried = new Set(attempted.map(String));
  return deliveries.filter((d) => !tried.has(d._id)).length;
}
