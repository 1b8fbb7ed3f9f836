import { type InferSchemaType, model, Schema } from "mongoose";

import { ORGANISATIONS } from "../../domain/organisations.js";

/** A savings-and-loan group (Tổ TK&VV); `_id` is the bank's group code. */
const groupSchema = new Schema(
  {
    _id: { type: String, required: true },
    name: { type: String, required: true },
    village: { type: String, required: true },
    communeCode: { type: String, required: true },
    /** The transaction point whose day, place and hours the group keeps (transaction_points). */
    pointCode: { type: String, required: true },
    officeCode: { type: String, required: true },
    organisation: { type: String, required: true, enum: ORGANISATIONS },
    headCode: { type: String, default: null },
    deputyCode: { type: String, default: null },
    importHash: { type: String, required: true },
  },
  { versionKey: false, collection: "groups" },
);
groupSchema.index({ communeCode: 1 });
groupSchema.index({ pointCode: 1 });
groupSchema.index({ headCode: 1 });

export type Group = InferSchemaType<typeof groupSchema>;
export const GroupModel = model("Group", groupSchema);
