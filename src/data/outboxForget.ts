import { telegramLinksOfMany } from "./accounts.js";
import { isDuplicateKey } from "./errors.js";
import { DeliveryAttemptModel, DeliveryBatchItemsModel, DeliveryModel, DeliveryOutcomeModel } from "./models/index.js";
import { outcomeDoc } from "./outbox.js";

/** Deliveries about a household sent to this chat (officer summaries, which have none, are not). */
async function householdDeliveriesTo(chatId: number) {
  return DeliveryModel.find(
    { chatId, householdCode: { $ne: null } },
    { batchId: 1, source: 1, kind: 1, planDate: 1, communeCode: 1 },
  ).lean();
}

/**
 * Settles every delivery to this chat that has not been sent yet as `skipped` (reason given), so no
 * dispatcher sends it: the chat's owner unlinked or deleted their data. Returns how many.
 */
export async function cancelPendingForChat(chatId: number, reason: string, now = new Date()): Promise<number> {
  const deliveries = await householdDeliveriesTo(chatId);
  if (deliveries.length === 0) return 0;
  const ids = deliveries.map((d) => d._id);
  const [attempts, outcomes] = await Promise.all([
    DeliveryAttemptModel.find({ deliveryId: { $in: ids } }, { deliveryId: 1, attempt: 1 }).lean(),
    DeliveryOutcomeModel.find({ deliveryId: { $in: ids } }, { deliveryId: 1, attempt: 1, outcome: 1 }).lean(),
  ]);
  const settled = new Set(outcomes.filter((o) => o.outcome !== "retry").map((o) => o.deliveryId));
  const last = new Map<string, number>();
  for (const a of [...attempts, ...outcomes]) last.set(a.deliveryId, Math.max(a.attempt, last.get(a.deliveryId) ?? 0));
  const docs = deliveries
    .filter((d) => !settled.has(d._id))
    .map((d) => outcomeDoc(d, (last.get(d._id) ?? 0) + 1, "skipped", reason, null, now));
  if (docs.length === 0) return 0;
  try {
    await DeliveryOutcomeModel.insertMany(docs, { ordered: false });
  } catch (error) {
    // A dispatcher settled one of them at the same moment; its outcome stands.
    if (!isDuplicateKey(error)) throw error;
  }
  return docs.length;
}

/**
 * Removes every delivery about a household sent to this chat, with its attempts and outcomes and its
 * copy in the batch it was sent from: the texts hold names and amounts. Returns the outcome counts
 * removed, which the caller may keep (counts only) for the audit.
 */
export async function eraseDeliveriesTo(chatId: number): Promise<Record<string, number>> {
  const deliveries = await householdDeliveriesTo(chatId);
  if (deliveries.length === 0) return {};
  const ids = deliveries.map((d) => d._id);
  const outcomes = await DeliveryOutcomeModel.find({ deliveryId: { $in: ids } }, { outcome: 1 }).lean();
  const counts: Record<string, number> = { deliveries: ids.length };
  for (const o of outcomes) counts[o.outcome] = (counts[o.outcome] ?? 0) + 1;
  for (const batchId of new Set(deliveries.map((d) => d.batchId))) {
    const stored = await DeliveryBatchItemsModel.findById(batchId).lean();
    if (!stored) continue;
    const items = (stored.items as { chatId?: number }[]).filter((item) => item.chatId !== chatId);
    await DeliveryBatchItemsModel.updateOne({ _id: batchId }, { $set: { items } });
  }
  await DeliveryAttemptModel.deleteMany({ deliveryId: { $in: ids } });
  await DeliveryOutcomeModel.deleteMany({ deliveryId: { $in: ids } });
  await DeliveryModel.deleteMany({ _id: { $in: ids } });
  return counts;
}

/**
 * Of these deliveries, the ones whose chat is no longer linked to the household they are about (read
 * now, from the accounts, which are the record): the dispatcher does not send those.
 */
export async function unlinkedDeliveries<D extends { _id: string; chatId: number; householdCode?: string | null }>(
  deliveries: readonly D[],
): Promise<Set<string>> {
  const codes = [...new Set(deliveries.map((d) => d.householdCode).filter((c): c is string => !!c))];
  if (codes.length === 0) return new Set();
  const chatsOf = await telegramLinksOfMany(codes);
  return new Set(
    deliveries.filter((d) => d.householdCode && !chatsOf.get(d.householdCode)?.includes(d.chatId)).map((d) => d._id),
  );
}
