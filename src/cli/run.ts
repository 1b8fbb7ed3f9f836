import { type BaseConfig, exitOnConfigError, loadBaseConfig } from "../app/config.js";
import { openDatabase } from "../data/open.js";
import { logger, safeError } from "../logger.js";

/** Runs a command-line entry point and exits with its code; a crash is logged (no personal data). */
export function runCli(main: () => Promise<number>, failure: string, crashExitCode: number): void {
  main().then(
    (code) => process.exit(code),
    (error) => {
      logger.error({ err: safeError(error) }, failure);
      process.exit(crashExitCode);
    },
  );
}

/**
 * The start every database command shares: base configuration (a bad value exits 78 with its
 * message), the log level, the database opened for `work` and closed after it.
 */
export async function withConfiguredDatabase(work: (config: BaseConfig) => Promise<number>): Promise<number> {
  let config: BaseConfig;
  try {
    config = loadBaseConfig();
  } catch (error) {
    exitOnConfigError(error);
  }
  logger.level = config.LOG_LEVEL;
  const db = await openDatabase(config, logger);
  try {
    return await work(config);
  } finally {
    await db.close();
  }
}
