import { type InferSchemaType, model, Schema } from "mongoose";

/**
 * A transaction point (điểm giao dịch xã), `_id` = the bank's point code. Since communes merged on
 * 1 July 2025 a commune usually keeps several points, each with its own monthly day, place and
 * hours, often named after the old commune it served; a point belongs to an office (phòng giao
 * dịch), which keeps its old district name. Groups belong to one point (groups.pointCode).
 */
const transactionPointSchema = new Schema(
  {
    _id: { type: String, required: true },
    name: { type: String, required: true },
    /** The commune it serves now. */
    communeCode: { type: String, required: true },
    /** The old commune it was named after, where that differs from the commune now. */
    formerCommune: { type: String, default: null },
    place: { type: String, required: true },
    hours: { type: String, required: true },
    /** A day of the month, or the n-th weekday (domain/transactionDay.ts TransactionSchedule). */
    schedule: {
      type: {
        kind: { type: String, required: true, enum: ["day", "weekday"] },
        day: { type: Number, min: 1, max: 31 },
        weekday: { type: Number, min: 1, max: 7 },
        nth: { type: Number, enum: [1, 2, 3, 4, -1] },
      },
      required: true,
      _id: false,
    },
    /** Where its day goes when it falls in a closure ("after"/"before"); null: the holidays file's rule. */
    closureRule: { type: String, enum: ["after", "before", null], default: null },
    /** Where its day goes on a weekend ("keep"/"after"/"before"); null: the holidays file's rule. */
    weekendRule: { type: String, enum: ["keep", "after", "before", null], default: null },
    officeCode: { type: String, required: true },
    officeName: { type: String, required: true },
    importHash: { type: String, required: true },
  },
  { versionKey: false, collection: "transaction_points" },
);
transactionPointSchema.index({ communeCode: 1 });
transactionPointSchema.index({ officeCode: 1 });

export type TransactionPoint = InferSchemaType<typeof transactionPointSchema>;
export const TransactionPointModel = model("TransactionPoint", transactionPointSchema);

/** One-off changes of stored data already made (`_id` = the migration's name): each runs once. */
const migrationSchema = new Schema(
  {
    _id: { type: String, required: true },
    doneAt: { type: Date, required: true },
    counts: { type: Schema.Types.Mixed, default: {} },
  },
  { versionKey: false, collection: "migrations" },
);
export const MigrationModel = model("Migration", migrationSchema);
