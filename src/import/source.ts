import { createReadStream } from "node:fs";
import { open, stat } from "node:fs/promises";
import { extname } from "node:path";
import { Transform, type TransformCallback } from "node:stream";
import { parse } from "csv-parse";
import type ExcelJS from "exceljs";
import { localDate } from "../domain/dates.js";
import { checkXlsxArchive } from "./zipLimits.js";

export type FileFormat = "csv" | "xlsx";

/** A problem with the file as a whole; `code` names a locale key `import-error-<code>`. */
export class ImportFileError extends Error {
  constructor(
    readonly code: string,
    readonly params: Record<string, string | number> = {},
  ) {
    super(code);
  }
}

export interface SourceRow {
  /** 1-based row number as a spreadsheet shows it (the header is row 1). */
  row: number;
  cells: string[];
}

export function detectFormat(path: string): FileFormat {
  const ext = extname(path).toLowerCase();
  if (ext === ".csv" || ext === ".txt") return "csv";
  if (ext === ".xlsx") return "xlsx";
  throw new ImportFileError("unknown-format");
}

/** Rejects empty files and UTF-16 exports before any parsing. */
export async function checkFile(path: string, format: FileFormat): Promise<void> {
  const info = await stat(path).catch((error: Error) => {
    throw new ImportFileError("unreadable", { reason: error.message });
  });
  if (info.size === 0) throw new ImportFileError("empty-file");
  if (format === "xlsx") return checkXlsxArchive(path);
  const handle = await open(path, "r");
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(512), 0, 512, 0);
    const head = buffer.subarray(0, bytesRead);
    const bom16 = (head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff);
    if (bom16 || head.includes(0)) throw new ImportFileError("encoding-utf16");
  } finally {
    await handle.close();
  }
}

/** Passes bytes through unchanged while checking that they are valid UTF-8. */
class Utf8Guard extends Transform {
  private readonly decoder = new TextDecoder("utf-8", { fatal: true });

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    try {
      this.decoder.decode(chunk, { stream: true });
      callback(null, chunk);
    } catch {
      callback(new ImportFileError("encoding-not-utf8"));
    }
  }

  override _flush(callback: TransformCallback): void {
    try {
      this.decoder.decode();
      callback();
    } catch {
      callback(new ImportFileError("encoding-not-utf8"));
    }
  }
}

/** The delimiter Excel used (it depends on the computer's regional settings): the most frequent in the header. */
async function detectDelimiter(path: string): Promise<{ delimiter: string; header: string[] }> {
  const handle = await open(path, "r");
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(4096), 0, 4096, 0);
    const header = buffer.subarray(0, bytesRead).toString("utf8").split(/\r?\n/, 1)[0] ?? "";
    const counts = [",", ";", "\t"].map((d) => ({ d, n: header.split(d).length }));
    counts.sort((a, b) => b.n - a.n);
    if ((counts[0]?.n ?? 1) === 1) {
      // None of the three: a header split by another character is named, not read as one column.
      const foreign = ["|", ":", "#", "/"].find((d) => header.split(d).length > 3);
      if (foreign) throw new ImportFileError("wrong-delimiter", { delimiter: foreign });
    }
    const delimiter = counts[0]?.d ?? ",";
    return { delimiter, header: header.replace(/^\uFEFF/, "").split(delimiter) };
  } finally {
    await handle.close();
  }
}

async function* readCsv(path: string): AsyncGenerator<SourceRow> {
  const { delimiter, header } = await detectDelimiter(path);
  const parser = createReadStream(path)
    .pipe(new Utf8Guard())
    .on("error", (error) => parser.destroy(error))
    .pipe(
      parse({
        bom: true,
        delimiter,
        relax_column_count: true,
        // One line cannot hold more than a row's worth of text: a file without line breaks is refused.
        max_record_size: 64 * 1024,
        skip_empty_lines: true,
        info: true,
      }),
    );
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      if (record.every((c) => c.trim() === "")) continue;
      yield { row: info.lines, cells: record };
    }
  } catch (error) {
    if (error instanceof ImportFileError) throw error;
    const { code, lines, index } = error as { code?: string; lines?: number; index?: number };
    if (code?.includes("QUOTE")) {
      // A stray quote: say where, by row and by the column's header as the officer sees it.
      const column = (index !== undefined && header[index]?.replace(/"/g, "").trim()) || `#${(index ?? 0) + 1}`;
      throw new ImportFileError("quote", { row: lines ?? 0, column });
    }
    throw new ImportFileError("unreadable", { reason: (error as Error).message });
  }
}

/** Spreadsheet cells as the strings a CSV export would have. Dates are calendar dates in Excel. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return localDate(value.getUTCFullYear(), value.getUTCMonth() + 1, value.getUTCDate());
  if (typeof value === "object") {
    if ("richText" in value) return value.richText.map((r) => r.text).join("");
    if ("result" in value) return cellText(value.result as ExcelJS.CellValue);
    if ("text" in value) return String(value.text);
    if ("error" in value) return "";
  }
  return String(value);
}

async function* readXlsx(path: string): AsyncGenerator<SourceRow> {
  // Loaded when a spreadsheet is first read, not at every start of the bot.
  const { default: excel } = await import("exceljs");
  const reader = new excel.stream.xlsx.WorkbookReader(path, {
    sharedStrings: "cache",
    hyperlinks: "ignore",
    styles: "cache",
    worksheets: "emit",
  });
  try {
    // Only the first worksheet is read: the template has one sheet.
    for await (const worksheet of reader) {
      for await (const row of worksheet as AsyncIterable<ExcelJS.Row>) {
        const values = Array.isArray(row.values) ? row.values.slice(1) : [];
        const cells = Array.from(values, (v) => cellText(v as ExcelJS.CellValue));
        if (cells.every((c) => c.trim() === "")) continue;
        yield { row: row.number, cells };
      }
      break;
    }
  } catch (error) {
    if (error instanceof ImportFileError) throw error;
    throw new ImportFileError("unreadable", { reason: (error as Error).message });
  }
}

/** Bounds on what one file may hold, checked while it is read (a bank book is far smaller). */
export const ROW_LIMITS = { rows: 1_000_000, cells: 100 };
/** Tests lower the row limit, to check it without writing a million rows (null: the real one). */
let testRowLimit: number | null = null;
export const limitRowsForTests = (rows: number | null): void => {
  testRowLimit = rows;
};
/** The limit a test set (passed on to a parsing thread, which has modules of its own). */
export const rowLimitForTests = (): number | null => testRowLimit;

/** Streams the rows of a CSV or XLSX file, header first; memory stays flat whatever the file size. */
export async function* readRows(path: string, format: FileFormat): AsyncGenerator<SourceRow> {
  let count = 0;
  for await (const row of format === "csv" ? readCsv(path) : readXlsx(path)) {
    const maxRows = testRowLimit ?? ROW_LIMITS.rows;
    if (++count > maxRows) throw new ImportFileError("too-many-rows", { max: maxRows });
    if (row.cells.length > ROW_LIMITS.cells) {
      throw new ImportFileError("too-many-cells", { row: row.row, max: ROW_LIMITS.cells });
    }
    yield row;
  }
}
