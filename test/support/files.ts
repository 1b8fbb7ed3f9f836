import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll } from "vitest";
import { type ColumnKey, HEADERS } from "../../src/import/template.js";
import { generateRows } from "../../src/seed/generate.js";
import { writeTemplateCsv } from "../../src/seed/writeCsv.js";

/** A temporary directory for the calling test file, removed afterwards. */
export function useTempDir(): (name: string) => string {
  const dir = mkdtempSync(join(tmpdir(), "tindung-test-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return (name) => join(dir, name);
}

export type Row = Record<ColumnKey, string>;

/** Deterministic valid rows from the seed generator. */
export function seedRows(households: number, seed = 7, asOf = "2026-11-28"): Row[] {
  return [...generateRows({ households, seed, asOf })];
}

export async function writeRows(path: string, rows: Row[]): Promise<string> {
  await writeTemplateCsv(path, rows);
  return path;
}

export function writeRaw(path: string, content: string | Buffer): string {
  writeFileSync(path, content);
  return path;
}

export const HEADER_LINE = HEADERS.join(",");
