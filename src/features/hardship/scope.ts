import { type HardshipReport, reportsOnLists } from "../../data/hardship.js";
import { inScope, type Scope } from "../../domain/scope.js";

/** The lists an officer's scope reads (models/hardshipReport.ts): every read by `_id`. */
export function listsOfScope(scope: Scope): string[] {
  if (scope.kind === "all") return ["all"];
  if (scope.kind === "offices") return scope.codes.map((c) => `office:${c}`);
  if (scope.kind === "points") return [...scope.groups].map((g) => `group:${g}`);
  return scope.codes.map((c) => `commune:${c}`);
}

/** Every report within the scope as stored now (each checked: a list may hold a report moved out). */
export async function reportsInScope(scope: Scope): Promise<HardshipReport[]> {
  return (await reportsOnLists(listsOfScope(scope))).filter((r) => inScope(scope, r));
}
