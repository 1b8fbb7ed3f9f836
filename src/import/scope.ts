import { type Place, storedPlacesOf } from "../data/imports.js";
import { COLUMNS, type ColumnKey } from "./template.js";
import type { ValidationResult } from "./validate.js";

export type { Place } from "../data/imports.js";

/** A row the importer may not write for this officer: its place, in the file or as stored, is outside their scope. */
export interface ScopeRefusal {
  row: number;
  column: string;
  code: string;
}

/**
 * The rows of a validated file that lie outside a scope: every commune the file writes (its place in
 * the file), and every household, loan, group, transaction point and commune it would change, at its
 * place as stored.
 * Checking the file alone is not enough: a row could move a household of another commune into one's
 * own by writing the own commune on it. One refusal refuses the whole file.
 */
export async function rowsOutsideScope(
  validation: ValidationResult,
  allowed: (place: Place) => boolean,
): Promise<ScopeRefusal[]> {
  const refusals: ScopeRefusal[] = [];
  const refuse = (row: number | undefined, column: ColumnKey, code: string) =>
    refusals.push({ row: row ?? 0, column: COLUMNS[column].header, code });
  const { firstRows } = validation;

  for (const [communeCode, fields] of validation.communes) {
    if (!allowed({ communeCode, officeCode: fields.officeCode })) {
      refuse(firstRows.communes.get(communeCode), "communeCode", communeCode);
    }
  }
  const checks = [
    ["commune", firstRows.communes, "communeCode"],
    ["point", firstRows.points, "pointCode"],
    ["group", firstRows.groups, "groupCode"],
    ["household", firstRows.households, "customerCode"],
    ["loan", firstRows.loans, "loanNumber"],
  ] as const;
  for (const [kind, rows, column] of checks) {
    const stored = await storedPlacesOf(kind, [...rows.keys()]);
    for (const [code, place] of stored) if (!allowed(place)) refuse(rows.get(code), column, code);
  }
  const seen = new Set<string>();
  return refusals
    .filter((r) => {
      const key = `${r.row}\u0000${r.column}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .sort((a, b) => a.row - b.row);
}
