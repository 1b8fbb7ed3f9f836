import { describe, expect, it } from "vitest";
import { filtersOf, shapeOf, wholeRead } from "../../src/data/commandLog.js";
import { declaredIndexes, servedByIndex } from "../support/indexCoverage.js";

describe("index coverage check", () => {
  const indexes = declaredIndexes();
  const served = (collection: string, filter: Record<string, unknown>) =>
    servedByIndex(shapeOf(filter), indexes.get(collection) ?? []);

  it("records shapes, never values", () => {
    const shape = shapeOf({ chatId: 867207431, householdCode: { $ne: null }, at: { $gte: new Date(0) } });
    expect(shape).toEqual({ chatId: "eq", householdCode: "$ne", at: "$gte" });
    expect(JSON.stringify(shape)).not.toContain("867207431");
  });

  it("reads the filters of each command kind", () => {
    expect(filtersOf("find", { find: "loans", filter: { householdCode: "KH1" } })[0]?.shape).toEqual({
      householdCode: "eq",
    });
    expect(filtersOf("update", { update: "x", updates: [{ q: { _id: 1 } }, { q: { a: 1 } }] })).toHaveLength(2);
    expect(filtersOf("aggregate", { aggregate: "x", pipeline: [{ $match: { planDate: "d" } }] })[0]?.shape).toEqual({
      planDate: "eq",
    });
    expect(filtersOf("insert", { insert: "x", documents: [] })).toEqual([]);
    expect(filtersOf("find", { find: "x", filter: {}, comment: wholeRead("a backup") })[0]?.comment).toBe(
      "whole-read: a backup",
    );
  });

  it("accepts an equality or range on an index's first field, and $or when every branch is served", () => {
    expect(served("loans", { householdCode: "KH1", status: "open" })).toBe(true);
    expect(served("delivery_batches", { status: "pending", notBefore: { $lte: new Date() } })).toBe(true);
    expect(served("households", { $and: [{ communeCode: { $in: ["X1"] } }, { groupRole: "head" }] })).toBe(true);
    expect(served("broadcasts", { $or: [{ status: "queued" }, { status: "cancelled", counts: null }] })).toBe(true);
  });

  it("refuses a filter no index leads with: a second index field alone, a negation, an unanchored regex, nothing", () => {
    expect(served("loans", { overdueSince: "2026-11-20" })).toBe(false);
    expect(served("loans", { overdueSince: { $ne: null } })).toBe(false);
    expect(served("sessions", { _id: { $regex: ":42$" } })).toBe(false);
    expect(served("households", {})).toBe(false);
    expect(served("broadcasts", { $or: [{ status: "queued" }, { body: "x" }] })).toBe(false);
  });
});
