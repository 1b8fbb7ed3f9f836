import type { Model } from "mongoose";
import { CommuneModel, GroupModel, HouseholdModel, LoanModel } from "../db/models/index.js";
import { COLUMNS, type ColumnKey } from "./template.js";
import type { ValidationResult } from "./validate.js";

export interface Place {
  communeCode: string;
  officeCode: string;
}

/** A row the importer may not write for this officer: its place, in the file or as stored, is outside their scope. */
export interface ScopeRefusal {
  row: number;
  column: string;
  code: string;
}

const LOOKUP_CHUNK = 5_000;

/** Stored places of the documents with these `_id`s (one read per chunk). */
async function storedPlaces(
  // biome-ignore lint/suspicious/noExplicitAny: the four models share the fields read here.
  model: Model<any>,
  ids: string[],
  placeOf: (doc: { _id: unknown; communeCode?: string; officeCode: string }) => Place,
): Promise<Map<string, Place>> {
  const places = new Map<string, Place>();
  for (let i = 0; i < ids.length; i += LOOKUP_CHUNK) {
    const docs = await model
      .find({ _id: { $in: ids.slice(i, i + LOOKUP_CHUNK) } }, { communeCode: 1, officeCode: 1 })
      .lean();
    for (const doc of docs as { _id: unknown; communeCode?: string; officeCode: string }[]) {
      places.set(String(doc._id), placeOf(doc));
    }
  }
  return places;
}

/**
 * The rows of a validated file that lie outside a scope: every commune the file writes (its place in
 * the file), and every household, loan, group and commune it would change, at its place as stored.
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
  // biome-ignore lint/suspicious/noExplicitAny: the four models share the fields read here.
  const checks: [Model<any>, Map<string, number>, ColumnKey][] = [
    [CommuneModel, firstRows.communes, "communeCode"],
    [GroupModel, firstRows.groups, "groupCode"],
    [HouseholdModel, firstRows.households, "customerCode"],
    [LoanModel, firstRows.loans, "loanNumber"],
  ];
  for (const [model, rows, column] of checks) {
    const stored = await storedPlaces(model, [...rows.keys()], (doc) => ({
      communeCode: doc.communeCode ?? String(doc._id),
      officeCode: doc.officeCode,
    }));
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
