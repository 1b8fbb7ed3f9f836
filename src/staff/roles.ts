import { appendAudit } from "../data/audit.js";
import { communeNames, placeNameOf } from "../data/book.js";
import { activeOfficerScope, deactivateOfficer, saveOfficerGrant } from "../data/staff.js";
import { describeScope, officerScope, type Scope, type Staff } from "../domain/scope.js";

export { describeScope, inScope, officerScope, parseScope, type Scope, type Staff } from "../domain/scope.js";

/** The staff role of a Telegram user, read on every request (a revoked officer loses it at once). */
export async function staffRole(telegramUserId: number, adminIds: readonly number[]): Promise<Staff | null> {
  if (adminIds.includes(telegramUserId)) return { telegramUserId, role: "admin", scope: { kind: "all" } };
  const scope = officerScope(await activeOfficerScope(telegramUserId));
  return scope ? { telegramUserId, role: "officer", scope } : null;
}

export async function grantOfficer(admin: number, officer: number, scope: Scope): Promise<void> {
  await saveOfficerGrant(officer, { kind: scope.kind, codes: scope.kind === "all" ? [] : scope.codes }, admin);
  await audit(admin, "grant", describeScope(scope), { officer });
}

/** Returns false when there was no active officer with that id. */
export async function revokeOfficer(admin: number, officer: number): Promise<boolean> {
  const revoked = await deactivateOfficer(officer);
  await audit(admin, "revoke", null, { officer, revoked: revoked ? 1 : 0 });
  return revoked;
}

/** Appends an officer action to the audit log: who, what, scope and counts; never personal data. */
export async function audit(
  actor: number,
  action: string,
  scope: string | null,
  counts: Record<string, number> = {},
  details: Record<string, string> = {},
): Promise<void> {
  await appendAudit({ actor: { kind: "telegram", id: String(actor) }, action, scope, counts, details });
}

/**
 * A scope as officers read it: "toàn bộ" or the names of its offices or communes (codes stay in the
 * audit log; people read names). A code without a stored name is shown as it is.
 */
export async function scopeInWords(scope: Scope, allLabel: string): Promise<string> {
  if (scope.kind === "all") return allLabel;
  const names = new Map<string, string>();
  for (const c of await communeNames()) {
    if (scope.kind === "communes") names.set(c.code, c.name);
    else names.set(c.officeCode, c.officeName);
  }
  return scope.codes.map((code) => names.get(code) ?? code).join(", ");
}

/** The name of a commune or group (for an audience in words), or the code when none is stored. */
export async function placeName(kind: "commune" | "group", code: string): Promise<string> {
  return (await placeNameOf(kind, code)) ?? code;
}
