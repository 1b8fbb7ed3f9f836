import { DeliveryAttemptModel, DeliveryOutcomeModel } from "../../src/data/models/index.js";

/**
 * The ids of the attempts on record that have no outcome: the deliveries a killed dispatcher left in
 * doubt. Shared by the crash tests and the benchmarks that kill the dispatcher.
 */
export async function attemptsWithoutOutcome(): Promise<string[]> {
  const outcomes = new Set((await DeliveryOutcomeModel.find({}, { _id: 1 }).lean()).map((o) => String(o._id)));
  const attempts = (await DeliveryAttemptModel.find({}, { _id: 1 }).lean()).map((a) => String(a._id));
  return attempts.filter((id) => !outcomes.has(id));
}
