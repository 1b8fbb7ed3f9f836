import type { Logger } from "../logger.js";
import { connectDatabase, disconnectDatabase } from "./connection.js";
import { startEmbeddedDatabase } from "./embedded.js";
import type { RunningDatabase } from "./ferretdb.js";

/** Connects to MONGODB_URI, or to the embedded local database when it is not set. */
export async function openDatabase(
  config: { MONGODB_URI?: string | undefined; DATA_DIR: string },
  log: Logger,
): Promise<{ close(): Promise<void> }> {
  let embedded: RunningDatabase | null = null;
  let uri = config.MONGODB_URI;
  if (!uri) {
    embedded = await startEmbeddedDatabase(config.DATA_DIR, log);
    uri = `${embedded.uri}tindung`;
  }
  await connectDatabase(uri);
  return {
    async close() {
      await disconnectDatabase();
      await embedded?.stop();
    },
  };
}
