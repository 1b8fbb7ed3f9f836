import { exitOnConfigError, loadBaseConfig } from "../config.js";
import { withLock } from "../data/lock.js";
import { openDatabase } from "../data/open.js";
import { logger } from "../logger.js";
import { runRetention } from "../services/retention.js";
import { runCli } from "./run.js";

/** npm run retention: what the daily job does, now (RETENTION_MONTHS, default 13). */
async function main(): Promise<number> {
  let config: ReturnType<typeof loadBaseConfig>;
  try {
    config = loadBaseConfig();
  } catch (error) {
    exitOnConfigError(error);
  }
  logger.level = config.LOG_LEVEL;
  const db = await openDatabase(config, logger);
  try {
    const result = await withLock("retention", 30 * 60_000, () => runRetention(config.RETENTION_MONTHS));
    console.log(JSON.stringify(result, null, 2));
    return 0;
  } finally {
    await db.close();
  }
}

runCli(main, "retention failed", 70);
