import { createWriteStream } from "node:fs";
import { copyFile, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { extname, isAbsolute, join } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { stringify } from "csv-stringify/sync";
import { InlineKeyboard, InputFile } from "grammy";
import { z } from "zod";
import { officer } from "../../bot/access.js";
import { callbackKind } from "../../bot/callbackData.js";
import { type BotContext, userLocale } from "../../bot/context.js";
import type { FeatureDeps } from "../../bot/deps.js";
import { Feature } from "../../bot/feature.js";
import { pendingWithin } from "../../confirmations/send.js";
import { escapeHtml } from "../../domain/html.js";
import { formatImportReport, formatRowError } from "../../import/formatReport.js";
import type { ImportReport } from "../../import/run.js";
import { ImportWorkerFailed, importInWorker } from "../../import/worker.js";
import { audit, describeScope, grantOf, inScope, type Staff } from "../../staff/roles.js";
import { pendingKeyboard } from "../confirmations/officeComposer.js";

/** Telegram lets a bot download files up to 20 MB (cloud Bot API). */
export const BOT_DOWNLOAD_LIMIT_BYTES = 20 * 1024 * 1024;
const ERRORS_IN_MESSAGE = 20;
const IMPORT_EXTENSIONS = new Set([".csv", ".xlsx"]);

/** The officer's answer after the dry run: `imp:go` applies the file, `imp:x` discards it. */
const confirmImport = callbackKind("imp", { action: z.enum(["go", "x"]) });

type StaffContext = BotContext & { staff: Staff };
type PendingFile = { fileId: string; fileName: string };

/**
 * Downloads a Telegram file into a fresh temporary directory (the caller removes it). With a local
 * Bot API server in --local mode, file_path is a path on this machine and is copied instead. (The
 * grammY files plugin downloads over https only, so it cannot serve BOT_API_ROOT=http://….)
 */
async function download(ctx: BotContext, fileRoot: string, fileId: string, fileName: string) {
  const dir = await mkdtemp(join(tmpdir(), "tindung-import-"));
  const path = join(dir, `upload${extname(fileName).toLowerCase()}`);
  const { file_path: filePath } = await ctx.api.getFile(fileId);
  if (!filePath) throw new Error("Telegram gave no file_path");
  if (isAbsolute(filePath)) {
    await copyFile(filePath, path);
  } else {
    const response = await fetch(`${fileRoot}/${filePath}`);
    if (!response.ok || !response.body) throw new Error(`file download failed: HTTP ${response.status}`);
    await pipeline(Readable.fromWeb(response.body as never), createWriteStream(path));
  }
  return { path, dir };
}

/**
 * Runs the import in a child process with its own memory cap (a file, however malformed, cannot take
 * the bot down), within the officer's scope as read for this request. Null after telling the officer
 * the file could not be processed.
 */
async function runImport(ctx: StaffContext, deps: FeatureDeps, file: PendingFile, dryRun: boolean) {
  const { path, dir } = await download(ctx, deps.fileRoot, file.fileId, file.fileName);
  try {
    return await importInWorker(
      path,
      {
        options: {
          dryRun,
          actor: { kind: "telegram", id: String(ctx.staff.telegramUserId) },
          idHashSecret: deps.idHashSecret,
          maxErrors: 100_000,
        },
        scope: grantOf(ctx.staff.scope),
      },
      deps.importWorkerMemoryMb,
    );
  } catch (error) {
    if (!(error instanceof ImportWorkerFailed)) throw error;
    ctx.log.warn({ reason: error.reason }, "import by chat: the import process gave no report");
    await ctx.reply(ctx.t("import-chat-failed"));
    return null;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function scopeRefusalText(ctx: BotContext, report: ImportReport): string {
  const rows = report.scopeRefusals
    .slice(0, ERRORS_IN_MESSAGE)
    .map((r) => ctx.t("import-chat-scope-row", { row: r.row, column: r.column, code: r.code }));
  return [ctx.t("import-chat-scope", { count: report.scopeRefusals.length }), ...rows].join("\n");
}

/** The refusal for a file the bot cannot take, or null when its name and size are acceptable. */
function fileRefusal(ctx: BotContext, document: { file_name?: string; file_size?: number }): string | null {
  if (!IMPORT_EXTENSIONS.has(extname(document.file_name ?? "").toLowerCase())) return ctx.t("import-chat-wrong-type");
  if ((document.file_size ?? 0) <= BOT_DOWNLOAD_LIMIT_BYTES) return null;
  return ctx.t("import-chat-too-big", {
    size: ((document.file_size ?? 0) / 1024 / 1024).toFixed(1),
    max: BOT_DOWNLOAD_LIMIT_BYTES / 1024 / 1024,
  });
}

/** The dry run's report: in the message (the first 20 errors), all errors as a CSV file. */
async function replyWithDryRun(ctx: BotContext, deps: FeatureDeps, report: ImportReport, file: PendingFile) {
  const locale = await userLocale(ctx);
  const shown: ImportReport = { ...report, errors: report.errors.slice(0, ERRORS_IN_MESSAGE) };
  if (report.errorCount > ERRORS_IN_MESSAGE) shown.errorCount = report.errorCount;
  const lines = formatImportReport(deps.i18n, locale, shown).map(escapeHtml);
  if (report.outcome === "dry-run") {
    ctx.session.pendingImport = file;
    const keyboard = new InlineKeyboard()
      .text(ctx.t("import-chat-apply"), confirmImport.encode({ action: "go" }))
      .text(ctx.t("import-chat-discard"), confirmImport.encode({ action: "x" }));
    return ctx.reply([...lines, "", ctx.t("import-chat-ask")].join("\n"), {
      parse_mode: "HTML",
      reply_markup: keyboard,
    });
  }
  await ctx.reply(lines.join("\n"), { parse_mode: "HTML" });
  if (report.errors.length === 0) return;
  const csv = stringify([
    ["row", "column", "problem"],
    ...report.errors.map((e) => [e.row, e.column, formatRowError(deps.i18n, locale, e)]),
  ]);
  await ctx.replyWithDocument(new InputFile(Buffer.from(`\uFEFF${csv}`, "utf8"), "loi-nhap-du-lieu.csv"), {
    caption: ctx.t("import-chat-errors-file", { count: report.errors.length }),
  });
}

/**
 * An officer sends the bank's CSV or XLSX export to the bot. It runs the same validation as
 * `npm run import`, dry-run first: the officer sees what would change and the errors, and only a
 * confirmation applies it. The file must lie wholly within the officer's scope. Files above the
 * download limit point to the command line. `documents` is the free-input router's reader of files:
 * anyone else's documents go on to the next reader.
 */
export function createImportByChatFeature(deps: FeatureDeps) {
  const feature = new Feature("import-by-chat", "staff", officer(deps.adminIds), deps.i18n);

  const documents = feature.quietInput(
    (ctx) => ctx.message?.document !== undefined,
    async (ctx, next) => {
      const document = ctx.message?.document;
      if (!document) return next();
      const refusal = fileRefusal(ctx, document);
      if (refusal) return ctx.reply(refusal);
      // A file writes its communes, which are wider than any point: an officer of points cannot import.
      if (ctx.staff.scope.kind === "points") return ctx.reply(ctx.t("import-chat-points-scope"));
      await ctx.reply(ctx.t("import-chat-checking"));
      const file = { fileId: document.file_id, fileName: document.file_name ?? "" };
      const report = await runImport(ctx, deps, file, true);
      if (!report) return;
      await audit(ctx.staff.telegramUserId, "import-check", describeScope(ctx.staff.scope), {
        rows: report.rows,
        errors: report.errorCount,
        outsideScope: report.scopeRefusals.length,
      });
      if (report.scopeRefusals.length > 0) return ctx.reply(scopeRefusalText(ctx, report));
      await replyWithDryRun(ctx, deps, report, file);
    },
  );

  feature.callback(confirmImport, async (ctx, { action }) => {
    await ctx.answerCallbackQuery();
    const pending = ctx.session.pendingImport;
    ctx.session.pendingImport = undefined;
    if (!pending) return ctx.reply(ctx.t("import-chat-expired"));
    if (action === "x") return ctx.reply(ctx.t("import-chat-discarded"));
    await ctx.reply(ctx.t("import-chat-checking"));
    const report = await runImport(ctx, deps, pending, false);
    if (!report) return;
    if (report.scopeRefusals.length > 0) return ctx.reply(scopeRefusalText(ctx, report));
    const locale = await userLocale(ctx);
    const text = formatImportReport(deps.i18n, locale, report).map(escapeHtml).join("\n");
    // Confirmations wait for this officer (or another in scope, by /confirmations) to send them.
    const waiting = report.confirmations?.toSend ? await pendingWithin((p) => inScope(ctx.staff.scope, p)) : null;
    const markup = waiting?.households ? { reply_markup: pendingKeyboard(ctx.t, waiting.households) } : {};
    await ctx.reply(text, { parse_mode: "HTML", ...markup });
  });
  return { feature, documents };
}
