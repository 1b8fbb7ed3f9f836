import { parseArgs } from "node:util";
import { withApp } from "../app/app.js";
import { BackupError, backupDatabase, restoreDatabase } from "../data/backup.js";
import { vietnamDate } from "../domain/dates.js";
import { runCli } from "./run.js";

const USAGE = `usage:
  npm run backup -- DIR               write the database to DIR (a new or empty directory)
  npm run restore -- DIR [--replace]  restore DIR into the database (--replace: overwrite what is there)
Stop the bot first when it uses the embedded database. Production MongoDB: use mongodump/mongorestore.`;

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { replace: { type: "boolean", default: false } },
  });
  const [command, dir] = positionals;
  if (!dir || (command !== "backup" && command !== "restore")) {
    console.error(USAGE);
    return 64;
  }
  return withApp("command", async ({ config, clock }) => {
    const policy = { key: config.BACKUP_KEY, production: config.NODE_ENV === "production" };
    try {
      if (command === "backup") {
        const manifest = await backupDatabase(dir, policy);
        const counts = Object.fromEntries(Object.entries(manifest.collections).map(([name, c]) => [name, c.count]));
        console.log(JSON.stringify({ dir, server: manifest.server, counts }, null, 2));
      } else {
        console.log(
          JSON.stringify(
            {
              dir,
              restored: await restoreDatabase(dir, {
                ...policy,
                replace: values.replace,
                today: vietnamDate(clock.now()),
              }),
            },
            null,
            2,
          ),
        );
      }
      return 0;
    } catch (error) {
      if (!(error instanceof BackupError)) throw error;
      console.error(error.message);
      return 65;
    }
  });
}

runCli(main, "backup or restore failed", 70);
