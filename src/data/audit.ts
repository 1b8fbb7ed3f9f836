import { branchCodeIfAny } from "./branchContext.js";
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
  // One audit log for the whole deployment (home database); each entry names the branch it was written in.
  await AuditLogModel.create({ ...entry, branch: branchCodeIfAny() });
}

/** The newest entries, newest first: of one branch (the `branch, at` index), or of all (the `at` index). */
export async function latestAudit(limit: number, branch: string | null = null) {
  return AuditLogModel.find(branch ? { branch } : {})
    .sort({ at: -1 })
    .limit(limit)
    .lean();
}
