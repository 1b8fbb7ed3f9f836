import { AuditLogModel } from "./models/index.js";

/** The append-only audit log: codes and counts, never personal data. */

export interface AuditRecord {
  at?: Date;
  actor: { kind: string; id: string };
  action: string;
  scope?: string | null;
  counts?: Record<string, unknown>;
  details?: Record<string, unknown>;
}

export async function appendAudit(entry: AuditRecord): Promise<void> {
  await AuditLogModel.create(entry);
}

/** The newest entries, newest first (served by the `at` index). */
export async function latestAudit(limit: number) {
  return AuditLogModel.find({}).sort({ at: -1 }).limit(limit).lean();
}
