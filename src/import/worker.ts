import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import { connectDatabase, connectionTarget, disconnectDatabase } from "../data/connection.js";
import { inScope, type Scope } from "../staff/roles.js";
import { type ImportOptions, type ImportReport, importFile } from "./run.js";
import { ImportFileError } from "./source.js";

/** Memory an import by chat may use: a file that needs more (a zip bomb, say) kills only its process. */
export const IMPORT_WORKER_MEMORY_MB = 512;

export interface WorkerJob {
  path: string;
  options: Omit<ImportOptions, "withinScope">;
  scope: Scope;
  database: { uri: string; dbName?: string | undefined };
}

type Answer = { ok: true; report: ImportReport } | { ok: false; message: string };

/** The child's side: connect, import within the scope, answer, leave. */
async function serve(job: WorkerJob): Promise<Answer> {
  await connectDatabase(job.database.uri, job.database.dbName);
  try {
    const report = await importFile(job.path, { ...job.options, withinScope: (p) => inScope(job.scope, p) });
    const fileError = report.fileError ? { code: report.fileError.code, params: report.fileError.params } : null;
    return { ok: true, report: { ...report, fileError } as unknown as ImportReport };
  } finally {
    await disconnectDatabase();
  }
}

export class ImportWorkerFailed extends Error {}

/**
 * Runs an import in a child process with its own memory cap, so that no file, however large or
 * malformed, can take the bot down. Resolves with the report, or rejects with ImportWorkerFailed
 * when the child died (out of memory, killed) or failed.
 */
export function importInWorker(path: string, options: Omit<WorkerJob, "path" | "database">): Promise<ImportReport> {
  const database = connectionTarget();
  if (!database) return Promise.reject(new Error("not connected to a database"));
  const self = fileURLToPath(import.meta.url);
  const typescript = self.endsWith(".ts");
  const child = fork(self, [], {
    execArgv: [...(typescript ? ["--import", "tsx"] : []), `--max-old-space-size=${IMPORT_WORKER_MEMORY_MB}`],
    env: { ...process.env, TINDUNG_IMPORT_WORKER: "1" },
    stdio: ["ignore", "ignore", "pipe", "ipc"],
  });
  child.stderr?.resume(); // an out-of-memory report names no data; it is not kept
  return new Promise((resolve, reject) => {
    let answered = false;
    child.once("message", (answer: Answer) => {
      answered = true;
      if (!answer.ok) return reject(new ImportWorkerFailed(answer.message));
      const report = answer.report;
      const fileError = report.fileError as unknown as { code: string; params: Record<string, string | number> } | null;
      resolve({ ...report, fileError: fileError ? new ImportFileError(fileError.code, fileError.params) : null });
    });
    child.once("exit", (code, signal) => {
      if (!answered) reject(new ImportWorkerFailed(`import worker ended (${signal ?? code})`));
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
