import { type InferSchemaType, model, Schema } from "mongoose";

/** A commune (xã) and its transaction point; `_id` is the bank's commune code. */
const communeSchema = new Schema(
  {
    _id: { type: String, required: true },
    name: { type: String, required: true },
    officeCode: { type: String, required: true },
    officeName: { type: String, required: true },
    transactionPoint: {
      place: { type: String, required: true },
      /** Fixed day of the month (1–31); see domain/transactionDay.ts for short months and closures. */
      day: { type: Number, required: true, min: 1, max: 31 },
      hours: { type: String, required: true },
    },
    importHash: { type: String, required: true },
  },
  { versionKey: false, collection: "communes" },
);
communeSchema.index({ officeCode: 1 });

export type Commune = InferSchemaType<typeof communeSchema>;
export const CommuneModel = model("Commune", communeSchema);
