import { model, Schema } from "mongoose";

/**
 * The bot processes alive now (home database): each writes a heartbeat under its own `_id`, so that
 * every process knows the others and the branches' sending leases can be spread between them.
 */
const processSchema = new Schema(
  {
    _id: { type: String, required: true },
    beatAt: { type: Date, required: true },
  },
  { versionKey: false, collection: "processes" },
);

export const ProcessModel = model("Process", processSchema);
