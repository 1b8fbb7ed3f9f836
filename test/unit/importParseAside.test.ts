/**
 * A big file's rows are parsed in a worker thread (import/parseAside.ts): the validation it feeds must
 * be the one the main thread would have made, row errors, file errors and spooled rows alike.
 */
import { appendFileSync, readdirSync, readlinkSync } from "node:fs";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { ASIDE_BATCH, ASIDE_MIN_BYTES, parseRowsAside, parsesAside } from "../../src/import/parseAside.js";
import { type FileFormat, limitRowsForTests } from "../../src/import/source.js";
import { RowSpool } from "../../src/import/spool.js";
import { HEADERS } from "../../src/import/template.js";
import { type ValidationResult, validateFile } from "../../src/import/validate.js";
import { HEADER_LINE, seedRows, useTempDir, writeRaw, writeRows } from "../support/files.js";

const file = useTempDir();

async function validated(path: string, parse: "aside" | "inline", format: FileFormat = "csv") {
  const spool = new RowSpool();
  try {
    const result = await validateFile(path, format, 50, spool, parse).catch((error: Error) => error);
    const spooled: unknown[] = [];
    if (!(result instanceof Error)) for await (const item of spool.rows()) spooled.push(item);
    return { result, spooled };
  } finally {
    await spool.dispose();
  }
}

/** What a caller reads of a validation, maps and sets made comparable. */
const plain = (r: ValidationResult | Error) =>
  r instanceof Error
    ? r
    : JSON.parse(JSON.stringify(r, (_k, v) => (v instanceof Map || v instanceof Set ? [...v] : v)));

describe("parsing a file in a worker thread", () => {
  it("validates a good file of several batches exactly as the main thread does, rows spooled in order", async () => {
    const rows = seedRows(1000);
    expect(rows.length).toBeGreaterThan(ASIDE_BATCH * 2);
    const path = await writeRows(file("good.csv"), rows);
    const [inline, aside] = [await validated(path, "inline"), await validated(path, "aside")];
    expect((aside.result as ValidationResult).errorCount).toBe(0);
    expect(aside.spooled).toHaveLength(rows.length);
    expect(plain(aside.result)).toEqual(plain(inline.result));
    expect(aside.spooled).toEqual(inline.spooled);
  });

  it("names the same rows, columns and reasons as the main thread in a file with bad rows", async () => {
    const rows = seedRows(800).map((r, i) => {
      if (i % 97 === 5) return { ...r, phones: "12345" };
      if (i % 211 === 7) return { ...r, outstandingPrincipal: "999999999999" };
      return r;
    });
    rows.push({ ...(rows[3] as (typeof rows)[number]) }); // a loan number twice
    const path = await writeRows(file("bad.csv"), rows);
    appendFileSync(
      path,
      `${HEADER_LINE.split(",")
        .map(() => "x")
        .join(",")},surplus\n`,
    );
    const [inline, aside] = [await validated(path, "inline"), await validated(path, "aside")];
    const result = aside.result as ValidationResult;
    expect(result.errorCount).toBeGreaterThan(10);
    expect(result.errors.map((e) => e.reason)).toEqual(expect.arrayContaining(["not-phone", "duplicate-loan"]));
    expect(result.errors.at(-1)?.reason).toBe("extra-cells");
    expect(plain(aside.result)).toEqual(plain(inline.result));
  });

  it("reads a spreadsheet in the thread as the main thread does", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Dữ liệu");
    sheet.addRow(HEADERS);
    const rows = seedRows(600);
    for (const [i, r] of rows.entries()) sheet.addRow(Object.values(i === 9 ? { ...r, phones: "12345" } : r));
    const path = file("sheet.xlsx");
    await workbook.xlsx.writeFile(path);
    const [inline, aside] = [await validated(path, "inline", "xlsx"), await validated(path, "aside", "xlsx")];
    const result = aside.result as ValidationResult;
    expect([result.rows, result.errors.map((e) => [e.row, e.reason])]).toEqual([rows.length, [[11, "not-phone"]]]);
    expect(plain(aside.result)).toEqual(plain(inline.result));
  });

  it("refuses a bad file with the main thread's file error, and keeps a test's row limit", async () => {
    const missing = writeRaw(file("missing.csv"), "Mã khách hàng,Họ tên\nKH1,An\n");
    const stray = writeRaw(file("quote.csv"), `${HEADER_LINE}\n"KH1,${"x,".repeat(40)}\n`);
    for (const path of [missing, stray]) {
      const [inline, aside] = [await validated(path, "inline"), await validated(path, "aside")];
      expect(aside.result).toBeInstanceOf(Error);
      expect([(aside.result as { code?: string }).code, (aside.result as { params?: unknown }).params]).toEqual([
        (inline.result as { code?: string }).code,
        (inline.result as { params?: unknown }).params,
      ]);
    }
    limitRowsForTests(3);
    try {
      const { result } = await validated(await writeRows(file("limit.csv"), seedRows(5)), "aside");
      expect([(result as { code?: string }).code, (result as { params?: { max: number } }).params?.max]).toEqual([
        "too-many-rows",
        3,
      ]);
    } finally {
      limitRowsForTests(null);
    }
  });

  it("stops the thread when the reader stops early, and parses aside only files from the threshold on", async () => {
    // Bigger than what the thread may parse ahead: it is still reading the file when the reader stops.
    const path = await writeRows(file("early.csv"), seedRows(8000));
    const openCount = () =>
      readdirSync("/proc/self/fd").filter((fd) => {
        try {
          return readlinkSync(`/proc/self/fd/${fd}`) === path;
        } catch {
          return false;
        }
      }).length;
    const rows = parseRowsAside(path, "csv");
    expect((await rows.next()).value).toMatchObject({ row: 2 });
    expect(openCount()).toBe(1);
    await rows.return(undefined);
    expect(openCount()).toBe(0);
    const small = await writeRows(file("small.csv"), seedRows(20));
    expect(await parsesAside(small, "auto")).toBe(false);
    expect(await parsesAside(small, "aside")).toBe(true);
    const big = writeRaw(file("big.csv"), Buffer.alloc(ASIDE_MIN_BYTES, "a"));
    expect(await parsesAside(big, "auto")).toBe(true);
    expect(await parsesAside(big, "inline")).toBe(false);
  });
});
