/**
 * Attacker's checklist: the bot process itself (issue 10, items 8, 10 and 11), run as `npm start`
 * runs it, against a fake Bot API over real HTTP.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, inject, it } from "vitest";
import { findFerretdbBinary, freePort, startFerretdb } from "../../src/data/ferretdb.js";
import { text } from "../support/bot.js";
import { isAlive, startBotProcess, stopBotProcess } from "../support/botProcess.js";
import { TEST_ID_SECRET, useTestDatabase } from "../support/database.js";
import { startFakeBotApi } from "../support/fakeBotApi.js";

const database = useTestDatabase();
const PHONE = "0867207431";
const SLOW_USER = 880_001;
const startBot = (env: Record<string, string>) =>
  startBotProcess({ LOG_LEVEL: "info", REMINDERS_ENABLED: "false", ...env });

/** Waits until the process has written `needle` (a bound turns a hang into a readable failure). */
async function outputContains(output: () => string, needle: string, timeoutMs = 45_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!output().includes(needle)) {
    if (Date.now() > deadline) throw new Error(`the process never wrote "${needle}"`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe("item 8: in webhook mode, no update can take the process down", () => {
  // The reply to the slow user hangs until the test releases it.
  const fake = startFakeBotApi({ hold: (call) => call.payload.chat_id === SLOW_USER });
  afterAll(async () => (await fake).close());

  it("answers a slow update in time, refuses a 30 MB body and bad JSON, echoes nothing, and keeps serving", async () => {
    const api = await fake;
    const port = await freePort();
    const secret = "s3cret-token-for-tests";
    const bot = startBot({
      BOT_API_ROOT: api.apiRoot,
      MONGODB_URI: `${inject("mongoUri")}${database.name}`,
      ID_HASH_SECRET: TEST_ID_SECRET,
      HTTP_PORT: String(port),
      BOT_MODE: "webhook",
      WEBHOOK_URL: "https://bot.example.org/telegram",
      WEBHOOK_SECRET: secret,
    });
    try {
      await api.waitFor((c) => c.method === "setWebhook");
      const post = (body: string | Buffer) =>
        fetch(`http://127.0.0.1:${port}/telegram`, {
          method: "POST",
          headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": secret },
          body,
        });
      // Answered while the handler's reply still hangs (were the webhook to wait for it, this would not return).
      const slow = await post(JSON.stringify({ ...text(SLOW_USER, "/start"), update_id: 7001 }));
      expect(slow.status).toBe(200);
      expect(api.answered.some((c) => c.payload.chat_id === SLOW_USER)).toBe(false);

      const huge = await post(Buffer.alloc(30 * 1024 * 1024, 0x20)).catch(() => null);
      expect(huge === null || huge.status === 413).toBe(true);

      const truncated = JSON.stringify({ ...text(880_002, `so dien thoai ${PHONE}`), update_id: 7002 }).slice(0, -7);
      const bad = await post(truncated);
      expect(bad.status).toBe(400);
      expect(await bad.text()).not.toContain(PHONE);

      // The slow reply finishes after Telegram was answered; the process is still up and serving.
      api.release();
      await new Promise<void>((resolve) => {
        const check = () =>
          api.answered.some((c) => c.payload.chat_id === SLOW_USER) ? resolve() : setTimeout(check, 20);
        check();
      });
      expect(isAlive(bot.child)).toBe(true);
      expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
      expect((await post(JSON.stringify({ ...text(880_003, "/start"), update_id: 7003 }))).status).toBe(200);
      await api.waitFor((c) => c.method === "sendMessage" && c.payload.chat_id === 880_003);
      expect(bot.output()).not.toContain(PHONE);
      expect(bot.output()).not.toMatch(/"level":50.*update failed outside/);
    } finally {
      await stopBotProcess(bot.child);
    }
  }, 60_000);

  it("ignores updates nobody sent (channel posts) without logging an error", async () => {
    const api = await fake;
    const bot = startBot({
      BOT_API_ROOT: api.apiRoot,
      MONGODB_URI: `${inject("mongoUri")}${database.name}`,
      ID_HASH_SECRET: TEST_ID_SECRET,
      HTTP_PORT: String(await freePort()),
    });
    try {
      api.push({
        channel_post: { message_id: 1, date: 0, chat: { id: -1001, type: "channel", title: "C" }, text: "hi" },
      } as never);
      api.push(text(880_010, "/start"));
      await api.waitFor((c) => c.method === "sendMessage" && c.payload.chat_id === 880_010);
      expect(bot.output()).not.toContain('"level":50');
    } finally {
      await stopBotProcess(bot.child);
    }
  });
});

describe("item 10: while the database is down the bot stops taking updates, and answers each once after", () => {
  const binary = findFerretdbBinary();
  it.skipIf(!binary)(
    "pauses long polling, then answers every update that arrived, once",
    async () => {
      const dir = mkdtempSync(join(tmpdir(), "tindung-down-"));
      const port = await freePort();
      const backend = { handler: "sqlite" as const, directory: dir };
      let db = await startFerretdb(binary as string, backend, port);
      const api = await startFakeBotApi();
      const bot = startBot({
        BOT_API_ROOT: api.apiRoot,
        MONGODB_URI: `${db.uri}tindung`,
        ID_HASH_SECRET: TEST_ID_SECRET,
        HTTP_PORT: String(await freePort()),
      });
      try {
        api.push(text(881_000, "/start"));
        await api.waitFor((c) => c.method === "sendMessage" && c.payload.chat_id === 881_000);
        await db.stop();
        // Paused: the bot says so once its long polling has stopped; no update is fetched after that.
        await outputContains(bot.output, '"msg":"updates paused"');
        const pollsWhenPaused = api.polls();
        const users = [881_001, 881_002, 881_003];
        const pushed = users.map((user) => api.push(text(user, "/start")));
        const pollsAtRestart = api.polls();
        db = await startFerretdb(binary as string, backend, port);
        expect(pollsAtRestart).toBe(pollsWhenPaused);
        // Fetched only by polls made after the restart.
        for (const id of pushed) {
          await api.waitFor(() => api.deliveredAt(id) !== undefined);
          expect(api.deliveredAt(id)).toBeGreaterThan(pollsAtRestart);
        }
        for (const user of users) {
          await api.waitFor((c) => c.method === "sendMessage" && c.payload.chat_id === user);
        }
        // A later update is fetched only after the earlier ones were confirmed: none can come again.
        api.push(text(881_004, "/start"));
        await api.waitFor((c) => c.method === "sendMessage" && c.payload.chat_id === 881_004);
        for (const user of users) {
          const greetings = api.calls.filter(
            (c) => c.method === "sendMessage" && c.payload.chat_id === user && String(c.payload.text).includes("/link"),
          );
          expect(greetings).toHaveLength(1);
        }
        expect(isAlive(bot.child)).toBe(true);
      } finally {
        await stopBotProcess(bot.child);
        await api.close();
        await db.stop();
      }
    },
    120_000,
  );
});
