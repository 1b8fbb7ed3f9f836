import { type InferSchemaType, model, Schema } from "mongoose";

/** Append-only record of who did what. Entries carry codes and counts, never personal data. */
const auditLogSchema = new Schema(
  {
    at: { type: Date, required: true, default: () => new Date() },
    actor: { kind: { type: String, required: true }, id: { type: String, required: true } },
    action: { type: String, required: true },
    /** The branch whose bot or command wrote it (data/branchContext); null before branches existed. */
    branch: { type: String, default: null },
    scope: { type: String, default: null },
    counts: { type: Schema.Types.Mixed, default: {} },
    details: { type: Schema.Types.Mixed, default: {} },
  },
  { versionKey: false, collection: "audit_log" },
);
auditLogSchema.index({ at: -1 });
auditLogSchema.index({ branch: 1, at: -1 });

const refuse = () => {
  throw new Error("the audit log is append-only");
};
for (const op of [
  "updateOne",
  "updateMany",
  "replaceOne",
  "findOneAndUpdate",
  "findOneAndReplace",
  "findOneAndDelete",
  "deleteOne",
  "deleteMany",
] as const) {
  auditLogSchema.pre(op, refuse);
}
auditLogSchema.pre("save", function () {
  if (!this.isNew) refuse();
});

export type AuditEntry = InferSchemaType<typeof auditLogSchema>;
export const AuditLogModel = model("AuditLog", auditLogSchema);
