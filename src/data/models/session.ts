import { model, Schema } from "mongoose";

/** grammY session storage: the session key is the `_id`, so it is unique by construction. */
const sessionSchema = new Schema(
  {
    _id: { type: String, required: true },
    value: { type: Schema.Types.Mixed, required: true },
    updatedAt: { type: Date, required: true },
  },
  { versionKey: false, collection: "sessions", minimize: false },
);

export const SessionModel = model("Session", sessionSchema);
