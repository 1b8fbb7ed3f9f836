import { model, Schema } from "mongoose";

/**
 * A Mini App session: `_id` is a digest of the signed initData that opened it, so one initData opens
 * one session (a copy of it, replayed, opens none); the token the page got is kept as a digest.
 */
const dashboardSessionSchema = new Schema(
  {
    _id: { type: String, required: true },
    tokenDigest: { type: String, required: true },
    telegramUserId: { type: Number, required: true },
    expiresAt: { type: Date, required: true },
  },
  { versionKey: false, collection: "dashboard_sessions" },
);
// The retention job removes ended sessions (no TTL index: FerretDB v1 has none).
dashboardSessionSchema.index({ expiresAt: 1 });

export const DashboardSessionModel = model("DashboardSession", dashboardSessionSchema);
