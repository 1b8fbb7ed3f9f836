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

/**
 * An update whose handler outlived the webhook's answer (`_id` = "<update_id>"): Telegram was told
 * 200 and will not send it again, so it is kept here, as Telegram sent it (`update`, JSON), until its
 * handler ends. A replica that finds one whose claim's lease is over (its holder died) takes the claim
 * over and handles it. Few at a time and short-lived: read whole, removed once handled; retention
 * removes any left with the claims.
 */
const parkedUpdateSchema = new Schema(
  {
    _id: { type: String, required: true },
    update: { type: String, required: true },
    at: { type: Date, required: true },
  },
  { versionKey: false, collection: "parked_updates" },
);
parkedUpdateSchema.index({ at: 1 });

export const ParkedUpdateModel = model("ParkedUpdate", parkedUpdateSchema);

/**
 * A live handler's renewed lease on its update (`_id` = "<update_id>/<holder>"), apart from the
 * claim so that each document has one writer: FerretDB v1 applies an update as a read and a
 * whole-document write, so a renewal written to the claim could undo the `done` written beside it.
 */
const updateLeaseSchema = new Schema(
  {
    _id: { type: String, required: true },
    leaseUntil: { type: Date, required: true },
    at: { type: Date, required: true },
  },
  { versionKey: false, collection: "update_leases" },
);
updateLeaseSchema.index({ at: 1 });

export const UpdateLeaseModel = model("UpdateLease", updateLeaseSchema);
