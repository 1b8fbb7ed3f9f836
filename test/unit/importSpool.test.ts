import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ImportRow } from "../../src/import/rowSchema.js";
import { RowSpool } from "../../src/import/spool.js";

// Spools go to a directory of this file's own: other test files importing side by side make and
// remove spools in the suite's temporary directory, which a before/after listing would count.
const suiteTmp = process.env.TMPDIR;
beforeAll(() => {
  process.env.TMPDIR = mkdtempSync(join(tmpdir(), "spool-test-"));
});
afterAll(() => {
  rmSync(tmpdir(), { recursive: true, force: true });
  if (suiteTmp === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = suiteTmp;
});

const spoolDirs = () => new Set(readdirSync(tmpdir()).filter((n) => n.startsWith("tindung-import-")));

describe("the import's spool of validated rows", () => {
  it("gives back every row as parsed, keeps none readable on disk, and leaves nothing behind", async () => {
    const before = spoolDirs();
    const spool = new RowSpool();
    const rows = Array.from({ length: 5000 }, (_, i) => ({
      fullName: `Nguyễn Thị Hằng ${i}`,
      phones: ["+84867207431"],
      transactionDay: { kind: "monthly", day: 20 },
      nextInstallment: i % 2 === 0 ? null : 1_250_000,
    }));
    for (const [i, row] of rows.entries()) await spool.add(i + 2, row as unknown as ImportRow);
    const read: { row: number; data: unknown }[] = [];
    for await (const item of spool.rows()) read.push(item);
    expect(read).toEqual(rows.map((data, i) => ({ row: i + 2, data })));

    const dir = [...spoolDirs()].find((n) => !before.has(n));
    expect(dir).toBeDefined();
    const bytes = readFileSync(join(tmpdir(), dir as string, "rows"));
    expect(bytes.length).toBeGreaterThan(100_000);
    expect(bytes.includes(Buffer.from("Nguy"))).toBe(false);
    expect(bytes.includes(Buffer.from("84867207431"))).toBe(false);

    await spool.dispose();
    expect(spoolDirs().has(dir as string)).toBe(false);
  });

  it("gives back rows whose frames span many reads, none when none was added, and refuses a row of other columns", async () => {
    const spool = new RowSpool();
    const rows = Array.from({ length: 1203 }, (_, i) => ({ place: "Đình làng ".repeat(200 + (i % 7)), n: i }));
    for (const [i, row] of rows.entries()) await spool.add(i + 2, row as unknown as ImportRow);
    await expect(spool.add(9999, { place: "x" } as unknown as ImportRow)).rejects.toThrow(/columns/);
    await expect(spool.add(9999, { place: "x", n: undefined } as unknown as ImportRow)).rejects.toThrow(/without n/);
    const read: { row: number; data: unknown }[] = [];
    for await (const item of spool.rows()) read.push(item);
    expect(read).toEqual(rows.map((data, i) => ({ row: i + 2, data })));
    await spool.dispose();

    const empty = new RowSpool();
    const none: unknown[] = [];
    for await (const item of empty.rows()) none.push(item);
    expect(none).toEqual([]);
    await empty.dispose();
  });

  it("is disposed at once without an error (a file refused at its first line): seen uncaught in CI", async () => {
    const before = spoolDirs();
    for (let i = 0; i < 20; i++) await new RowSpool().dispose();
    expect([...spoolDirs()].filter((n) => !before.has(n))).toEqual([]);
  });
});
