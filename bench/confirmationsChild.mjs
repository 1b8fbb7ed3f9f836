// The record step of bench:confirmations alone, on the compiled code (dist/, built by the bench):
// node bench/confirmationsChild.mjs <second file> <database uri> <its date>. Prints one JSON line.
import mongoose from "mongoose";
import { calendarOf, loadHolidays } from "../dist/catalogue/load.js";
import { recordImportChanges } from "../dist/confirmations/record.js";
import { connectDatabase } from "../dist/data/connection.js";
import { pointFields } from "../dist/import/documents.js";
import { parseRows } from "../dist/import/parseRows.js";

const [path, uri, asOf] = process.argv.slice(2);
await connectDatabase(uri);
const points = new Map();
async function* rows() {
  for await (const item of parseRows(path, "csv")) {
    if ("errors" in item) throw new Error(`row ${item.row} is invalid`);
    const r = item.data;
    if (!points.has(r.pointCode)) {
      points.set(r.pointCode, pointFields(r));
    }
    yield r;
  }
}
const t0 = performance.now();
const summary = await recordImportChanges({
  rows: rows(),
  fullSnapshot: null,
  points,
  importBatchId: "bench-second",
  asOf,
  calendar: calendarOf(loadHolidays()),
  dryRun: false,
  now: new Date(`${asOf}T03:00:00Z`),
});
const ms = Math.round(performance.now() - t0);
console.log(JSON.stringify({ ms, peakMb: 0, summary }));
await mongoose.disconnect();
