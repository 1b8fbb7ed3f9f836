import { stat } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import type { ParsedRow } from "./parseRows.js";
import { type FileFormat, ImportFileError, rowLimitForTests } from "./source.js";

/**
 * The first pass's reading, CSV or XLSX parsing and cell checks, in a worker thread of the importing
 * process, while its main thread runs the checks that need the whole file and spools the rows: on two
 * cores, validation of a big file takes the longer of the two halves instead of their sum (the
 * embedded database is idle during validation). Small files are parsed in the main thread: a worker
 * costs ~0.5 s to start from the sources, more than such a file takes to parse.
 */

/** What the worker says: a batch of parsed rows, the end of the file, or why it stopped. */
export type AsideMessage =
  | { kind: "rows"; items: ParsedRow[] }
  | { kind: "done" }
  | { kind: "failed"; fileError: { code: string; params: Record<string, string | number> } | null; message: string };

export interface AsideJob {
  path: string;
  format: FileFormat;
  rowLimit: number | null;
}

/** Rows a message carries, and messages the worker may send ahead of the reader (memory stays bounded). */
export const ASIDE_BATCH = 500;
export const ASIDE_AHEAD = 4;
/** Files from this size on (~10,000 rows of the template) are parsed aside. */
export const ASIDE_MIN_BYTES = 2 * 1024 * 1024;

export type ParseMode = "auto" | "aside" | "inline";

export async function parsesAside(path: string, mode: ParseMode): Promise<boolean> {
  if (mode !== "auto") return mode === "aside";
  const info = await stat(path).catch(() => null);
  return info !== null && info.size >= ASIDE_MIN_BYTES;
}

/** tsx's ESM API, found through its manifest (vitest's module runner has no `import.meta.resolve`). */
function tsxApiUrl(): string {
  const require = createRequire(import.meta.url);
  const manifest = require.resolve("tsx/package.json");
  const { exports } = require(manifest) as { exports: Record<string, { import: { default: string } }> };
  const entry = exports["./esm/api"]?.import.default ?? "./dist/esm/api/index.mjs";
  return pathToFileURL(join(dirname(manifest), entry)).href;
}

/**
 * Compiled, the worker is a plain module; from the sources (tsx, vitest) it is loaded through tsx's
 * API, since a worker thread does not inherit tsx's loader on Node 20.
 */
function startWorker(job: AsideJob): Worker {
  const here = import.meta.url;
  if (here.endsWith(".js")) return new Worker(new URL("./parseAsideWorker.js", here), { workerData: job });
  const entry = JSON.stringify(new URL("./parseAsideWorker.ts", here).href);
  const tsxApi = JSON.stringify(tsxApiUrl());
  const boot = `import(${tsxApi}).then((tsx) => tsx.tsImport(${entry}, ${entry}))`;
  return new Worker(boot, { eval: true, workerData: job });
}

function failure(message: AsideMessage & { kind: "failed" }): Error {
  if (message.fileError) return new ImportFileError(message.fileError.code, message.fileError.params);
  return new Error(`import parsing thread: ${message.message}`);
}

/** The rows of a file as `parseRows` yields them, parsed in a worker thread. */
export async function* parseRowsAside(path: string, format: FileFormat): AsyncGenerator<ParsedRow> {
  const worker = startWorker({ path, format, rowLimit: rowLimitForTests() });
  const waiting: AsideMessage[] = [];
  let wake: (() => void) | null = null;
  const arrive = (message: AsideMessage) => {
    waiting.push(message);
    wake?.();
  };
  worker.on("message", arrive);
  worker.on("error", (error) => arrive({ kind: "failed", fileError: null, message: error.message }));
  worker.on("exit", (code) => arrive({ kind: "failed", fileError: null, message: `stopped (exit ${code})` }));
  try {
    for (;;) {
      if (waiting.length === 0) await new Promise<void>((resolve) => (wake = resolve));
      wake = null;
      const message = waiting.shift() as AsideMessage;
      if (message.kind === "done") return;
      if (message.kind === "failed") throw failure(message);
      worker.postMessage("more");
      yield* message.items;
    }
  } finally {
    worker.removeAllListeners();
    // An error of a thread being stopped is of no interest, but an 'error' without a listener would throw.
    worker.on("error", () => {});
    await worker.terminate();
  }
}
