import { appendAudit } from "../data/audit.js";
import { communeNames, placeNameOf } from "../data/book.js";
import { groupCodesOfPoints, pointsByCode } from "../data/points.js";
import { activeOfficerScope, activeOfficers, deactivateOfficer, saveOfficerGrant } from "../data/staff.js";
import {
  describeScope,
  officerScope,
  resolvedScope,
  type Scope,
  type ScopeGrant,
  type Staff,
} from "../domain/scope.js";
import { isLocale, type Locale } from "../i18n.js";

export {
  describeScope,
  grantOf,
  inScope,
  officerScope,
  parseScope,
  type Scope,
  type ScopeGrant,
  type Staff,
} from "../domain/scope.js";

/**
 * What a grant covers now: a points grant covers the groups that keep those points in stored data
 * at this moment (a group an import moved to another point leaves it).
 */
export async function resolveScope(grant: ScopeGrant): Promise<Scope> {
  return resolvedScope(grant, grant.kind === "points" ? await groupCodesOfPoints(grant.codes) : new Set());
}

/** Someone asked to approve a maker's action (four eyes), in their language. */
export interface Approver {
  id: number;
  locale: Locale;
}

/**
 * Admins and active officers other than `maker`, once each, whose scope as stored now `covers` what
 * is to be approved (admins' scope is everything; an officer with an unreadable grant is nobody's).
 */
export async function approversCovering(
  adminIds: readonly number[],
  maker: number,
  covers: (scope: Scope) => boolean,
): Promise<Approver[]> {
  const candidates: (Approver & { scope: Scope | null })[] = adminIds.map((id) => ({
    id,
    locale: "vi",
    scope: { kind: "all" },
  }));
  for (const o of await activeOfficers()) {
    const grant = officerScope(o.scope);
    candidates.push({
      id: o.telegramUserId,
      locale: isLocale(o.language) ? o.language : "vi",
      scope: grant ? await resolveScope(grant) : null,
    });
  }
  const seen = new Set<number>([maker]);
  return candidates
    .filter((c) => {
      if (seen.has(c.id) || !c.scope || !covers(c.scope)) return false;
      seen.add(c.id);
      return true;
    })
    .map(({ id, locale }) => ({ id, locale }));
}

/** The staff role of a Telegram user, read on every request (a revoked officer loses it at once). */
export async function staffRole(telegramUserId: number, adminIds: readonly number[]): Promise<Staff | null> {
  if (adminIds.includes(telegramUserId)) return { telegramUserId, role: "admin", scope: { kind: "all" } };
  const grant = officerScope(await activeOfficerScope(telegramUserId));
  return grant ? { telegramUserId, role: "officer", scope: await resolveScope(grant) } : null;
}

export async function grantOfficer(admin: number, officer: number, scope: ScopeGrant): Promise<void> {
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
export async function scopeInWords(scope: Scope | ScopeGrant, allLabel: string): Promise<string> {
  if (scope.kind === "all") return allLabel;
  const names = new Map<string, string>();
  if (scope.kind === "points") {
    for (const p of await pointsByCode(scope.codes)) names.set(p.code, `${p.name} (${p.communeName})`);
  } else {
    for (const c of await communeNames()) {
      if (scope.kind === "communes") names.set(c.code, c.name);
      else names.set(c.officeCode, c.officeName);
    }
  }
  return scope.codes.map((code) => names.get(code) ?? code).join(", ");
}

/** The name of a commune or group (for an audience in words), or the code when none is stored. */
export async function placeName(kind: "commune" | "point" | "group", code: string): Promise<string> {
  return (await placeNameOf(kind, code)) ?? code;
}
