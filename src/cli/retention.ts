import { withApp } from "../app/app.js";
import { withLock } from "../data/lock.js";
import { runRetention } from "../retention/runRetention.js";
import { runCli } from "./run.js";

/** npm run retention: what the daily job does, now (RETENTION_MONTHS, default 13). */
runCli(
  () =>
    withApp("command", async ({ config, channels, clock }) => {
      const inUse = ["telegram", ...channels.order];
      const result = await withLock("retention", 30 * 60_000, () =>
        runRetention(config.RETENTION_MONTHS, clock.now(), inUse),
      );
      console.log(JSON.stringify(result, null, 2));
      return 0;
    }),
  "retention failed",
  70,
);
