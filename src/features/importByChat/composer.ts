import { createWriteStream } from "node:fs";
import { copyFile, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { extname, isAbsolute, join } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { I18n } from "@grammyjs/i18n";
import { stringify } from "csv-stringify/sync";
import { Composer, InlineKeyboard, InputFile } from "grammy";
import { requireStaff } from "../../bot/access.js";
import { type BotContext, userLocale } from "../../bot/context.js";
import { escapeHtml } from "../../domain/html.js";
import { formatImportReport, formatRowError } from "../../import/formatReport.js";
import type { ImportReport } from "../../import/run.js";
import { ImportWorkerFailed, importInWorker } from "../../import/worker.js";
import { audit, describeScope, type Staff, staffRole } from "../../staff/roles.js";

/** Telegram lets a bot download files up to 20 MB (cloud Bot API). */
export const BOT_DOWNLOAD_LIMIT_BYTES = 20 * 1024 * 1024;
const ERRORS_IN_MESSAGE = 20;
const IMPORT_EXTENSIONS = new Set([".csv", ".xlsx"]);

export interface ImportByChatOptions {
  adminIds: readonly number[];
  i18n: I18n;
  idHashSecret: string;
  /** "<api root>/file/bot<token>": where Telegram serves files. */
  fileRoot: string;
}

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
 * An officer sends the bank's CSV or XLSX export to the bot. It runs the same validation as
 * `npm run import`, dry-run first: the officer sees what would change and the errors (the first 20
 * in the message, all of them as a CSV file), and only a confirmation applies it. The file must lie
 * wholly within the officer's scope. Files above the download limit point to the command line.
 */
export function createImportByChatFeature(options: ImportByChatOptions): Composer<BotContext> {
  const { adminIds, i18n, idHashSecret, fileRoot } = options;
  const feature = new Composer<BotContext>();

  /**
   * Runs the import in a child process with its own memory cap (a file, however malformed, cannot take
   * the bot down), within the officer's scope as read for this request. Null after telling the
   * officer the file could not be processed.
   */
  async function run(ctx: BotContext, staff: Staff, fileId: string, fileName: string, dryRun: boolean) {
    const { path, dir } = await download(ctx, fileRoot, fileId, fileName);
    try {
      return await importInWorker(path, {
        options: {
          dryRun,
          actor: { kind: "telegram", id: String(staff.telegramUserId) },
          idHashSecret,
          maxErrors: 100_000,
        },
        scope: staff.scope,
      });
    } catch (error) {
      if (!(error instanceof ImportWorkerFailed)) throw error;
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

  feature.on("message:document", async (ctx, next) => {
    // Only officers import, in a private chat; anyone else's documents are not for this feature.
    const staff = ctx.chat.type === "private" ? await staffRole(ctx.from.id, adminIds) : null;
    if (!staff) return next();
    const document = ctx.message.document;
    const fileName = document.file_name ?? "";
    if (!IMPORT_EXTENSIONS.has(extname(fileName).toLowerCase())) {
      return ctx.reply(ctx.t("import-chat-wrong-type"));
    }
    if ((document.file_size ?? 0) > BOT_DOWNLOAD_LIMIT_BYTES) {
      return ctx.reply(
        ctx.t("import-chat-too-big", {
          size: ((document.file_size ?? 0) / 1024 / 1024).toFixed(1),
          max: BOT_DOWNLOAD_LIMIT_BYTES / 1024 / 1024,
        }),
      );
    }
    await ctx.reply(ctx.t("import-chat-checking"));
    const report = await run(ctx, staff, document.file_id, fileName, true);
    if (!report) return;
    const locale = await userLocale(ctx);
    await audit(staff.telegramUserId, "import-check", describeScope(staff.scope), {
      rows: report.rows,
      errors: report.errorCount,
      outsideScope: report.scopeRefusals.length,
    });
    if (report.scopeRefusals.length > 0) return ctx.reply(scopeRefusalText(ctx, report));

    const shown: ImportReport = { ...report, errors: report.errors.slice(0, ERRORS_IN_MESSAGE) };
    if (report.errorCount > ERRORS_IN_MESSAGE) shown.errorCount = report.errorCount;
    const lines = formatImportReport(i18n, locale, shown).map(escapeHtml);
    if (report.outcome !== "dry-run") {
      await ctx.reply(lines.join("\n"), { parse_mode: "HTML" });
      if (report.errors.length > 0) {
        const csv = stringify([
          ["row", "column", "problem"],
          ...report.errors.map((e) => [e.row, e.column, formatRowError(i18n, locale, e)]),
        ]);
        await ctx.replyWithDocument(new InputFile(Buffer.from(`\uFEFF${csv}`, "utf8"), "loi-nhap-du-lieu.csv"), {
          caption: ctx.t("import-chat-errors-file", { count: report.errors.length }),
        });
      }
      return;
    }
    ctx.session.pendingImport = { fileId: document.file_id, fileName };
    const keyboard = new InlineKeyboard()
      .text(ctx.t("import-chat-apply"), "imp:go")
      .text(ctx.t("import-chat-discard"), "imp:x");
    await ctx.reply([...lines, "", ctx.t("import-chat-ask")].join("\n"), {
      parse_mode: "HTML",
      reply_markup: keyboard,
    });
  });

  feature.callbackQuery(/^imp:(go|x)$/, async (ctx) => {
    await ctx.answerCallbackQuery();
    const staff = await requireStaff(ctx, adminIds);
    if (!staff) return;
    const pending = ctx.session.pendingImport;
    ctx.session.pendingImport = undefined;
    if (!pending) return ctx.reply(ctx.t("import-chat-expired"));
    if (ctx.match[1] === "x") return ctx.reply(ctx.t("import-chat-discarded"));
    await ctx.reply(ctx.t("import-chat-checking"));
    const report = await run(ctx, staff, pending.fileId, pending.fileName, false);
    if (!report) return;
    if (report.scopeRefusals.length > 0) return ctx.reply(scopeRefusalText(ctx, report));
    const locale = await userLocale(ctx);
    await ctx.reply(formatImportReport(i18n, locale, report).map(escapeHtml).join("\n"), { parse_mode: "HTML" });
  });

  return feature;
}
