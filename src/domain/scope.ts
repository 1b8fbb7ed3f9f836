/**
 * Who may use the officer features: admins (ADMIN_TELEGRAM_IDS) and officers granted by an admin,
 * each within a scope: everything, some offices (phòng giao dịch), some communes, or some
 * transaction points. A grant names codes; what a points grant covers is the groups that keep those
 * points, read from stored data when the officer acts (staff/roles.ts resolveScope).
 */
export type ScopeKind = "offices" | "communes" | "points";
export type ScopeGrant = { kind: "all" } | { kind: ScopeKind; codes: string[] };
export type Scope =
  | { kind: "all" }
  | { kind: "offices" | "communes"; codes: string[] }
  | { kind: "points"; codes: string[]; groups: ReadonlySet<string> };

export interface Staff {
  telegramUserId: number;
  role: "admin" | "officer";
  scope: Scope;
}

/** Where a record lies. A place with no group (a commune's total) is never within a points scope. */
export interface Place {
  communeCode: string;
  officeCode: string;
  groupCode?: string | null;
}

const SCOPE_KINDS: readonly string[] = ["offices", "communes", "points"];

/** An officer record's scope as a grant (null when the record has none or an unknown kind). */
export function officerScope(stored: { kind: string; codes: string[] } | null | undefined): ScopeGrant | null {
  if (!stored) return null;
  if (stored.kind === "all") return { kind: "all" };
  if (!SCOPE_KINDS.includes(stored.kind)) return null;
  return { kind: stored.kind as ScopeKind, codes: stored.codes };
}

/** The grant a resolved scope came from (what can be passed to another process). */
export function grantOf(scope: Scope): ScopeGrant {
  return scope.kind === "all" ? scope : { kind: scope.kind, codes: scope.codes };
}

/** A grant with what its points cover (the groups that keep them today); other grants as they are. */
export function resolvedScope(grant: ScopeGrant, groupsOfPoints: ReadonlySet<string>): Scope {
  if (grant.kind === "all") return grant;
  if (grant.kind === "points") return { kind: "points", codes: grant.codes, groups: groupsOfPoints };
  return { kind: grant.kind, codes: grant.codes };
}

export function inScope(scope: Scope, place: Place): boolean {
  switch (scope.kind) {
    case "all":
      return true;
    case "offices":
      return scope.codes.includes(place.officeCode);
    case "communes":
      return scope.codes.includes(place.communeCode);
    case "points":
      return place.groupCode != null && scope.groups.has(place.groupCode);
  }
}

/** Whether a transaction point lies within a scope (for its own totals, not its groups'). */
export function pointInScope(scope: Scope, point: { code: string; communeCode: string; officeCode: string }): boolean {
  if (scope.kind === "points") return scope.codes.includes(point.code);
  return inScope(scope, point);
}

const LABELS: Record<ScopeKind, string> = { offices: "office", communes: "commune", points: "point" };

export function describeScope(scope: ScopeGrant | Scope): string {
  return scope.kind === "all" ? "all" : `${LABELS[scope.kind]}:${scope.codes.join(",")}`;
}

/** "all", "office:PGD1,PGD2", "commune:X1,X2" or "point:D1,D2" → a grant; null when it is none of these. */
export function parseScope(text: string): ScopeGrant | null {
  const t = text.trim();
  if (t.toLowerCase() === "all") return { kind: "all" };
  const m = /^(office|commune|point):([A-Za-z0-9_./-]+(?:,[A-Za-z0-9_./-]+)*)$/i.exec(t);
  if (!m) return null;
  const codes = (m[2] as string).split(",").map((c) => c.toUpperCase());
  const label = (m[1] as string).toLowerCase();
  const kind = (Object.keys(LABELS) as ScopeKind[]).find((k) => LABELS[k] === label) as ScopeKind;
  return { kind, codes };
}
