import { model, Schema } from "mongoose";

/**
 * A closure of the transaction points that an officer added by command (`/closure`), on top of
 * catalogue/holidays.json: a holiday announced late, a local closure. `_id` = "<from>_<to>".
 */
const closureSchema = new Schema(
  {
    _id: { type: String, required: true },
    from: { type: String, required: true },
    to: { type: String, required: true },
    name: { type: String, required: true },
    addedBy: { type: Number, required: true },
    addedAt: { type: Date, required: true },
  },
  { versionKey: false, collection: "closures" },
);

export const ClosureModel = model("Closure", closureSchema);
