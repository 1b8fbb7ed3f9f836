import { parentPort, workerData } from "node:worker_threads";
import { ASIDE_AHEAD, ASIDE_BATCH, type AsideJob, type AsideMessage } from "./parseAside.js";
import { type ParsedRow, parseRows } from "./parseRows.js";
import { ImportFileError, limitRowsForTests } from "./source.js";

/** The worker thread of parseAside.ts: parses the file and sends its rows in batches, a few ahead. */

if (!parentPort) throw new Error("parseAsideWorker runs only as a worker thread");
const port = parentPort;
const job = workerData as AsideJob;

let credits = ASIDE_AHEAD;
let wake: (() => void) | null = null;
port.on("message", () => {
  credits++;
  wake?.();
  wake = null;
});

async function send(message: AsideMessage): Promise<void> {
  while (credits === 0) await new Promise<void>((resolve) => (wake = resolve));
  credits--;
  port.postMessage(message);
}

async function parse(): Promise<void> {
  limitRowsForTests(job.rowLimit);
  let batch: ParsedRow[] = [];
  for await (const item of parseRows(job.path, job.format)) {
    batch.push(item);
    if (batch.length >= ASIDE_BATCH) {
      await send({ kind: "rows", items: batch });
      batch = [];
    }
  }
  if (batch.length > 0) await send({ kind: "rows", items: batch });
  port.postMessage({ kind: "done" } satisfies AsideMessage);
}

// The reader terminates the thread once it has what it needs (the listener above keeps it alive until then).
parse().catch((error: unknown) => {
  const fileError = error instanceof ImportFileError ? { code: error.code, params: error.params } : null;
  port.postMessage({ kind: "failed", fileError, message: (error as Error).message } satisfies AsideMessage);
});
