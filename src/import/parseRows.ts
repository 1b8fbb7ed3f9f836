import { loadProgrammeCatalogue } from "../catalogue/load.js";
import { columnOf, createRowSchema, type ImportRow } from "./rowSchema.js";
import { type FileFormat, ImportFileError, readRows, type SourceRow } from "./source.js";
import { COLUMNS, type ColumnKey, type HeaderMapping, mapHeaders } from "./template.js";

export interface RowError {
  row: number;
  /** The template header of the column, as the officer sees it. */
  column: string;
  /** Locale key suffix: import-reason-<reason>. */
  reason: string;
  params: Record<string, string | number>;
}

/** A row of the file as parsed: its values, or what is wrong with its cells. */
export type ParsedRow = { row: number; data: ImportRow } | { row: number; errors: RowError[] };

/** Reads the header row and returns the mapping, or raises the file-level error it deserves. */
async function readHeader(rows: AsyncIterator<SourceRow>): Promise<HeaderMapping & { width: number }> {
  const first = await rows.next();
  if (first.done) throw new ImportFileError("empty-file");
  const mapping = mapHeaders(first.value.cells);
  if (mapping.missing.length > 0) throw new ImportFileError("missing-columns", { columns: mapping.missing.join(", ") });
  if (mapping.duplicated.length > 0)
    throw new ImportFileError("duplicate-columns", { columns: mapping.duplicated.join(", ") });
  if (mapping.unknown.length > 0) throw new ImportFileError("unknown-columns", { columns: mapping.unknown.join(", ") });
  return { ...mapping, width: first.value.cells.length };
}

function toRecord(mapping: HeaderMapping, cells: readonly string[]): Partial<Record<ColumnKey, string>> {
  const record: Partial<Record<ColumnKey, string>> = {};
  for (const [index, key] of mapping.positions) record[key] = cells[index] ?? "";
  return record;
}

/** Parses rows of a file already known to be valid or not; yields parsed rows and row errors. */
export async function* parseRows(path: string, format: FileFormat): AsyncGenerator<ParsedRow> {
  const programmeCodes = new Set(loadProgrammeCatalogue().programmes.map((p) => p.code));
  const schema = createRowSchema(programmeCodes);
  const rows = readRows(path, format);
  const mapping = await readHeader(rows);
  for await (const { row, cells } of rows) {
    // Cells past the header's last column would be dropped silently: they are an error instead.
    const extra = cells.findIndex((c, i) => i >= mapping.width && c.trim() !== "");
    if (extra >= 0) {
      yield { row, errors: [{ row, column: `#${extra + 1}`, reason: "extra-cells", params: { position: extra + 1 } }] };
      continue;
    }
    const raw = toRecord(mapping, cells);
    const parsed = schema.safeParse(raw);
    if (parsed.success) {
      yield { row, data: parsed.data };
      continue;
    }
    yield {
      row,
      errors: parsed.error.issues.map((issue) => {
        const key = columnOf(issue.path[0]);
        const detail = ((issue as { params?: { reason?: string; params?: Record<string, string | number> } }).params ??
          {}) as { reason?: string; params?: Record<string, string | number> };
        const { otherKey, ...params } = detail.params ?? {};
        if (typeof otherKey === "string") params.other = COLUMNS[otherKey as ColumnKey].header;
        return { row, column: COLUMNS[key]?.header ?? String(key), reason: detail.reason ?? "required", params };
      }),
    };
  }
}
