import { type InferSchemaType, model, Schema } from "mongoose";

/**
 * Overdue debt of one commune as it stood in one week (`_id` = "<week start>:<commune>"), and of one
 * transaction point (`_id` = "<week start>:p:<point>", `pointCode` set), so that /stats can show an
 * 8-week trend to officers of communes and of points alike: the bank's export carries only the
 * present. Written after every import and every /stats; the last write in a week stands for it.
 */
const overdueSnapshotSchema = new Schema(
  {
    _id: { type: String, required: true },
    weekStart: { type: String, required: true },
    communeCode: { type: String, required: true },
    officeCode: { type: String, required: true },
    /** Set on a point's row; a commune's row has none. */
    pointCode: { type: String, default: null },
    amount: { type: Number, required: true, min: 0 },
    count: { type: Number, required: true, min: 0 },
    takenAt: { type: Date, required: true },
  },
  { versionKey: false, collection: "overdue_snapshots" },
);
overdueSnapshotSchema.index({ weekStart: 1 });

export type OverdueSnapshot = InferSchemaType<typeof overdueSnapshotSchema>;
export const OverdueSnapshotModel = model("OverdueSnapshot", overdueSnapshotSchema);
