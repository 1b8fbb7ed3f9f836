import type { Model } from "mongoose";
import {
  DeliveryAttemptModel,
  DeliveryBatchItemsModel,
  DeliveryBatchModel,
  DeliveryModel,
  DeliveryOutcomeModel,
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
