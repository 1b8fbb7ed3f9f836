import type { Scope } from "../domain/scope.js";

/** The query condition for documents within a scope (documents carrying officeCode and communeCode). */
export function scopeFilter(scope: Scope): Record<string, unknown> {
  if (scope.kind === "all") return {};
  return scope.kind === "offices" ? { officeCode: { $in: scope.codes } } : { communeCode: { $in: scope.codes } };
}
