import { parseArgs } from "node:util";
import { exitOnConfigError, loadBaseConfig } from "../app/config.js";
import { LockHeldError } from "../data/lock.js";
import { openDatabase } from "../data/open.js";
import { createI18n } from "../i18n.js";
import { formatImportReport } from "../import/formatReport.js";
import { importFile } from "../import/run.js";
import { logger } from "../logger.js";
import { runCli } from "./run.js";

const USAGE = "usage: npm run import -- FILE.csv|FILE.xlsx [--dry-run] [--full-snapshot] [--lang vi|en|both]";

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      "dry-run": { type: "boolean", default: false },
      "full-snapshot": { type: "boolean", default: false },
      lang: { type: "string", default: "both" },
    },
  });
  const file = positionals[0];
  if (!file || positionals.length > 1 || !["vi", "en", "both"].includes(values.lang)) {
    console.error(USAGE);
    return 64;
  }
  let config: ReturnType<typeof loadBaseConfig>;
  try {
    config = loadBaseConfig();
  } catch (error) {
    exitOnConfigError(error);
  }
  const db = await openDatabase(config, logger);
  const i18n = createI18n();
  try {
    const report = await importFile(file, {
      dryRun: values["dry-run"],
      fullSnapshot: values["full-snapshot"],
      actor: { kind: "cli", id: process.env.USER ?? "cli" },
      idHashSecret: config.ID_HASH_SECRET,
      maxErrors: 50_000, // all are counted; the first 50,000 are printed
    });
    const locales = values.lang === "both" ? (["vi", "en"] as const) : ([values.lang] as ["vi" | "en"]);
    for (const locale of locales) {
      const out = report.outcome === "rejected" ? console.error : console.log;
      for (const line of formatImportReport(i18n, locale, report)) out(line);
    }
    logger.info({ batchId: report.batchId, outcome: report.outcome, rows: report.rows }, "import finished");
    return report.outcome === "rejected" ? 1 : 0;
  } catch (error) {
    if (error instanceof LockHeldError) {
      console.error(i18n.t("vi", "import-error-locked"));
      console.error(i18n.t("en", "import-error-locked"));
      return 75;
    }
    throw error;
  } finally {
    await db.close();
  }
}

runCli(main, "import failed", 70);
