import { type InferSchemaType, model, Schema } from "mongoose";
import { DISASTER_STATUSES } from "../../domain/disaster.js";

/**
 * A disaster event over a commune or a transaction point (issue 26), `_id` = disasterId (area and
 * first day). Proposed by one officer, declared once a second officer (or an admin) approves it.
 * The area's commune and office are kept as they were when it was proposed, for scope checks.
 */
const disasterEventSchema = new Schema(
  {
    _id: { type: String, required: true },
    name: { type: String, required: true },
    areaKind: { type: String, enum: ["commune", "point"], required: true },
    areaCode: { type: String, required: true },
    communeCode: { type: String, required: true },
    officeCode: { type: String, required: true },
    from: { type: String, required: true },
    until: { type: String, required: true },
    status: { type: String, enum: DISASTER_STATUSES, required: true },
    proposedBy: { type: Number, required: true },
    proposedAt: { type: Date, required: true },
    decidedBy: { type: Number, default: null },
    decidedAt: { type: Date, default: null },
    /** Who ended it before its last day, if anyone (its `until` is then the day before). */
    endedBy: { type: Number, default: null },
  },
  { versionKey: false, collection: "disaster_events" },
);

export type DisasterEventRecord = InferSchemaType<typeof disasterEventSchema> & { _id: string };
export const DisasterEventModel = model("DisasterEvent", disasterEventSchema);
