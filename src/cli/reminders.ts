import { parseArgs } from "node:util";
import { type App, withApp } from "../app/app.js";
import { adminsOf } from "../app/branches.js";
import type { BaseConfig, BotConfig } from "../app/config.js";
import { dueBatchCount } from "../data/dispatch.js";
import { phoneSendChannels } from "../delivery/channels/index.js";
import { carriesKind } from "../delivery/channels/settings.js";
import { createSendingApi, Dispatcher } from "../delivery/dispatcher.js";
import { deliveryDayReport } from "../delivery/report.js";
import { addDays, addMonths, isLocalDate, type LocalDate, vietnamDate } from "../domain/dates.js";
import { phoneCostsIn } from "../features/stats/computeStats.js";
import { planReminders } from "../reminders/planner.js";
import { runCli } from "./run.js";

const USAGE = `usage:
  npm run reminders -- plan [--date YYYY-MM-DD] [--read book]
                                                     plan a day's deliveries (default: today in Vietnam);
                                                     --read book: from every household, not the planner's index
  npm run reminders -- dispatch                      send what may go now, then exit
  npm run reminders -- report [--date YYYY-MM-DD]    what was planned, sent and not sent
  npm run reminders -- costs [--month YYYY-MM]       SMS and Zalo sent in a month, per commune, and their cost`;

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { date: { type: "string" }, month: { type: "string" }, read: { type: "string" } },
  });
  const command = positionals[0];
  const known = ["plan", "dispatch", "report", "costs"];
  const badDate = values.date !== undefined && !isLocalDate(values.date);
  const badMonth = values.month !== undefined && !isLocalDate(`${values.month}-01`);
  const badRead = values.read !== undefined && values.read !== "book";
  if (!command || !known.includes(command) || badDate || badMonth || badRead) {
    console.error(USAGE);
    return 64;
  }
  if (command === "dispatch") {
    return withApp("bot", async (app) => {
      if (app.deployment.branches.length > 1 && !app.config.BRANCH) {
        console.error("BRANCH: required with several branches (which branch's outbox to send)");
        return 64;
      }
      return dispatchUntilDone(app);
    });
  }
  return withApp("command", async (app) => {
    const date = values.date ?? vietnamDate(app.clock.now());
    if (command === "costs") return printCosts(app, values.month ?? date.slice(0, 7));
    const report = command === "plan" ? await plan(app, date, values.read === "book") : await deliveryDayReport(date);
    console.log(JSON.stringify(report, null, 2));
    return 0;
  });
}

/** The monthly cost report: SMS and Zalo sent for the month's plan dates, per commune and channel. */
async function printCosts({ channels }: App<BaseConfig>, month: string): Promise<number> {
  const first = `${month}-01` as LocalDate;
  const last = addDays(addMonths(first, 1), -1);
  const rows = await phoneCostsIn(null, first, last, channels.prices);
  const total = rows.every((r) => r.cost !== null) ? rows.reduce((sum, r) => sum + (r.cost ?? 0), 0) : null;
  console.log(JSON.stringify({ month, prices: channels.prices, communes: rows, totalCost: total }, null, 2));
  return 0;
}

function plan(app: App<BaseConfig>, date: LocalDate, fromBook: boolean) {
  const { sending, channels, i18n } = app;
  const holidays = app.holidays();
  return planReminders(date, {
    config: sending,
    closures: holidays.closures,
    transactionDayRule: holidays.transactionDayRule,
    workingDays: holidays.workingDays.map((w) => w.date),
    holidaysCoverUntil: holidays.coversUntil,
    i18n,
    adminIds: adminsOf(app.deployment, app.branch),
    phoneChannels: channels.order,
    carries: carriesKind(channels),
    znsCustomerCode: channels.zns?.customerCodeInTemplates ?? false,
    now: app.clock.now(),
    bookSource: fromBook ? "book" : "index",
  });
}

/**
 * Sends what may go now, by every channel in use side by side (each its own dispatcher); another
 * dispatcher may hold a channel's lease (or a dead one's may still run): waits it out.
 */
async function dispatchUntilDone(app: App<BotConfig>): Promise<number> {
  const { config, sending, channels, log, clock } = app;
  const common = {
    config: sending,
    closures: app.holidays().closures,
    adminIds: adminsOf(app.deployment, app.branch),
    now: () => clock.now(),
  };
  const dispatchers = [
    new Dispatcher({ ...common, api: createSendingApi(app.branch.token, config.BOT_API_ROOT), log }),
    ...phoneSendChannels(channels, log).map(
      (channel) => new Dispatcher({ ...common, channel, log: log.child({ channel: channel.name }) }),
    ),
  ];
  let stopping = false;
  const stop = () => {
    stopping = true;
    for (const d of dispatchers) d.stop();
  };
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
  // SMS and Zalo dispatchers may list messages in doubt to officers, by Telegram: its dispatcher
  // stays until they are done.
  let phoneRunning = dispatchers.length - 1;
  const untilDone = async (dispatcher: Dispatcher) => {
    try {
      for (;;) {
        const report = await dispatcher.runOnce();
        console.log(JSON.stringify({ channel: dispatcher.channel.name, ...report }));
        // Stopped: what is in flight has been recorded and the batches handed back; exit now.
        if (stopping || report.resumesAt) return;
        const pending = await dueBatchCount(clock.now(), dispatcher.channel.name);
        const othersDone = dispatcher.channel.name !== "telegram" || phoneRunning === 0;
        if (report.leader && pending === 0 && othersDone) return;
        // Not the leader: another dispatcher's lease (perhaps a dead one's) has to run out; look again soon.
        const pauseMs = !report.leader ? 1_000 : othersDone ? 5_000 : 500;
        await new Promise((r) => setTimeout(r, Math.min(pauseMs, sending.dispatch.leaseSeconds * 500)));
      }
    } finally {
      await dispatcher.channel.close?.();
      if (dispatcher.channel.name !== "telegram") phoneRunning--;
    }
  };
  await Promise.all(dispatchers.map(untilDone));
  return 0;
}

runCli(main, "reminders command failed", 1);
