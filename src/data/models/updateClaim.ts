import { model, Schema } from "mongoose";

/**
 * One webhook update being handled or handled (`_id` = update_id, unique per bot, so per branch
 * database): when Telegram delivers an update twice, or two replicas receive it, the unique `_id`
 * lets exactly one handle it. Kept two days (data/retention), far past Telegram's 24 h of retries.
 */
const updateClaimSchema = new Schema(
  {
    _id: { type: Number, required: true },
    holder: { type: String, required: true },
    leaseUntil: { type: Date, required: true },
    done: { type: Boolean, required: true, default: false },
    at: { type: Date, required: true },
  },
  { versionKey: false, collection: "update_claims" },
);
updateClaimSchema.index({ at: 1 });

export const UpdateClaimModel = model("UpdateClaim", updateClaimSchema);
