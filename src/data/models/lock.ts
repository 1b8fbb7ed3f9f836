import { model, Schema } from "mongoose";

/**
 * Named leases: the unique `_id` makes taking a lock a single insert, so two processes can never both
 * hold it. Expiry is checked by the taker (no TTL index: FerretDB v1 does not support them). A lease
 * is released by running it out, never deleted, so its `generation` only grows; taking over an expired
 * one inserts the marker "<name>@<generation>" first (data/lock.ts says why).
 */
const lockSchema = new Schema(
  {
    _id: { type: String, required: true },
    holder: { type: String, required: true },
    expiresAt: { type: Date, required: true },
    generation: { type: Number, required: true, default: 0 },
  },
  { versionKey: false, collection: "locks" },
);

export const LockModel = model("Lock", lockSchema);
