import { type InferSchemaType, model, Schema } from "mongoose";

/**
 * A bank or mass-organisation officer who may use the officer features, `_id` = Telegram user id.
 * The scope limits what they see: the whole bank, one or more offices, a list of communes, or a
 * list of transaction points.
 * Admins (ADMIN_TELEGRAM_IDS) grant and revoke; a revoked officer keeps the record, inactive.
 */
const officerSchema = new Schema(
  {
    _id: { type: Number, required: true },
    active: { type: Boolean, required: true, default: true },
    scope: {
      kind: { type: String, required: true, enum: ["all", "offices", "communes", "points"] },
      codes: { type: [String], default: [] },
    },
    language: { type: String, enum: ["vi", "en"], default: "vi" },
    grantedBy: { type: Number, required: true },
    grantedAt: { type: Date, required: true },
    revokedAt: { type: Date, default: null },
  },
  { versionKey: false, collection: "officers" },
);
officerSchema.index({ active: 1 });

export type Officer = InferSchemaType<typeof officerSchema>;
export const OfficerModel = model("Officer", officerSchema);
