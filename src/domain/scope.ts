/** Who may use the officer features: admins (ADMIN_TELEGRAM_IDS) and officers granted by an admin. */
export type Scope = { kind: "all" } | { kind: "offices" | "communes"; codes: string[] };
export interface Staff {
  telegramUserId: number;
  role: "admin" | "officer";
  scope: Scope;
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
