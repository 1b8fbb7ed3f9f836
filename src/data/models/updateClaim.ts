import { model, Schema } from "mongoose";

/**
 * One webhook update being handled or handled (`_id` = "<update_id>", unique per bot, so per branch
 * database): when Telegram delivers an update twice, or two replicas receive it, the unique `_id`
 * lets exactly one handle it. A takeover of a dead holder's claim is decided the same way, by a
 * marker "<update_id>@<generation>" that only one taker can insert. Kept two days (retention), far
 * past Telegram's 24 h of retries.
 */
const updateClaimSchema = new Schema(
  {
    _id: { type: String, required: true },
    /** How many times the claim passed from a dead holder to another. */
    generation: { type: Number, required: true, default: 0 },
    holder: { type: String, required: true },
    leaseUntil: { type: Date, required: true },
    done: { type: Boolean, required: true, default: false },
    at: { type: Date, required: true },
  },
  { versionKey: false, collection: "update_claims" },
);
updateClaimSchema.index({ at: 1 });

export const UpdateClaimModel = model("UpdateClaim", updateClaimSchema);
