import { run } from "@grammyjs/runner";
import type { Bot } from "grammy";
import { type App, startApp } from "./app/app.js";
import { createBot } from "./app/bot.js";
import type { BotConfig } from "./app/config.js";
import type { BotContext } from "./bot/context.js";
import { CommandMenus } from "./bot/menus.js";
import { databaseReachable, watchDatabase } from "./data/availability.js";
import { phoneSendChannels } from "./delivery/channels/index.js";
import { carriesKind } from "./delivery/channels/settings.js";
import { createSendingApi, Dispatcher } from "./delivery/dispatcher.js";
import { BroadcastMonitor } from "./features/broadcast/monitor.js";
import { refreshClosures } from "./features/closures/calendar.js";
import { startHttpServer } from "./http/server.js";
import { createWebhookHandler } from "./http/webhook.js";
import { logger, safeError } from "./logger.js";
import { startReminderJobs } from "./reminders/jobs.js";
import { startRetentionJob } from "./retention/job.js";
import { staffRole } from "./staff/roles.js";

export const WEBHOOK_PATH = "/telegram";

/** How often the bot checks that the database answers (it pauses taking updates while it does not). */
const DATABASE_CHECK_MS = 2_000;
const CLOSURE_REFRESH_MS = 5 * 60_000;
let stopping = false;

// Nothing a handler leaves behind may stop the process or print raw data: log through the redacting logger.
process.on("unhandledRejection", (reason) => {
  logger.error({ err: safeError(reason) }, "unhandled rejection");
});
process.on("uncaughtException", (error) => {
  logger.fatal({ err: safeError(error) }, "uncaught exception");
  process.exit(1);
});

type BotApp = App<BotConfig>;
type Stop = () => Promise<void>;

/** The clock and, in tests, the fixed closures every dispatcher of the process works by. */
const dispatcherTiming = (app: BotApp) => ({ now: () => app.clock.now(), closures: app.fixedClosures });

/** Closures officers added by command: read now, and again every few minutes (other processes add them too). */
async function keepClosuresFresh(log: BotApp["log"]): Promise<void> {
  await refreshClosures();
  const timer = setInterval(() => {
    refreshClosures().catch((error) => log.warn({ err: safeError(error) }, "reading closures failed"));
  }, CLOSURE_REFRESH_MS);
  timer.unref();
}

/** The sender of reminders and broadcasts, with its jobs; only in a process that sends (REMINDERS_ENABLED). */
function startSending(app: BotApp, bot: Bot<BotContext>, dispatcher: Dispatcher): Stop {
  const { config, sending, channels, i18n, log } = app;
  const adminIds = config.ADMIN_TELEGRAM_IDS;
  const phoneDispatchers = phoneSendChannels(channels, log).map(
    (channel) =>
      new Dispatcher({
        ...dispatcherTiming(app),
        channel,
        config: sending,
        log: log.child({ channel: channel.name }),
        adminIds,
      }),
  );
  const reminders = startReminderJobs({
    config: sending,
    i18n,
    adminIds,
    log,
    dispatcher,
    phoneDispatchers,
    phoneChannels: channels.order,
    carries: carriesKind(channels),
    znsCustomerCode: channels.zns?.customerCodeInTemplates ?? false,
    clock: app.clock,
    holidays: app.holidays,
  });
  const monitor = new BroadcastMonitor({
    ...dispatcherTiming(app),
    api: bot.api,
    i18n,
    config: sending,
    log,
    makerScope: async (id) => (await staffRole(id, adminIds))?.scope ?? null,
    reserve: (chatId) => dispatcher.reserve(chatId),
  });
  monitor.start();
  return async () => {
    await monitor.stop();
    await reminders.stop();
  };
}

/** Webhook mode: while the database is unreachable the webhook answers 503, so Telegram resends later. */
async function receiveByWebhook(
  app: BotApp & { config: { BOT_MODE: "webhook" } },
  bot: Bot<BotContext>,
): Promise<Stop> {
  const { config, log } = app;
  const watch = watchDatabase({ everyMs: DATABASE_CHECK_MS, log, onDown: () => {}, onUp: () => {} });
  const handler = createWebhookHandler(bot, { secret: config.WEBHOOK_SECRET, isAvailable: watch.isAvailable, log });
  const http = await startHttpServer(config.HTTP_PORT, {
    isReady: () => databaseReachable(),
    webhook: { path: WEBHOOK_PATH, handler },
  });
  await bot.api.setWebhook(config.WEBHOOK_URL, { secret_token: config.WEBHOOK_SECRET });
  return async () => {
    watch.stop();
    await new Promise((resolve) => http.close(resolve));
  };
}

