/**
 * The embedded/test database's one-line patch (docs/ferretdb.md): a lookup by `_id` is an index
 * search, through the MongoDB wire protocol, however large the collection. On MongoDB the same
 * check reads MongoDB's own plan.
 */
import mongoose from "mongoose";
import { describe, expect, inject, it } from "vitest";
import { useTestDatabase } from "../support/database.js";

useTestDatabase();

async function planOfFindById(collection: string, id: string): Promise<string> {
  const db = mongoose.connection.db;
  if (!db) throw new Error("not connected");
  const explained = await db.command({ explain: { find: collection, filter: { _id: id } } });
  return JSON.stringify(explained.queryPlanner);
}

describe("a lookup by _id on the test database", () => {
  it("is an index search at 2,000 and at 20,000 documents", async () => {
    const coll = mongoose.connection.db?.collection<{ _id: string; n: number }>("index_probe");
    if (!coll) throw new Error("not connected");
    const insert = (from: number, to: number) =>
      coll.insertMany(
        Array.from({ length: to - from }, (_, i) => ({ _id: `K${String(from + i).padStart(6, "0")}`, n: from + i })),
      );
    const usesIndex = (plan: string) =>
      inject("databaseKind").startsWith("ferretdb-sqlite")
        ? /SEARCH \S+ USING INDEX \S+__id_/.test(plan) && !plan.includes("SCAN")
        : /IDHACK|EXPRESS_IXSCAN|IXSCAN/.test(plan);
    await insert(0, 2_000);
    const small = await planOfFindById("index_probe", "K001500");
    expect(usesIndex(small), small).toBe(true);
    for (let from = 2_000; from < 20_000; from += 6_000) await insert(from, from + 6_000);
    const large = await planOfFindById("index_probe", "K019999");
    expect(usesIndex(large), large).toBe(true);
    expect((await coll.findOne({ _id: "K019999" }))?.n).toBe(19_999);
  });
});
