import { describe, expect, it } from "vitest";
import { isFerretdb } from "../../src/data/byIds.js";
import { ensureIndexes } from "../../src/data/connection.js";
import { DeliveryModel, LoanModel } from "../../src/data/models/index.js";
import { useTestDatabase } from "../support/database.js";

useTestDatabase();

const keysOf = async (model: typeof LoanModel) =>
  (await model.collection.indexes()).map((i) => ({ key: JSON.stringify(i.key), unique: i.unique === true }));

describe("indexes on the server", () => {
  // (No model declares a unique secondary index today: once-only keys are `_id`s.)
  it("on MongoDB every declared index; on FerretDB (which reads none but _id's) only the unique ones, old ones dropped", async () => {
    // What an earlier version created on every server.
    await LoanModel.collection.createIndex({ householdCode: 1 });
    await ensureIndexes([LoanModel, DeliveryModel]);
    for (const model of [LoanModel, DeliveryModel] as (typeof LoanModel)[]) {
      const found = await keysOf(model);
      const declared = model.schema.indexes();
      const unique = declared.filter(([, o]) => o?.unique).map(([k]) => JSON.stringify(k));
      for (const key of unique) expect(found).toContainEqual({ key, unique: true });
      const secondary = found.filter((i) => i.key !== '{"_id":1}' && !i.unique);
      if (await isFerretdb()) expect(secondary).toEqual([]);
      else expect(secondary.length).toBe(declared.filter(([, o]) => !o?.unique).length);
    }
  });
});
