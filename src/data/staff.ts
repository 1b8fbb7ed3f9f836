import { OfficerModel } from "./models/index.js";

/** Officers granted by admins (`_id` = Telegram user id); a revoked one stays, inactive. */

export interface StoredScope {
  kind: "all" | "offices" | "communes" | "points";
  codes: string[];
}

/**
 * The scope of an active officer, or null: read by `_id`, `active` checked here. The `_id` index
 * serves it on MongoDB; FerretDB does not push down a numeric `_id`, so there it reads the officers
 * collection, a few dozen documents.
 */
export async function activeOfficerScope(telegramUserId: number): Promise<StoredScope | null> {
  const officer = await OfficerModel.findById(telegramUserId, { active: 1, scope: 1 }).lean();
  if (!officer?.active || !officer.scope) return null;
  return { kind: officer.scope.kind as StoredScope["kind"], codes: officer.scope.codes };
}

/** Every active officer with scope and language (a handful; served by the `active` index on MongoDB). */
export async function activeOfficers(): Promise<{ telegramUserId: number; scope: StoredScope; language: string }[]> {
  const officers = await OfficerModel.find({ active: true }, { scope: 1, language: 1 }).lean();
  return officers.flatMap((o) =>
    o.scope
      ? [
          {
            telegramUserId: Number(o._id),
            scope: { kind: o.scope.kind as StoredScope["kind"], codes: o.scope.codes },
            language: o.language ?? "vi",
          },
        ]
      : [],
  );
}

export async function saveOfficerGrant(officer: number, scope: StoredScope, grantedBy: number): Promise<void> {
  await OfficerModel.updateOne(
    { _id: officer },
    { $set: { active: true, scope, grantedBy, grantedAt: new Date(), revokedAt: null } },
    { upsert: true },
  );
}

/** Returns whether an active officer was revoked. */
export async function deactivateOfficer(officer: number): Promise<boolean> {
  const result = await OfficerModel.updateOne(
    { _id: officer, active: true },
    { $set: { active: false, revokedAt: new Date() } },
  );
  return result.modifiedCount === 1;
}
