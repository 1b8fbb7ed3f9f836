import { run } from "@grammyjs/runner";
import { createBot } from "./app/bot.js";
import { exitOnConfigError, loadBotConfig } from "./app/config.js";
import { borrowerCommandMenu, setAdminMenu } from "./bot/menus.js";
import { watchDatabase } from "./data/availability.js";
import { pingDatabase } from "./data/connection.js";
import { openDatabase } from "./data/open.js";
import { createSendingApi, Dispatcher } from "./delivery/dispatcher.js";
import { BroadcastMonitor } from "./features/broadcast/monitor.js";
import { refreshClosures } from "./features/closures/calendar.js";
import { startHttpServer } from "./http/server.js";
import { createWebhookHandler } from "./http/webhook.js";
import { createI18n } from "./i18n.js";
import { logger, safeError } from "./logger.js";
import { loadReminderConfig } from "./reminders/config.js";
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

async function main(): Promise<void> {
  let config: ReturnType<typeof loadBotConfig>;
  try {
    config = loadBotConfig();
  } catch (error) {
    exitOnConfigError(error);
  }
  logger.level = config.LOG_LEVEL;
  let reminderConfig: ReturnType<typeof loadReminderConfig>;
  try {
    reminderConfig = loadReminderConfig(config.REMINDERS_CONFIG_FILE);
  } catch (error) {
    exitOnConfigError(error);
  }
  const db = await openDatabase(config, logger);
  // Closures officers added by command: read now, and again every few minutes (other processes add them too).
  await refreshClosures();
  const closureRefresh = setInterval(() => {
    refreshClosures().catch((error) => logger.warn({ err: safeError(error) }, "reading closures failed"));
  }, CLOSURE_REFRESH_MS);
  closureRefresh.unref();
  // The one sender of reminders and broadcasts (only when this process sends: REMINDERS_ENABLED).
  const dispatcher = config.REMINDERS_ENABLED
    ? new Dispatcher({
        api: createSendingApi(config.BOT_TOKEN, config.BOT_API_ROOT),
        config: reminderConfig,
        log: logger,
      })
    : null;
  const bot = createBot({
    token: config.BOT_TOKEN,
    apiRoot: config.BOT_API_ROOT,
    log: logger,
    adminIds: config.ADMIN_TELEGRAM_IDS,
    idHashSecret: config.ID_HASH_SECRET,
    operatorName: config.OPERATOR_NAME,
    delivery: { config: reminderConfig, sender: dispatcher ?? undefined },
  });
  await bot.init();
  const i18n = createI18n({ operatorName: config.OPERATOR_NAME });
  await borrowerCommandMenu(i18n).setCommands(bot);
  // An admin who has never opened the bot cannot get a chat menu yet; that is not an error.
  for (const admin of config.ADMIN_TELEGRAM_IDS) await setAdminMenu(bot.api, admin).catch(() => undefined);

  const reminders = dispatcher
    ? startReminderJobs({ config: reminderConfig, i18n, adminIds: config.ADMIN_TELEGRAM_IDS, log: logger, dispatcher })
    : null;
  const broadcastMonitor = dispatcher
    ? new BroadcastMonitor({
        api: bot.api,
        i18n,
        config: reminderConfig,
        log: logger,
        makerScope: async (id) => (await staffRole(id, config.ADMIN_TELEGRAM_IDS))?.scope ?? null,
        reserve: (chatId) => dispatcher.reserve(chatId),
      })
    : null;
  broadcastMonitor?.start();
  const retention = startRetentionJob({ months: config.RETENTION_MONTHS, log: logger });

  let stop: () => Promise<void>;
  if (config.BOT_MODE === "webhook") {
    // While the database is unreachable the webhook answers 503, so Telegram keeps and resends updates.
    const watch = watchDatabase({ everyMs: DATABASE_CHECK_MS, log: logger, onDown: () => {}, onUp: () => {} });
    const handler = createWebhookHandler(bot, {
      secret: config.WEBHOOK_SECRET as string,
      isAvailable: watch.isAvailable,
      log: logger,
    });
    const http = await startHttpServer(config.HTTP_PORT, {
      isReady: pingDatabase,
      webhook: { path: WEBHOOK_PATH, handler },
    });
    await bot.api.setWebhook(config.WEBHOOK_URL as string, { secret_token: config.WEBHOOK_SECRET as string });
    logger.info({ bot: bot.botInfo.username }, "bot started (webhook)");
    stop = async () => {
      watch.stop();
      await new Promise((resolve) => http.close(resolve));
    };
  } else {
    const http = await startHttpServer(config.HTTP_PORT, { isReady: pingDatabase });
    await bot.api.deleteWebhook();
    // The runner fetches updates continuously and handles different users concurrently. While the
    // database is unreachable it stops fetching (Telegram keeps the updates) and starts again after.
    const runner = run(bot);
    const watch = watchDatabase({
      everyMs: DATABASE_CHECK_MS,
      log: logger,
      onDown: async () => {
        if (runner.isRunning()) await runner.stop();
      },
      onUp: () => {
        if (!runner.isRunning() && !stopping) runner.start();
      },
    });
    logger.info({ bot: bot.botInfo.username }, "bot started (long polling)");
    stop = async () => {
      watch.stop();
      if (runner.isRunning()) await runner.stop(); // waits for the updates in flight
      http.close();
    };
  }

  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down");
    await stop();
    await broadcastMonitor?.stop();
    await reminders?.stop();
    await retention.stop();
    await db.close();
    process.exit(0);
  };
  process.once("SIGINT", () => void shutdown("SIGINT"));
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
}

main().catch((error) => {
  logger.fatal({ err: safeError(error) }, "bot crashed");
  process.exit(1);
});
