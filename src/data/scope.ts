import type { Scope } from "../domain/scope.js";

/**
 * The query condition for documents within a scope (documents carrying officeCode, communeCode and
 * groupCode). A points scope is its groups (indexes `groupCode` on households, `groupCode,
 * overdueSince` on loans).
 */
export function scopeFilter(scope: Scope): Record<string, unknown> {
  switch (scope.kind) {
    case "all":
      return {};
    case "offices":
      return { officeCode: { $in: scope.codes } };
    case "communes":
      return { communeCode: { $in: scope.codes } };
    case "points":
      return { groupCode: { $in: [...scope.groups] } };
  }
}
