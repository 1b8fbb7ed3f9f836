import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { RecordedFilter, Shape } from "../../src/data/commandLog.js";
import * as models from "../../src/data/models/index.js";
import { type Allowance, INDEX_ALLOW_LIST } from "./indexAllowList.js";

/** Operators with which MongoDB bounds an index scan on a field (a regex only when anchored). */
const BOUNDING = new Set(["eq", "$eq", "$in", "$gt", "$gte", "$lt", "$lte", "$regex^", "$all"]);

/** Collection → the key lists of its declared indexes (with `_id`), from the mongoose schemas. */
export function declaredIndexes(): Map<string, string[][]> {
  const byCollection = new Map<string, string[][]>();
  for (const model of Object.values(models)) {
    if (typeof model !== "function" || !("schema" in model)) continue;
    const keys = model.schema.indexes().map(([fields]) => Object.keys(fields));
    byCollection.set(model.collection.collectionName, [["_id"], ...keys]);
  }
  return byCollection;
}

const bounds = (operators: string) => operators.split(",").every((op) => BOUNDING.has(op));

/**
 * Whether an index serves the filter by MongoDB's rules: some index's first field is bounded by an
 * equality or range in the filter (fields ANDed at the top level or in `$and`); a filter with `$or`
 * is also served when every branch is.
 */
export function servedByIndex(shape: Shape, indexes: readonly string[][]): boolean {
  const bounded = new Set<string>();
  const collect = (s: Shape) => {
    for (const [field, value] of Object.entries(s)) {
      if (field === "$and") for (const branch of value as Shape[]) collect(branch);
      else if (typeof value === "string" && bounds(value)) bounded.add(field);
    }
  };
  collect(shape);
  if (indexes.some((keys) => keys[0] !== undefined && bounded.has(keys[0]))) return true;
  const or = shape.$or as Shape[] | undefined;
  return or !== undefined && or.length > 0 && or.every((branch) => servedByIndex(branch, indexes));
}

export const shapeKey = (shape: Shape): string =>
  JSON.stringify(shape, (_k, v) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );

export interface CoverageReport {
  checked: number;
  allowListed: number;
  unindexed: RecordedFilter[];
  /** Allow-list entries no recorded filter used (stale). */
  unusedAllowances: string[];
}

/** Reads what every process of the run recorded and holds each filter against the indexes and the allow-list. */
export function checkRecordedFilters(dir: string): CoverageReport {
  const indexes = declaredIndexes();
  const recorded = new Map<string, RecordedFilter>();
  if (existsSync(dir)) {
    for (const file of readdirSync(dir)) {
      for (const line of readFileSync(join(dir, file), "utf8").split("\n")) {
        if (!line) continue;
        const filter = JSON.parse(line) as RecordedFilter;
        recorded.set(
          `${filter.collection} ${filter.command} ${shapeKey(filter.shape)} ${filter.comment ?? ""}`,
          filter,
        );
      }
    }
  }
  const allowanceKey = (a: { collection: string; shape: Shape }) => `${a.collection} ${shapeKey(a.shape)}`;
  const allowed = new Map<string, Allowance[]>();
  for (const a of INDEX_ALLOW_LIST) allowed.set(allowanceKey(a), [...(allowed.get(allowanceKey(a)) ?? []), a]);
  const used = new Set<string>();
  const unindexed: RecordedFilter[] = [];
  let allowListed = 0;
  for (const filter of recorded.values()) {
    const known = indexes.get(filter.collection);
    if (!known) continue; // a collection no model declares (a test's own scratch data)
    if (servedByIndex(filter.shape, known)) continue;
    if (filter.comment?.startsWith("whole-read: ")) {
      allowListed++;
      continue;
    }
    const key = allowanceKey(filter);
    const allowance = allowed.get(key)?.find((a) => !a.commands || a.commands.includes(filter.command));
    if (allowance) {
      used.add(key);
      allowListed++;
      continue;
    }
    unindexed.push(filter);
  }
  return {
    checked: recorded.size,
    allowListed,
    unindexed,
    unusedAllowances: [...allowed.keys()].filter((k) => !used.has(k)),
  };
}
