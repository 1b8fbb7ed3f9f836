import { parseArgs } from "node:util";
import { withApp } from "../app/app.js";
import { LockHeldError } from "../data/lock.js";
import { formatImportReport } from "../import/formatReport.js";
import { importFile } from "../import/run.js";
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
  return withApp("command", async ({ config, i18n, log }) => {
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
      log.info({ batchId: report.batchId, outcome: report.outcome, rows: report.rows }, "import finished");
      return report.outcome === "rejected" ? 1 : 0;
    } catch (error) {
      if (!(error instanceof LockHeldError)) throw error;
      console.error(i18n.t("vi", "import-error-locked"));
      console.error(i18n.t("en", "import-error-locked"));
      return 75;
    }
  });
}

runCli(main, "import failed", 70);
