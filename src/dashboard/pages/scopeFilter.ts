import { groupCodesOfPoints } from "../../data/points.js";
import { pointInScope, type Scope } from "../../domain/scope.js";
import type { Structure } from "../../features/stats/overdue.js";

/** What the page asks to narrow the overview to: one office or one transaction point (or nothing). */
export type OverviewFilter = { kind: "office" | "point"; code: string } | null;

const CODE = /^[A-Za-z0-9_.-]{1,40}$/;

/** The query's filter, or "bad" for a malformed one (only `office` or `point`, one code). */
export function parseOverviewFilter(query: Record<string, string>): OverviewFilter | "bad" {
  const keys = Object.keys(query);
  if (keys.length === 0) return null;
  const [key] = keys;
  if (keys.length > 1 || (key !== "office" && key !== "point")) return "bad";
  const code = query[key] ?? "";
  return CODE.test(code) ? { kind: key, code } : "bad";
}

/**
 * The scope the overview is computed in: the officer's own (as stored now), narrowed by the filter
 * when the whole office or point lies within it; null when it does not, or does not exist (the same
 * answer, so a parameter tells nothing of places outside the scope).
 */
export async function narrowedScope(scope: Scope, filter: OverviewFilter, structure: Structure): Promise<Scope | null> {
  if (!filter) return scope;
  if (filter.kind === "office") {
    const known = structure.communes.some((c) => c.officeCode === filter.code);
    const covered = scope.kind === "all" || (scope.kind === "offices" && scope.codes.includes(filter.code));
    return known && covered ? { kind: "offices", codes: [filter.code] } : null;
  }
  const point = structure.points.find((p) => p.code === filter.code);
  if (!point || !pointInScope(scope, point)) return null;
  return { kind: "points", codes: [point.code], groups: await groupCodesOfPoints([point.code]) };
}
