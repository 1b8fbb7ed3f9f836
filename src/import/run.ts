import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { basename } from "node:path";
import { calendarOf, loadHolidays, setAddedClosures } from "../catalogue/load.js";
import { type ConfirmationSummary, recordImportChanges } from "../confirmations/record.js";
import { appendAudit } from "../data/audit.js";
import { addedClosures } from "../data/closures.js";
import { failDeadImportBatches, newImportBatch } from "../data/imports.js";
import { BOOK_WRITE_LOCK, withLock } from "../data/lock.js";
import { vietnamDate } from "../domain/dates.js";
import { OutcomeObserver } from "../experiments/outcomes.js";
import { type OverdueLoan, recordOverdueSnapshot } from "../features/stats/computeStats.js";
import { type ApplyCounts, applyFile, type WriteStrategy } from "./apply.js";
import type { RowError } from "./parseRows.js";
import { type Place, rowsOutsideScope, type ScopeRefusal } from "./scope.js";
import { checkFile, detectFormat, type FileFormat, ImportFileError } from "./source.js";
import { RowSpool } from "./spool.js";
import { type ValidationResult, validateFile } from "./validate.js";

export interface ImportOptions {
  dryRun?: boolean;
  fullSnapshot?: boolean;
  actor: { kind: "cli" | "telegram"; id: string };
  idHashSecret: string;
  /** How many row errors to keep for the report (all are counted). */
  maxErrors?: number;
  /**
   * The importer's scope (an officer's, by chat): a file with any row outside it, in the file or as
   * stored, is refused whole. Checked on the dry run and again right before applying.
   */
  withinScope?: (place: Place) => boolean;
  /** Overrides the strategy picked from the server (tests run both). */
  writeStrategy?: WriteStrategy;
  /** The instant the import runs at: its overdue snapshot is this week's (default: now). */
  now?: Date;
}

export type ImportOutcome = "applied" | "unchanged" | "dry-run" | "rejected";

export interface ImportReport {
  batchId: string;
  outcome: ImportOutcome;
  rows: number;
  households: number;
  loans: number;
  fileError: ImportFileError | null;
  errors: RowError[];
  errorCount: number;
  /** Rows outside the importer's scope (then nothing is written). */
  scopeRefusals: ScopeRefusal[];
  counts: ApplyCounts | null;
  /** The payment confirmations this import's changes call for (issue 28); null when nothing changed. */
  confirmations: ConfirmationSummary | null;
  /** Wall-clock milliseconds of each pass (what bench:import prints; no personal data). */
  phaseMs: { validate: number; apply: number; after: number; confirmations?: number };
}

const IMPORT_LOCK = BOOK_WRITE_LOCK;
/** Short, and renewed by a heartbeat: a killed importer holds imports up for at most this long. */
export const IMPORT_LOCK_TTL_MS = 20_000;
const LOCK_HEARTBEAT_MS = 5_000;
/** A run still validating (or a dry run) after this long belonged to a process that died. */
const NOT_APPLYING_STALE_MS = 60 * 60_000;

