import { type InferSchemaType, model, Schema } from "mongoose";

/**
 * One run of the retention job (`_id` = its local date): what it removed, and a summary of it per
 * month and source (batches, deliveries and their final outcomes), so that figures stay after the
 * records are gone. Never removed itself; the audit log is never touched by retention.
 */
const retentionRunSchema = new Schema(
  {
    _id: { type: String, required: true },
    cutoff: { type: Date, required: true },
    startedAt: { type: Date, required: true },
    finishedAt: { type: Date, default: null },
    removed: { type: Schema.Types.Mixed, default: {} },
    /** month ("2025-10") → source ("reminders", "broadcast") → { batches, deliveries, sent, … }. */
    summary: { type: Schema.Types.Mixed, default: {} },
    /** Rounds already added to the figures above (each is added once, even after a crash). */
    rounds: { type: [String], default: [] },
  },
  { versionKey: false, collection: "retention_runs", minimize: false },
);

export type RetentionRun = InferSchemaType<typeof retentionRunSchema>;
export const RetentionRunModel = model("RetentionRun", retentionRunSchema);
