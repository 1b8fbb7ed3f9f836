import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import { connectDatabase, connectionTarget, disconnectDatabase } from "../data/connection.js";
import { inScope, resolveScope, type ScopeGrant } from "../staff/roles.js";
import { type ImportOptions, type ImportReport, importFile } from "./run.js";
import { ImportFileError } from "./source.js";

/**
 * Memory an import by chat may use by default (IMPORT_WORKER_MEMORY_MB): a file that needs more (a zip
 * bomb, say) kills only its process. An import holds ~1 KB a row: 512 MB is enough for ~200,000 rows
 * (an estimate from the 100k and 400k benchmark runs, README).
 */
export const IMPORT_WORKER_MEMORY_MB = 512;

export interface WorkerJob {
  path: string;
  options: Omit<ImportOptions, "withinScope">;
  /** The officer's grant: resolved here, against stored data, when the import runs. */
  scope: ScopeGrant;
  database: { uri: string; dbName?: string | undefined };
}

type Answer = { ok: true; report: ImportReport } | { ok: false; message: string };

/** The child's side: connect, import within the scope, answer, leave. */
async function serve(job: WorkerJob): Promise<Answer> {
  await connectDatabase(job.database.uri, job.database.dbName);
  try {
    const scope = await resolveScope(job.scope);
    const report = await importFile(job.path, { ...job.options, withinScope: (p) => inScope(scope, p) });
    const fileError = report.fileError ? { code: report.fileError.code, params: report.fileError.params } : null;
    return { ok: true, report: { ...report, fileError } as unknown as ImportReport };
  } finally {
    await disconnectDatabase();
  }
}

/**
 * Why an import worker gave no report: "memory-cap" (it passed IMPORT_WORKER_MEMORY_MB and V8 stopped
 * it), "error" (it failed and said why), "ended" (it died otherwise, e.g. killed).
 */
export type WorkerFailure = "memory-cap" | "error" | "ended";

export class ImportWorkerFailed extends Error {
  constructor(
    readonly reason: WorkerFailure,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The worker runs this very file: compiled in a deployment, through tsx from the sources. A test run
 * from the sources may name the compiled one it built (TEST_IMPORT_WORKER_SCRIPT), which starts in
 * half the time; never in production, and never from a compiled process.
 */
function workerScript(): { script: string; typescript: boolean } {
  const self = fileURLToPath(import.meta.url);
  const typescript = self.endsWith(".ts");
  const compiled = process.env.TEST_IMPORT_WORKER_SCRIPT;
  if (typescript && compiled && process.env.NODE_ENV !== "production") return { script: compiled, typescript: false };
  return { script: self, typescript };
}

/** V8's last words when a process reaches its heap limit. */
const OUT_OF_MEMORY = /Reached heap limit|JavaScript heap out of memory/;

/**
 * Runs an import in a child process with its own memory cap, so that no file, however large or
 * malformed, can take the bot down. Resolves with the report, or rejects with ImportWorkerFailed
 * when the child died (out of memory, killed) or failed.
 */
export function importInWorker(
  path: string,
  options: Omit<WorkerJob, "path" | "database">,
  memoryMb = IMPORT_WORKER_MEMORY_MB,
): Promise<ImportReport> {
  const database = connectionTarget();
  if (!database) return Promise.reject(new Error("not connected to a database"));
  const { script, typescript } = workerScript();
  const child = fork(script, [], {
    execArgv: [...(typescript ? ["--import", "tsx"] : []), `--max-old-space-size=${memoryMb}`],
    env: { ...process.env, TINDUNG_IMPORT_WORKER: "1" },
    stdio: ["ignore", "ignore", "pipe", "ipc"],
  });
  // Read only for V8's out-of-memory report, which names no data; nothing of it is kept.
  let outOfMemory = false;
  child.stderr?.on("data", (chunk: Buffer) => {
    outOfMemory ||= OUT_OF_MEMORY.test(chunk.toString());
  });
  return new Promise((resolve, reject) => {
    let answered = false;
    child.once("message", (answer: Answer) => {
      answered = true;
      if (!answer.ok) return reject(new ImportWorkerFailed("error", answer.message));
      const report = answer.report;
      const fileError = report.fileError as unknown as { code: string; params: Record<string, string | number> } | null;
      resolve({ ...report, fileError: fileError ? new ImportFileError(fileError.code, fileError.params) : null });
    });
    child.once("exit", (code, signal) => {
      if (answered) return;
      const reason = outOfMemory ? "memory-cap" : "ended";
      reject(new ImportWorkerFailed(reason, `import worker ended (${signal ?? code})`));
    });
    child.send({ ...options, path, database } satisfies WorkerJob);
  });
}

if (process.env.TINDUNG_IMPORT_WORKER === "1" && process.send) {
  process.once("message", (job: WorkerJob) => {
    serve(job)
      .catch((error: Error): Answer => ({ ok: false, message: error.message.slice(0, 300) }))
      .then((answer) => process.send?.(answer, () => process.exit(0)));
  });
}
