import { parseArgs } from "node:util";
import { exitOnConfigError, loadBaseConfig, loadBotConfig } from "../app/config.js";
import { loadHolidays } from "../catalogue/load.js";
import { dueBatchCount } from "../data/dispatch.js";
import { openDatabase } from "../data/open.js";
import { createSendingApi, Dispatcher } from "../delivery/dispatcher.js";
import { deliveryDayReport } from "../delivery/report.js";
import { isLocalDate, vietnamDate } from "../domain/dates.js";
import { createI18n } from "../i18n.js";
import { logger } from "../logger.js";
import { loadReminderConfig } from "../reminders/config.js";
import { planReminders } from "../reminders/planner.js";
import { runCli } from "./run.js";

const USAGE = `usage:
  npm run reminders -- plan [--date YYYY-MM-DD]      plan a day's deliveries (default: today in Vietnam)
  npm run reminders -- dispatch                      send what may go now, then exit
  npm run reminders -- report [--date YYYY-MM-DD]    what was planned, sent and not sent`;

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { date: { type: "string" } },
  });
  const command = positionals[0];
  const date = values.date ?? vietnamDate(new Date());
  if (!command || !["plan", "dispatch", "report"].includes(command) || !isLocalDate(date)) {
    console.error(USAGE);
    return 64;
  }
  let config: ReturnType<typeof loadBaseConfig>;
  let reminders: ReturnType<typeof loadReminderConfig>;
  try {
    config = command === "dispatch" ? loadBotConfig() : loadBaseConfig();
    reminders = loadReminderConfig(config.REMINDERS_CONFIG_FILE);
  } catch (error) {
    exitOnConfigError(error);
  }
  logger.level = config.LOG_LEVEL;
  const db = await openDatabase(config, logger);
  try {
    if (command === "plan") {
      const report = await planReminders(date, {
        config: reminders,
        closures: loadHolidays().closures,
        transactionDayRule: loadHolidays().transactionDayRule,
        i18n: createI18n({ operatorName: config.OPERATOR_NAME }),
        adminIds: config.ADMIN_TELEGRAM_IDS,
      });
      console.log(JSON.stringify(report, null, 2));
    } else if (command === "dispatch") {
      const botConfig = config as ReturnType<typeof loadBotConfig>;
      const api = createSendingApi(botConfig.BOT_TOKEN, botConfig.BOT_API_ROOT);
      const dispatcher = new Dispatcher({ api, config: reminders, closures: loadHolidays().closures, log: logger });
      let stopping = false;
      const stop = () => {
        stopping = true;
        dispatcher.stop();
      };
      process.once("SIGTERM", stop);
      process.once("SIGINT", stop);
      // Another dispatcher may hold the lease (or a dead one's lease may still run): wait it out.
      for (;;) {
        const report = await dispatcher.runOnce();
        console.log(JSON.stringify(report));
        // Stopped: what is in flight has been recorded and the batches handed back; exit now.
        if (stopping || report.resumesAt) break;
        const pending = await dueBatchCount(new Date());
        if (report.leader && pending === 0) break;
        await new Promise((r) => setTimeout(r, Math.min(5_000, reminders.dispatch.leaseSeconds * 500)));
      }
    } else {
      console.log(JSON.stringify(await deliveryDayReport(date), null, 2));
    }
    return 0;
  } finally {
    await db.close();
  }
}

runCli(main, "reminders command failed", 1);
