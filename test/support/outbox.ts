import type { Model } from "mongoose";
import {
  BorrowerAccountModel,
  DeliveryAttemptModel,
  DeliveryBatchItemsModel,
  DeliveryBatchModel,
  DeliveryModel,
  DeliveryOutcomeModel,
  HouseholdModel,
  OfficerModel,
} from "../../src/data/models/index.js";
import { enqueueDeliveries, type NewDelivery } from "../../src/data/outbox.js";
import { addDays, vietnamDate } from "../../src/domain/dates.js";

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

/**
 * Interest reminders due today (real time) to `count` households (`<SOURCE>0`, …), each linked to its
 * chat (from `firstChat` on), queued under `source` in batches of `batchSize`.
 */
export async function queueLinkedReminders(
  source: string,
  count: number,
  firstChat: number,
  batchSize: number,
): Promise<NewDelivery[]> {
  const today = vietnamDate(new Date());
  const deliveries: NewDelivery[] = Array.from({ length: count }, (_, i) => ({
    _id: `${source}:${i}`,
    kind: "interest",
    eventDate: today,
    expiresOn: addDays(today, 1),
    chatId: firstChat + i,
    householdCode: `${source.toUpperCase()}${i}`,
    groupCode: "G1",
    communeCode: "X1",
    text: `Nhắc nộp lãi, hộ ${source} ${i}`,
    language: "vi",
  }));
  await BorrowerAccountModel.insertMany(
    deliveries.map((d) => ({
      _id: d.householdCode,
      telegramLinks: [{ telegramUserId: d.chatId, linkedAt: new Date(), via: "contact" }],
    })),
  );
  await enqueueDeliveries(source, today, deliveries, { batchSize, notBefore: new Date() });
  return deliveries;
}

/** How many of a source's deliveries have a final outcome (a retry is not one). */
export async function settledCount(source: string): Promise<number> {
  const outcomes = await DeliveryOutcomeModel.find({ source }, { deliveryId: 1, outcome: 1 }).lean();
  return new Set(outcomes.filter((o) => o.outcome !== "retry").map((o) => o.deliveryId)).size;
}
