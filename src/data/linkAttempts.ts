import { isDuplicateKey } from "./errors.js";
import { LinkAttemptSlotModel } from "./models/index.js";

/**
 * Slots of linking attempt limits (`_id` = "<keyed hash>#<n>"). Every read and write is by `_id`,
 * which both databases serve from the primary key.
 */

/**
 * Takes the first slot among `ids` that is free (never used, or last used before `staleBefore`),
 * atomically, or returns null. A new slot is an insert that only one of two racers can make (unique
 * `_id`); an old one is retaken by one conditional update, which only one racer can win.
 */
export async function takeFreeSlot(ids: readonly string[], staleBefore: Date, now: Date): Promise<string | null> {
  for (const id of ids) {
    const reused = await LinkAttemptSlotModel.updateOne({ _id: id, at: { $lt: staleBefore } }, { $set: { at: now } });
    if (reused.modifiedCount === 1) return id;
    try {
      await LinkAttemptSlotModel.create({ _id: id, at: now });
      return id;
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
  }
  return null;
}

/** Marks a slot free again. */
export async function freeSlot(id: string): Promise<void> {
  await LinkAttemptSlotModel.updateOne({ _id: id }, { $set: { at: new Date(0) } });
}

/** When each of the slots that exist among `ids` was last taken. */
export async function slotTimes(ids: readonly string[]): Promise<Date[]> {
  const slots = await LinkAttemptSlotModel.find({ _id: { $in: ids } }, { at: 1 }).lean();
  return slots.map((s) => s.at);
}
