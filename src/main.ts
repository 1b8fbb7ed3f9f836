import { createBot } from "./bot/bot.js";
import { exitOnConfigError, loadBotConfig } from "./config.js";
import { pingDatabase } from "./db/connection.js";
import { openDatabase } from "./db/session.js";
import { startHealthServer } from "./http/health.js";
import { logger } from "./logger.js";

async function main(): Promise<void> {
  let config: ReturnType<typeof loadBotConfig>;
  try {
    config = loadBotConfig();
  } catch (error) {
    exitOnConfigError(error);
  }
  logger.level = config.LOG_LEVEL;
  const db = await openDatabase(config, logger);
  const bot = createBot({ token: config.BOT_TOKEN, apiRoot: config.BOT_API_ROOT, log: logger });
  const http = await startHealthServer(config.HTTP_PORT, pingDatabase);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down");
    await bot.stop();
    http.close();
    await db.close();
    process.exit(0);
  };
  process.once("SIGINT", () => void shutdown("SIGINT"));
  process.once("SIGTERM", () => void shutdown("SIGTERM"));

  await bot.start({
    drop_pending_updates: false,
    onStart: (me) => logger.info({ bot: me.username }, "bot started (long polling)"),
  });
}

main().catch((error) => {
  logger.fatal({ err: error }, "bot crashed");
  process.exit(1);
});
