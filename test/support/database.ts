import { randomBytes } from "node:crypto";
import mongoose from "mongoose";
import { afterAll, beforeAll, inject } from "vitest";
import { connectDatabase } from "../../src/db/connection.js";

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

export const TEST_ID_SECRET = "test-secret-0123456789abcdef";

/** The test server's connection string pointing at one database (for child processes). */
export function databaseUri(name: string): string {
  const [head = "", query] = inject("mongoUri").split("?");
  const server = /^mongodb(?:\+srv)?:\/\/[^/]+/.exec(head)?.[0];
  if (!server) throw new Error("unexpected MONGODB_URI form");
  return `${server}/${name}${query ? `?${query}` : ""}`;
}
