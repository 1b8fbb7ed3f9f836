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
