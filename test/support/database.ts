import { randomBytes } from "node:crypto";
import mongoose from "mongoose";
import { afterAll, beforeAll, inject } from "vitest";
import { connectDatabase, withDatabaseName } from "../../src/data/connection.js";

/** Gives the calling test file a fresh database of its own, dropped afterwards. */
export function useTestDatabase(): { name: string } {
  const handle = { name: `test_${randomBytes(6).toString("hex")}` };
  beforeAll(async () => {
    await connectDatabase(inject("mongoUri"), handle.name);
  });
  afterAll(async () => {
    await mongoose.connection.dropDatabase().catch(() => undefined);
    await mongoose.disconnect();
  });
  return handle;
}

export { TEST_ID_SECRET } from "./secrets.js";

/** The test server's connection string pointing at one database (for child processes). */
export const databaseUri = (name: string): string => withDatabaseName(inject("mongoUri"), name);
