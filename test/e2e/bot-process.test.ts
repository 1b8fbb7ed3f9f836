import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { findFerretdbBinary, freePort } from "../../src/data/ferretdb.js";
import { importFile } from "../../src/import/run.js";
import { contact, text } from "../support/bot.js";
import { startBotProcess, stopBotProcess } from "../support/botProcess.js";
import { TEST_ID_SECRET, useTestDatabase } from "../support/database.js";
import { startFakeBotApi } from "../support/fakeBotApi.js";
import { type Row, seedRows, useTempDir, writeRows } from "../support/files.js";
import { exited } from "../support/process.js";

const database = useTestDatabase();
const file = useTempDir();
const rows = seedRows(20, 17);
const borrower = rows.find((r) => r.phones && r.groupRole === "Thành viên") as Row;
const startBot = (env: Record<string, string>) => startBotProcess(env).child;

beforeAll(async () => {
  const report = await importFile(await writeRows(file("e2e.csv"), rows), {
    actor: { kind: "cli", id: "e2e" },
    idHashSecret: TEST_ID_SECRET,
  });
  expect(report.outcome).toBe("applied");
}, 120_000);

describe("the bot process", () => {
  const fake = startFakeBotApi();
  afterAll(async () => (await fake).close());

  it("serves /start → link → balance over real long polling against BOT_API_ROOT, and stops cleanly", async () => {
    const api = await fake;
    const earlier = api.calls.length;
    const child = startBot({
      BOT_API_ROOT: api.apiRoot,
      MONGODB_URI: `${inject("mongoUri")}${database.name}`,
      ID_HASH_SECRET: TEST_ID_SECRET,
      HTTP_PORT: String(await freePort()),
    });
    try {
      const user = 424242;
      const sent = (needle: string) =>
        api.waitFor((c) => c.method === "sendMessage" && String(c.payload.text).includes(needle));
      api.push(text(user, "/start"));
      await sent("Ngân hàng Chính sách xã hội");
      api.push(text(user, "/link"));
      await sent("Vui lòng nhập mã khách hàng");
      api.push(text(user, borrower.customerCode));
      await sent("Chia sẻ số điện thoại");
      api.push(contact(user, `84${borrower.phones.slice(1)}`, user));
      await sent("Liên kết thành công");
      api.push(text(user, "💰 Dư nợ"));
      const balance = await sent("Dư nợ của hộ ông/bà");
      expect(balance.payload.parse_mode).toBe("HTML");
      // The menus are set once the bot answers (they do not hold up its start).
      await api.waitFor((c) => c.method === "setMyCommands" && c.payload.language_code === "en");
      const mine = api.calls.slice(earlier);
      expect(mine.some((c) => c.method === "deleteWebhook")).toBe(true);
      const menus = mine.filter((c) => c.method === "setMyCommands");
      expect(menus.map((c) => c.payload.language_code ?? "default").sort()).toEqual(["default", "en"]);
    } finally {
      expect(await stopBotProcess(child)).toBe(0);
    }
  });

  it("in webhook mode refuses requests without Telegram's secret token and serves those with it", async () => {
    const api = await fake;
    const port = await freePort();
    const secret = "s3cret-token-for-tests";
    const child = startBot({
      BOT_API_ROOT: api.apiRoot,
      MONGODB_URI: `${inject("mongoUri")}${database.name}`,
      ID_HASH_SECRET: TEST_ID_SECRET,
      HTTP_PORT: String(port),
      BOT_MODE: "webhook",
      WEBHOOK_URL: "https://bot.example.org/telegram",
      WEBHOOK_SECRET: secret,
    });
    try {
      await api.waitFor((c) => c.method === "setWebhook" && c.payload.secret_token === secret);
      const update = JSON.stringify({ ...text(515151, "/start"), update_id: 9001 });
      const post = (headers: Record<string, string>) =>
        fetch(`http://127.0.0.1:${port}/telegram`, {
          method: "POST",
          headers: { "content-type": "application/json", ...headers },
          body: update,
        });
      expect((await post({})).status).toBe(401);
      expect((await post({ "x-telegram-bot-api-secret-token": "wrong" })).status).toBe(401);
      expect(api.calls.some((c) => c.method === "sendMessage" && c.payload.chat_id === 515151)).toBe(false);
      expect((await post({ "x-telegram-bot-api-secret-token": secret })).status).toBe(200);
      await api.waitFor((c) => c.method === "sendMessage" && c.payload.chat_id === 515151);
    } finally {
      expect(await stopBotProcess(child)).toBe(0);
    }
  });

  it.skipIf(!findFerretdbBinary())(
    "after a SIGKILL, the next start stops the embedded database left behind before opening its files",
    async () => {
      const api = await fake;
      const dataDir = file("embedded-data");
      const start = async (user: number) => {
        const child = startBot({
          BOT_API_ROOT: api.apiRoot,
          MONGODB_URI: "",
          DATA_DIR: dataDir,
          ID_HASH_SECRET: TEST_ID_SECRET,
          HTTP_PORT: String(await freePort()),
        });
        api.push(text(user, "/start"));
        await api.waitFor((c) => c.method === "sendMessage" && c.payload.chat_id === user);
        return child;
      };
      const pidFile = join(dataDir, "ferretdb", "ferretdb.pid");
      // Running, not a zombie waiting for whoever inherited it to reap it.
      const alive = (pid: number) => {
        try {
          return readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.[0] !== "Z";
        } catch {
          return false;
        }
      };
      const first = await start(626_001);
      const leftBehind = Number(readFileSync(pidFile, "utf8"));
      first.kill("SIGKILL");
      await exited(first);
      // The bot is gone; its database is not.
      expect(alive(leftBehind)).toBe(true);
      const second = await start(626_002);
      try {
        expect(alive(leftBehind)).toBe(false);
        expect(Number(readFileSync(pidFile, "utf8"))).not.toBe(leftBehind);
      } finally {
        expect(await stopBotProcess(second)).toBe(0);
      }
      expect(existsSync(pidFile)).toBe(false);
    },
  );
});