async function sha256(path: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

function changedAnything(c: ApplyCounts): boolean {
  return (
    c.loansClosed > 0 ||
    [c.communes, c.points, c.groups, c.households, c.loans].some((e) => e.created > 0 || e.updated > 0)
  );
}

type ImportBatch = ReturnType<typeof newImportBatch>;

/**
 * Applies a validated file: a dry run writes nothing and needs no lock; a real run holds the import
 * lock (renewed as it goes), records its holder on the batch, and first marks dead runs failed.
 */
async function applyUnderLock(
  path: string,
  format: FileFormat,
  validation: ValidationResult,
  options: ImportOptions,
  batch: ImportBatch,
  onOverdueLoans: (loans: OverdueLoan[]) => void,
  spool: RowSpool,
) {
  const dryRun = options.dryRun ?? false;
  const run = async (renew: () => Promise<void>) => {
    const counts = await applyFile(path, format, validation, {
      spool,
      dryRun,
      fullSnapshot: options.fullSnapshot ?? false,
      idHashSecret: options.idHashSecret,
      ...(options.writeStrategy ? { writeStrategy: options.writeStrategy } : {}),
      onProgress: renew,
      onOverdueLoans,
    });
    // A file that changes nothing in the book confirms nothing (a re-import of the same data).
    const started = performance.now();
    const confirmations = changedAnything(counts)
      ? await recordChanges(validation, options, batch.id, spool, renew)
      : null;
    return { counts, confirmations, recordMs: Math.round(performance.now() - started) };
  };
  if (dryRun) return run(async () => {});
  return withLock(
    IMPORT_LOCK,
    IMPORT_LOCK_TTL_MS,
    async (renew, holder) => {
      batch.set({ lockHolder: holder });
      await batch.save();
      await failDeadImportBatches(holder, new Date(Date.now() - NOT_APPLYING_STALE_MS), new Date());
      return run(renew);
    },
    { heartbeatMs: LOCK_HEARTBEAT_MS },
  );
}

/** The changes since the last import, recorded for payment confirmations (confirmations/record.ts). */
async function recordChanges(
  validation: ValidationResult,
  options: ImportOptions,
  importBatchId: string,
  spool: RowSpool,
  renew: () => Promise<void>,
): Promise<ConfirmationSummary> {
  setAddedClosures(await addedClosures());
  const now = options.now ?? new Date();
  async function* rows() {
    for await (const item of spool.rows()) yield item.data;
  }
  const asOf = vietnamDate(now);
  // Wording experiments read their outcomes off the same comparison (not on a dry run).
  const experiments = options.dryRun ? null : await OutcomeObserver.load(asOf);
  const summary = await recordImportChanges({
    rows: rows(),
    fullSnapshot: options.fullSnapshot ? validation : null,
    points: validation.points,
    importBatchId,
    asOf,
    calendar: calendarOf(loadHolidays()),
    dryRun: options.dryRun ?? false,
    now,
    onProgress: renew,
    ...(experiments ? { observe: (code, after, session) => experiments.observe(code, after, session) } : {}),
  });
  await experiments?.save();
  return summary;
}

/** Writes the run's outcome, counts and a sample of its errors (row, column, code) on its batch record. */
async function finishBatch(batch: ImportBatch, report: ImportReport, fileSha256: string): Promise<void> {
  batch.set({
    fileSha256: fileSha256 || "unreadable",
    outcome: report.outcome,
    finishedAt: new Date(),
    rows: report.rows,
    counts: report.counts ?? undefined,
    errorCount: report.errorCount + (report.fileError ? 1 : 0),
    errorSample: report.errors.slice(0, 100).map((e) => ({ row: e.row, column: e.column, code: e.reason })),
    failure: report.fileError?.code ?? null,
  });
  await batch.save();
}

function emptyReport(batchId: string): ImportReport {
  return {
    batchId,
    outcome: "rejected",
    rows: 0,
    households: 0,
    loans: 0,
    fileError: null,
    errors: [],
    errorCount: 0,
    scopeRefusals: [],
    counts: null,
    confirmations: null,
    phaseMs: { validate: 0, apply: 0, after: 0 },
  };
}

/** Ends the running phase: its time goes on the report, and the next phase starts. */
function phaseClock(report: ImportReport): (phase: keyof ImportReport["phaseMs"]) => void {
  let started = performance.now();
  return (phase) => {
    const now = performance.now();
    report.phaseMs[phase] = Math.round(now - started);
    started = now;
  };
}

/**
 * Imports a bank export: validate the whole file first (nothing is written when any row is bad),
 * then apply it. Every run leaves an import batch record; applied runs also an audit entry.
 */
export async function importFile(path: string, options: ImportOptions): Promise<ImportReport> {
  const startedAt = new Date();
  const dryRun = options.dryRun ?? false;
  const fullSnapshot = options.fullSnapshot ?? false;
  let format: "csv" | "xlsx" = "csv";
  let fileSha256 = "";
  const batch = newImportBatch({
    fileName: basename(path),
    fileSha256: "pending",
    format,
    actor: options.actor,
    options: { dryRun, fullSnapshot },
    startedAt,
    outcome: "running",
  });
  const report = emptyReport(batch.id);
  const endPhase = phaseClock(report);

  // The overdue loans after this file, from the apply pass (undefined: read them for the snapshot).
  let overdueAfter: OverdueLoan[] | undefined;
  let spool: RowSpool | null = null;
  try {
    format = detectFormat(path);
    await checkFile(path, format);
    fileSha256 = await sha256(path);
    batch.set({ format, fileSha256 });
    await batch.save();

    spool = new RowSpool();
    const validation = await validateFile(path, format, options.maxErrors ?? 1000, spool);
    endPhase("validate");
    Object.assign(report, {
      rows: validation.rows,
      households: validation.householdCount,
      loans: validation.loanNumbers.size,
      errors: validation.errors,
      errorCount: validation.errorCount,
    });
    if (validation.errorCount === 0 && options.withinScope) {
      report.scopeRefusals = await rowsOutsideScope(validation, options.withinScope);
    }
    if (validation.errorCount > 0 || report.scopeRefusals.length > 0) {
      report.outcome = "rejected";
    } else {
      const onOverdue = (loans: OverdueLoan[]) => {
        overdueAfter = loans;
      };
      const applied = await applyUnderLock(path, format, validation, options, batch, onOverdue, spool);
      Object.assign(report, { counts: applied.counts, confirmations: applied.confirmations });
      report.phaseMs.confirmations = applied.recordMs;
      report.outcome = dryRun ? "dry-run" : changedAnything(applied.counts) ? "applied" : "unchanged";
      endPhase("apply");
    }
  } catch (error) {
    if (!(error instanceof ImportFileError)) {
      batch.set({ outcome: "failed", finishedAt: new Date(), failure: (error as Error).message.slice(0, 500) });
      if (fileSha256) await batch.save().catch(() => undefined);
      throw error;
    }
    report.fileError = error;
    report.outcome = "rejected";
  } finally {
    await spool?.dispose();
  }

  await finishBatch(batch, report, fileSha256);
  if (report.outcome === "applied" || report.outcome === "unchanged") {
    const now = options.now ?? new Date();
    await recordOverdueSnapshot(vietnamDate(now), now, overdueAfter);
    await appendAudit({
      actor: options.actor,
      action: "import",
      scope: null,
      counts: { rows: report.rows, ...report.counts },
      details: { batchId: report.batchId, fullSnapshot },
    });
  }
  endPhase("after");
  return report;
}
