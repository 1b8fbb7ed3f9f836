import { type InferSchemaType, model, Schema } from "mongoose";

/**
 * A commune (xã) as it is now, `_id` = the bank's commune code. Its transaction points are records
 * of their own (transaction_points): a commune merged in 2025 usually has several. Communes written
 * before points existed carry their one point in `transactionPoint`, which the points migration
 * turns into a point record (data/migrations/points.ts).
 */
const communeSchema = new Schema(
  {
    _id: { type: String, required: true },
    name: { type: String, required: true },
    officeCode: { type: String, required: true },
    officeName: { type: String, required: true },
    importHash: { type: String, required: true },
  },
  { versionKey: false, collection: "communes" },
);
communeSchema.index({ officeCode: 1 });

export type Commune = InferSchemaType<typeof communeSchema>;
export const CommuneModel = model("Commune", communeSchema);
