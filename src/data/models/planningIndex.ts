import { model, Schema } from "mongoose";

/**
 * What the daily planner reads, kept by the import (data/planningIndex.ts): per group (`_id` = group
 * code), its households and open loans packed into one string, since FerretDB decodes every value of
 * every document it returns and one string per group reads many times faster than a document per
 * household and loan; the planner reads by `_id` only the groups with something due.
 */
const planningGroupSchema = new Schema(
  {
    _id: { type: String, required: true },
    members: { type: String, required: true },
  },
  { versionKey: false, collection: "planning_groups" },
);

/**
 * The groups by date (`_id` = "installment:<date>" or "overdue:<date>"), so that a day's planning
 * finds the groups with an installment or an overdue step due by `_id`, and "state": whether the
 * index is whole (`stale` while an import is writing, or after one was cut off) and the dates overdue.
 */
const planningIndexSchema = new Schema(
  {
    _id: { type: String, required: true },
    groups: { type: [String], default: undefined },
    stale: { type: Boolean, default: undefined },
    overdueDates: { type: [String], default: undefined },
    updatedAt: { type: Date, default: undefined },
  },
  { versionKey: false, collection: "planning_index" },
);

export const PlanningGroupModel = model("PlanningGroup", planningGroupSchema);
export const PlanningIndexModel = model("PlanningIndex", planningIndexSchema);
