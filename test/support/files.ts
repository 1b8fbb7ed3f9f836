import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll } from "vitest";
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

/**
 * Stands in for Telegram's file server for the files a test wrote: `/file/bot<token>/<name>` serves
 * `file(name)` (the test bot answers getFile with file_path = the file id = the name). Closed after
 * the calling test file.
 */
export function useTelegramFiles(file: (name: string) => string): { apiRoot: () => string } {
  let server: Server | null = null;
  let root = "";
  beforeAll(async () => {
    server = createServer((req, res) => {
      try {
        res.end(readFileSync(file(decodeURIComponent((req.url ?? "").split("/").pop() ?? ""))));
      } catch {
        res.statusCode = 404;
        res.end();
      }
    });
    await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
    root = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));
  return { apiRoot: () => root };
}