/**
 * Long polling: the runner fetches updates continuously and handles different users concurrently.
 * While the database is unreachable it stops fetching (Telegram keeps the updates) and starts after.
 */
async function receiveByPolling(app: BotApp, bot: Bot<BotContext>): Promise<Stop> {
  const { config, log } = app;
  const http = await startHttpServer(config.HTTP_PORT, { isReady: () => databaseReachable() });
  await bot.api.deleteWebhook();
  const runner = run(bot);
  const watch = watchDatabase({
    everyMs: DATABASE_CHECK_MS,
    log,
    onDown: async () => {
      if (runner.isRunning()) await runner.stop();
    },
    onUp: () => {
      if (!runner.isRunning() && !stopping) runner.start();
    },
  });
  return async () => {
    watch.stop();
    if (runner.isRunning()) await runner.stop(); // waits for the updates in flight
    http.close();
  };
}

async function setMenus(bot: Bot<BotContext>, menus: CommandMenus, adminIds: readonly number[]): Promise<void> {
  await menus.setDefault(bot.api);
  // An admin who has never opened the bot cannot get a chat menu yet; that is not an error.
  for (const admin of adminIds) await menus.setForChat(bot.api, admin, "admin").catch(() => undefined);
}

/** Times the phases of start-up, for the one "bot started" line (the first update waits for all of them). */
function startupClock(): { mark(phase: string): void; phases: Record<string, number>; totalMs(): number } {
  const started = performance.now();
  let last = started;
  const phases: Record<string, number> = {};
  return {
    phases,
    mark(phase) {
      const now = performance.now();
      phases[phase] = Math.round(now - last);
      last = now;
    },
    totalMs: () => Math.round(performance.now() - started),
  };
}

async function main(): Promise<void> {
  const startup = startupClock();
  const app = await startApp("bot");
  Object.assign(startup.phases, app.startupMs);
  startup.mark("app");
  const { config, sending, i18n, log } = app;
  await keepClosuresFresh(log);
  startup.mark("closures");
  const dispatcher = config.REMINDERS_ENABLED
    ? new Dispatcher({
        ...dispatcherTiming(app),
        api: createSendingApi(config.BOT_TOKEN, config.BOT_API_ROOT),
        config: sending,
        log,
      })
    : null;
  const menus = new CommandMenus();
  const bot = createBot({
    token: config.BOT_TOKEN,
    apiRoot: config.BOT_API_ROOT,
    log,
    i18n,
    menus,
    adminIds: config.ADMIN_TELEGRAM_IDS,
    idHashSecret: config.ID_HASH_SECRET,
    operatorName: config.OPERATOR_NAME,
    delivery: { config: sending, sender: dispatcher ?? undefined },
    channelPrices: app.channels.prices,
    clock: app.clock,
  });
  await bot.init();
  startup.mark("getMe");

  const stopSending = dispatcher ? startSending(app, bot, dispatcher) : async () => {};
  const retention = startRetentionJob({
    months: config.RETENTION_MONTHS,
    log,
    channelsInUse: ["telegram", ...app.channels.order],
  });
  startup.mark("jobs");
  const stopReceiving =
    config.BOT_MODE === "webhook" ? await receiveByWebhook({ ...app, config }, bot) : await receiveByPolling(app, bot);
  startup.mark("receiving");
  // The command menus are set after: answering does not wait for them (a few calls to Telegram).
  setMenus(bot, menus, config.ADMIN_TELEGRAM_IDS).catch((error) =>
    log.warn({ err: safeError(error) }, "setting the command menus failed"),
  );
  log.info(
    { bot: bot.botInfo.username, mode: config.BOT_MODE, ms: startup.totalMs(), phasesMs: startup.phases },
    "bot started",
  );

  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, "shutting down");
    await stopReceiving();
    await stopSending();
    await retention.stop();
    await app.close();
    process.exit(0);
  };
  process.once("SIGINT", () => void shutdown("SIGINT"));
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
}

main().catch((error) => {
  logger.fatal({ err: safeError(error) }, "bot crashed");
  process.exit(1);
});
