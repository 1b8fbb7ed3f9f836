import { model, Schema } from "mongoose";

/**
 * A reminder wording experiment (issue 28, domain/experiments.ts): proposed by an officer, approved
 * by an admin (a "no reminder" arm by a separate approval). `key` orders households for assignment;
 * it never leaves the server.
 */
const experimentSchema = new Schema(
  {
    _id: { type: String, required: true },
    kind: { type: String, required: true, enum: ["interest", "principal"] },
    arms: { type: [String], required: true },
    area: {
      type: new Schema(
        { kind: { type: String, required: true }, codes: { type: [String], required: true } },
        { _id: false },
      ),
      required: true,
    },
    from: { type: String, required: true },
    to: { type: String, required: true },
    state: { type: String, required: true, enum: ["proposed", "approved", "refused"] },
    key: { type: String, required: true },
    proposedBy: { type: Number, required: true },
    decidedBy: { type: Number, default: null },
    /** Who approved the arm that sends no reminder (required before approval when there is one). */
    noneApprovedBy: { type: Number, default: null },
    at: { type: Date, required: true },
  },
  { versionKey: false, collection: "experiments" },
);

/**
 * An experiment's recorded arms, `_id` = "<experiment>:<00..3f>" (households by hash bucket, packed
 * code → arm), and "<experiment>:counts" (households per arm at each point, packed): read by `_id`.
 */
const experimentAssignmentSchema = new Schema(
  {
    _id: { type: String, required: true },
    packed: { type: String, required: true },
  },
  { versionKey: false, collection: "experiment_assignments" },
);

export const ExperimentModel = model("Experiment", experimentSchema);
export const ExperimentAssignmentModel = model("ExperimentAssignment", experimentAssignmentSchema);
