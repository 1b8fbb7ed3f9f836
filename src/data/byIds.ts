import mongoose, { type Model } from "mongoose";

let ferretdb: Promise<boolean> | null = null;
let checkedConnection: unknown = null;

let forced: boolean | null = null;

/**
 * Makes `isFerretdb()` answer `ferretdb` regardless of the server (null: ask the server again). For
 * tests, which run the plain MongoDB way on FerretDB too, where FerretDB supports it.
 */
export function forceServerKindForTests(ferretdb: boolean | null): void {
  forced = ferretdb;
}

/** Whether the server is FerretDB (checked once per connection, from buildInfo). */
export function isFerretdb(): Promise<boolean> {
  if (forced !== null) return Promise.resolve(forced);
  const db = mongoose.connection.db;
  if (!ferretdb || checkedConnection !== db) {
    checkedConnection = db;
    ferretdb = (db?.admin().command({ buildInfo: 1 }) ?? Promise.resolve({})).then((info) => "ferretdbVersion" in info);
  }
  return ferretdb;
}

/**
 * The documents with these `_id`s. On MongoDB one `$in` query, served by the `_id` index. FerretDB v1
 * pushes down only a filter that is exactly `{_id: <string or ObjectId>}`, so an `$in` reads the
 * whole collection; there string keys are looked up one by one, side by side, each an index search
 * in the patched build (docs/ferretdb.md), and numeric keys with one `$in` (one scan in all).
 */
export async function findByIds<T>(
  // biome-ignore lint/suspicious/noExplicitAny: any model whose documents are read as plain objects.
  model: Model<any>,
  ids: readonly (string | number)[],
  projection: Record<string, 0 | 1>,
): Promise<T[]> {
  if (ids.length === 0) return [];
  // FerretDB pushes down an `_id` that is a string or ObjectId, not a number: numeric keys (chat ids)
  // are read with one `$in` too, one scan instead of one per id.
  const numeric = ids.some((id) => typeof id === "number");
  if (numeric || !(await isFerretdb())) return model.find({ _id: { $in: ids } }, projection).lean<T[]>();
  // A bounded number in flight: tens of thousands of queued lookups would each hold memory in the driver.
  const found: T[] = [];
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < ids.length; i = next++) {
      const doc = await model.findById(ids[i], projection).lean<T>();
      if (doc !== null) found.push(doc as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(LOOKUPS_IN_FLIGHT, ids.length) }, worker));
  return found;
}

/** Lookups by `_id` side by side on FerretDB: enough to keep its cores busy, few enough to hold little. */
const LOOKUPS_IN_FLIGHT = 48;
