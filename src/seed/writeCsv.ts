import { createWriteStream } from "node:fs";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { stringify } from "csv-stringify";
import { COLUMN_KEYS, type ColumnKey, HEADERS } from "../import/template.js";

/** Writes template rows to a UTF-8 CSV file with the Vietnamese header row. */
export async function writeTemplateCsv(
  path: string,
  rows: Iterable<Partial<Record<ColumnKey, string>>>,
): Promise<void> {
  const records = (function* () {
    for (const row of rows) yield COLUMN_KEYS.map((k) => row[k] ?? "");
  })();
  await pipeline(Readable.from(records), stringify({ header: true, columns: HEADERS }), createWriteStream(path));
}
