import { type InferSchemaType, model, Schema } from "mongoose";

export const IMPORT_OUTCOMES = ["running", "applied", "unchanged", "dry-run", "rejected", "failed"] as const;

const entityCounts = { created: Number, updated: Number, unchanged: Number };

/** One run of the importer. Holds counts and error positions, never the rejected values themselves. */
const importBatchSchema = new Schema(
  {
    fileName: { type: String, required: true },
    fileSha256: { type: String, required: true },
    format: { type: String, required: true, enum: ["csv", "xlsx"] },
    actor: { kind: { type: String, required: true }, id: { type: String, required: true } },
    options: { dryRun: Boolean, fullSnapshot: Boolean },
    startedAt: { type: Date, required: true },
    finishedAt: { type: Date, default: null },
    outcome: { type: String, required: true, enum: IMPORT_OUTCOMES },
    rows: { type: Number, default: 0 },
    counts: {
      communes: entityCounts,
      points: entityCounts,
      groups: entityCounts,
      households: entityCounts,
      loans: entityCounts,
      loansClosed: Number,
    },
    errorCount: { type: Number, default: 0 },
    errorSample: {
      type: [new Schema({ row: Number, column: String, code: String }, { _id: false })],
      default: [],
    },
    failure: { type: String, default: null },
    /** The import lock's holder while applying: a "running" batch whose holder lost the lock died. */
    lockHolder: { type: String, default: null },
  },
  { versionKey: false, collection: "import_batches" },
);
importBatchSchema.index({ fileSha256: 1, outcome: 1 });
importBatchSchema.index({ startedAt: -1 });
// Runs left running by a dead process (on each import), and the newest applied import (statements).
importBatchSchema.index({ outcome: 1, startedAt: -1 });

export type ImportBatch = InferSchemaType<typeof importBatchSchema>;
export const ImportBatchModel = model("ImportBatch", importBatchSchema);
