import { withApp } from "../app/app.js";
import { runCli } from "./run.js";

/**
 * npm run migrate: brings stored data up to this version and exits (every start does the same, see
 * data/migrations); prints what it changed and how long it took. For a deployment that wants the
 * change made, and timed, before the new bot starts.
 */
runCli(
  () =>
    withApp("command", async ({ migrated, startupMs }) => {
      console.log(JSON.stringify({ migrated, ms: startupMs.migrations }, null, 2));
      return 0;
    }),
  "migration failed",
  70,
);
