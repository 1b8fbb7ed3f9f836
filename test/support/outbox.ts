import type { Model } from "mongoose";
import {
  DeliveryAttemptModel,
  DeliveryBatchItemsModel,
  DeliveryBatchModel,
  DeliveryModel,
  DeliveryOutcomeModel,
  HouseholdModel,
  OfficerModel,
} from "../../src/data/models/index.js";

/** The outbox's collections: what a test that sends starts without. */
export const OUTBOX_MODELS = [
  DeliveryModel,
  DeliveryBatchModel,
  DeliveryBatchItemsModel,
  DeliveryAttemptModel,
  DeliveryOutcomeModel,
] as const;

/** Empties the outbox, and any other collections given. */
export async function clearOutbox(...others: readonly unknown[]): Promise<void> {
  for (const model of [...OUTBOX_MODELS, ...others] as unknown as Model<unknown>[]) await model.deleteMany({});
}

/** An active officer scoped to these communes (the in-doubt lists go to them). */
export async function communeOfficer(telegramUserId: number, communes: string[], grantedAt: Date): Promise<void> {
  await OfficerModel.create({
    _id: telegramUserId,
    active: true,
    scope: { kind: "communes", codes: communes },
    grantedBy: 1,
    grantedAt,
  });
}

/**
 * Households on file with just their phones, for tests and benchmarks that write SMS deliveries
 * straight into the outbox: each message is checked against the household's number when it goes.
 */
export async function householdPhones(entries: readonly (readonly [code: string, phone: string])[]): Promise<void> {
  await HouseholdModel.collection.insertMany(entries.map(([code, phone]) => ({ _id: code as never, phones: [phone] })));
}
