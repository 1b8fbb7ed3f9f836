import { parseArgs } from "node:util";
import { type App, withApp } from "../app/app.js";
import type { BaseConfig, BotConfig } from "../app/config.js";
import { loadHolidays } from "../catalogue/load.js";
import { dueBatchCount } from "../data/dispatch.js";
import { createSendingApi, Dispatcher } from "../delivery/dispatcher.js";
import { deliveryDayReport } from "../delivery/report.js";
import { isLocalDate, type LocalDate, vietnamDate } from "../domain/dates.js";
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
  if (command === "dispatch") return withApp("bot", dispatchUntilDone);
  return withApp("command", async (app) => {
    const report = command === "plan" ? await plan(app, date) : await deliveryDayReport(date);
    console.log(JSON.stringify(report, null, 2));
    return 0;
  });
}

function plan({ config, sending, i18n }: App<BaseConfig>, date: LocalDate) {
  const holidays = loadHolidays();
  return planReminders(date, {
    config: sending,
    closures: holidays.closures,
    transactionDayRule: holidays.transactionDayRule,
    i18n,
    adminIds: config.ADMIN_TELEGRAM_IDS,
  });
}

/** Sends what may go now; another dispatcher may hold the lease (or a dead one's may still run): waits it out. */
async function dispatchUntilDone({ config, sending, log }: App<BotConfig>): Promise<number> {
  const api = createSendingApi(config.BOT_TOKEN, config.BOT_API_ROOT);
  const dispatcher = new Dispatcher({ api, config: sending, closures: loadHolidays().closures, log });
  let stopping = false;
  const stop = () => {
    stopping = true;
    dispatcher.stop();
  };
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
  for (;;) {
    const report = await dispatcher.runOnce();
    console.log(JSON.stringify(report));
    // Stopped: what is in flight has been recorded and the batches handed back; exit now.
    if (stopping || report.resumesAt) return 0;
    const pending = await dueBatchCount(new Date());
    if (report.leader && pending === 0) return 0;
    await new Promise((r) => setTimeout(r, Math.min(5_000, sending.dispatch.leaseSeconds * 500)));
  }
}

runCli(main, "reminders command failed", 1);
