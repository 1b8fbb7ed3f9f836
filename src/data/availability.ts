import type mongoose from "mongoose";
import type { Logger } from "../logger.js";
import { pingDatabase } from "./connection.js";

export interface DatabaseWatch {
  /** Whether the last check reached the database. */
  isAvailable(): boolean;
  stop(): void;
}

const PING_TIMEOUT_MS = 2_000;

/**
 * Whether the database answers a ping within `timeoutMs` (the driver alone would wait for its server
 * selection, 10 s): what /readyz and the bot's pause on a lost database both go by.
 */
export async function databaseReachable(
  connection?: mongoose.Connection,
  timeoutMs = PING_TIMEOUT_MS,
): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
  const ok = await Promise.race([pingDatabase(connection), timeout]);
  clearTimeout(timer);
  return ok;
}

/**
 * Checks every `everyMs` that the database answers, and calls `onDown` / `onUp` when that changes,
 * so the bot stops taking updates while it cannot handle them (Telegram keeps them) and resumes
 * when the database is back.
 */
export function watchDatabase(options: {
  everyMs: number;
  log: Logger;
  onDown: () => Promise<void> | void;
  onUp: () => Promise<void> | void;
}): DatabaseWatch {
  let available = true;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const check = async () => {
    const ok = await databaseReachable();
    if (ok !== available) {
      available = ok;
      if (!ok) options.log.error({}, "database unreachable: pausing updates");
      await (ok ? options.onUp() : options.onDown());
      // Said once the change is done: no update is fetched after "paused" until "taking updates".
      options.log[ok ? "info" : "error"]({}, ok ? "database reachable again: taking updates" : "updates paused");
    }
  };
  const loop = () => {
    check()
      .catch((error) => options.log.error({ err: String(error) }, "database watch failed"))
      .finally(() => {
        if (!stopped) timer = setTimeout(loop, options.everyMs);
      });
  };
  timer = setTimeout(loop, options.everyMs);
  return {
    isAvailable: () => available,
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
