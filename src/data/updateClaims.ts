import { isDuplicateKey } from "./errors.js";
import { UpdateClaimModel } from "./models/index.js";

/** What a webhook replica may do with an update: handle it, or leave it (done, or in another's hands). */
export type UpdateClaim = "mine" | "done" | "busy";

/**
 * Claims an update for `holder` until `leaseMs` from now. A first claim is one insert (the unique
 * `_id` refuses a second); a claim whose holder died (lease over, not done) is taken over by a
 * compare-and-set on the old holder and lease, so two replicas never both take it over.
 */
export async function claimUpdate(updateId: number, holder: string, now: Date, leaseMs: number): Promise<UpdateClaim> {
  const leaseUntil = new Date(now.getTime() + leaseMs);
  try {
    await UpdateClaimModel.create({ _id: updateId, holder, leaseUntil, done: false, at: now });
    return "mine";
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
  }
  const claim = await UpdateClaimModel.findById(updateId).lean();
  if (!claim) return "busy"; // forgotten between the two reads: Telegram sends it again
  if (claim.done) return "done";
  if (claim.leaseUntil > now) return "busy";
  // FerretDB reads the whole (small: two days of updates) collection for this filter; MongoDB uses _id.
  const taken = await UpdateClaimModel.updateOne(
    { _id: updateId, holder: claim.holder, leaseUntil: claim.leaseUntil, done: false },
    { $set: { holder, leaseUntil } },
  );
  return taken.modifiedCount === 1 ? "mine" : "busy";
}

export async function finishUpdate(updateId: number): Promise<void> {
  await UpdateClaimModel.updateOne({ _id: updateId }, { $set: { done: true } });
}

/** Forgets claims older than `before` (retention). */
export async function forgetUpdateClaims(before: Date): Promise<number> {
  const result = await UpdateClaimModel.deleteMany({ at: { $lt: before } });
  return result.deletedCount;
}
