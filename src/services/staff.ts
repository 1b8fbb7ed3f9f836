import { AuditLogModel, CommuneModel, GroupModel, OfficerModel } from "../db/models/index.js";

/** Who may use the officer features: admins (ADMIN_TELEGRAM_IDS) and officers granted by an admin. */
export type Scope = { kind: "all" } | { kind: "offices" | "communes"; codes: string[] };
export interface Staff {
  telegramUserId: number;
  role: "admin" | "officer";
  scope: Scope;
}

/** The staff role of a Telegram user, read on every request (a revoked officer loses it at once). */
export async function staffRole(telegramUserId: number, adminIds: readonly number[]): Promise<Staff | null> {
  if (adminIds.includes(telegramUserId)) return { telegramUserId, role: "admin", scope: { kind: "all" } };
  const officer = await OfficerModel.findOne({ _id: telegramUserId, active: true }).lean();
  const scope = officerScope(officer?.scope);
  return scope ? { telegramUserId, role: "officer", scope } : null;
}

/** An officer record's scope as a Scope (null when the record has none). */
export function officerScope(stored: { kind: string; codes: string[] } | null | undefined): Scope | null {
  if (!stored) return null;
  if (stored.kind === "all") return { kind: "all" };
  return { kind: stored.kind as "offices" | "communes", codes: stored.codes };
}

export function inScope(scope: Scope, place: { communeCode: string; officeCode: string }): boolean {
  if (scope.kind === "all") return true;
  return scope.codes.includes(scope.kind === "offices" ? place.officeCode : place.communeCode);
}

/** The query condition for documents within a scope (documents carrying officeCode and communeCode). */
export function scopeFilter(scope: Scope): Record<string, unknown> {
  if (scope.kind === "all") return {};
  return scope.kind === "offices" ? { officeCode: { $in: scope.codes } } : { communeCode: { $in: scope.codes } };
}

export function describeScope(scope: Scope): string {
  return scope.kind === "all" ? "all" : `${scope.kind === "offices" ? "office" : "commune"}:${scope.codes.join(",")}`;
}

/** "all", "office:PGD1,PGD2" or "commune:X1,X2" → a scope; null when it is not one of these. */
export function parseScope(text: string): Scope | null {
  const t = text.trim();
  if (t.toLowerCase() === "all") return { kind: "all" };
  const m = /^(office|commune):([A-Za-z0-9_./-]+(?:,[A-Za-z0-9_./-]+)*)$/i.exec(t);
  if (!m) return null;
  const codes = (m[2] as string).split(",").map((c) => c.toUpperCase());
  return { kind: (m[1] as string).toLowerCase() === "office" ? "offices" : "communes", codes };
}

export async function grantOfficer(admin: number, officer: number, scope: Scope): Promise<void> {
  await OfficerModel.findOneAndUpdate(
    { _id: officer },
    {
      $set: {
        active: true,
        scope: { kind: scope.kind, codes: scope.kind === "all" ? [] : scope.codes },
        grantedBy: admin,
        grantedAt: new Date(),
        revokedAt: null,
      },
    },
    { upsert: true },
  );
  await audit(admin, "grant", describeScope(scope), { officer });
}

/** Returns false when there was no active officer with that id. */
export async function revokeOfficer(admin: number, officer: number): Promise<boolean> {
  const result = await OfficerModel.updateOne(
    { _id: officer, active: true },
    { $set: { active: false, revokedAt: new Date() } },
  );
  await audit(admin, "revoke", null, { officer, revoked: result.modifiedCount });
  return result.modifiedCount === 1;
}

/** Appends an officer action to the audit log: who, what, scope and counts; never personal data. */
export async function audit(
  actor: number,
  action: string,
  scope: string | null,
  counts: Record<string, number> = {},
  details: Record<string, string> = {},
): Promise<void> {
  await AuditLogModel.create({ actor: { kind: "telegram", id: String(actor) }, action, scope, counts, details });
}

/**
 * A scope as officers read it: "toàn bộ" or the names of its offices or communes (codes stay in the
 * audit log; people read names). A code without a stored name is shown as it is.
 */
export async function scopeInWords(scope: Scope, allLabel: string): Promise<string> {
  if (scope.kind === "all") return allLabel;
  const communes = await CommuneModel.find({}, { name: 1, officeCode: 1, officeName: 1 }).lean();
  const names = new Map<string, string>();
  for (const c of communes) {
    if (scope.kind === "communes") names.set(String(c._id), c.name);
    else names.set(c.officeCode, c.officeName);
  }
  return scope.codes.map((code) => names.get(code) ?? code).join(", ");
}

/** The name of a commune or group (for an audience in words), or the code when none is stored. */
export async function placeName(kind: "commune" | "group", code: string): Promise<string> {
  const doc =
    kind === "commune"
      ? await CommuneModel.findById(code, { name: 1 }).lean()
      : await GroupModel.findById(code, { name: 1 }).lean();
  return doc?.name ?? code;
}
