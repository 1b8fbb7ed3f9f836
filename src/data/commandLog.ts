import { appendFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import type { mongo } from "mongoose";

/**
 * Records the shape of every query filter this process sends (field names and operators, never
 * values), one JSON line per new shape, into `<dir>/<pid>.jsonl`. Switched on by the test suite
 * (TINDUNG_COMMAND_LOG) so that the index-coverage check can hold every filter against the declared
 * indexes; never on in production.
 */

export type Shape = { [field: string]: string | Shape[] };
export interface RecordedFilter {
  collection: string;
  command: string;
  shape: Shape;
  /** The command's `comment`: a read marked "whole-read: <reason>" is a deliberate full read. */
  comment?: string;
}

/** The comment that marks a deliberate read of a whole collection (shown in MongoDB's logs too). */
export const wholeRead = (reason: string): string => `whole-read: ${reason}`;

const QUERY_OPERATORS = new Set([
  "$in",
  "$nin",
  "$gt",
  "$gte",
  "$lt",
  "$lte",
  "$ne",
  "$eq",
  "$regex",
  "$exists",
  "$not",
  "$all",
  "$size",
  "$type",
  "$elemMatch",
  "$options",
]);

function isOperatorObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== "object" || Array.isArray(value) || value instanceof Date) return false;
  const keys = Object.keys(value);
  return keys.length > 0 && keys.every((k) => k.startsWith("$"));
}

/** A filter's shape: each field's operators ("eq" for a plain value), `$or`/`$and`/`$nor` as lists of shapes. */
export function shapeOf(filter: Record<string, unknown> | undefined | null): Shape {
  const shape: Shape = {};
  for (const [key, value] of Object.entries(filter ?? {})) {
    if (key === "$or" || key === "$and" || key === "$nor") {
      shape[key] = (value as Record<string, unknown>[]).map((branch) => shapeOf(branch));
    } else if (isOperatorObject(value)) {
      const ops = Object.keys(value).filter((op) => QUERY_OPERATORS.has(op) && op !== "$options");
      if (ops.includes("$regex")) {
        const pattern = String((value as { $regex: unknown }).$regex);
        shape[key] = ops
          .map((op) => (op === "$regex" ? (pattern.startsWith("^") ? "$regex^" : "$regex") : op))
          .sort()
          .join(",");
      } else shape[key] = ops.sort().join(",");
    } else shape[key] = "eq";
  }
  return shape;
}

const sortedJson = (value: unknown): string =>
  JSON.stringify(value, (_k, v) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );

/** The filters of one command as the server receives it (none for writes that match nothing). */
export function filtersOf(commandName: string, command: Record<string, unknown>): RecordedFilter[] {
  const collection = String(command[commandName] ?? "");
  const comment = typeof command.comment === "string" ? { comment: command.comment } : {};
  const one = (filter: unknown) => [
    { collection, command: commandName, shape: shapeOf(filter as Record<string, unknown>), ...comment },
  ];
  switch (commandName) {
    case "find":
      return one(command.filter);
    case "count":
    case "distinct":
    case "findAndModify":
      return one(command.query);
    case "update":
      return (command.updates as { q: unknown }[]).flatMap((u) => one(u.q));
    case "delete":
      return (command.deletes as { q: unknown }[]).flatMap((d) => one(d.q));
    case "aggregate": {
      const first = (command.pipeline as Record<string, unknown>[] | undefined)?.[0];
      return first && "$match" in first ? one(first.$match) : one({});
    }
    default:
      return [];
  }
}

/** Starts recording on this client when TINDUNG_COMMAND_LOG names a directory. */
export function recordCommandsIfAsked(client: mongo.MongoClient): void {
  const dir = process.env.TINDUNG_COMMAND_LOG;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${process.pid}.jsonl`);
  const seen = new Set<string>();
  client.on("commandStarted", (event) => {
    for (const recorded of filtersOf(event.commandName, event.command as Record<string, unknown>)) {
      if (recorded.collection.startsWith("system.")) continue;
      const line = sortedJson(recorded);
      if (seen.has(line)) continue;
      seen.add(line);
      appendFileSync(file, `${line}\n`);
    }
  });
}

/** Whether this process should ask the driver for command events. */
export const commandLogRequested = (): boolean => Boolean(process.env.TINDUNG_COMMAND_LOG);
