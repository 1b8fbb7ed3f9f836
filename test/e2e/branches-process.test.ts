/**
 * Two bot processes (webhook replicas behind a load balancer) serving two branches' bots from one
 * BRANCHES_FILE (issue 30): an update delivered to both replicas is answered once, by its branch's own
 * bot; a branch's path refuses another branch's secret; a replica killed while handling an update
 * leaves it to the other once its lease is over, and the user gets one answer.
 */
import type { ChildProcess } from "node:child_process";
import { writeFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { withBranch } from "../../src/data/branchContext.js";
import { prepareDatabase } from "../../src/data/connection.js";
import { freePort } from "../../src/data/ferretdb.js";
import { UpdateClaimModel } from "../../src/data/models/index.js";
import { text } from "../support/bot.js";
import { isAlive, startWebhookReplica, stopBotProcess } from "../support/botProcess.js";
import { useTestDatabase } from "../support/database.js";
import { startFakeBotApi } from "../support/fakeBotApi.js";
import { useTempDir } from "../support/files.js";
import { exited } from "../support/process.js";

const home = useTestDatabase();
const file = useTempDir();
const TOKEN = { A: "111111:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", B: "222222:BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB" };
const SECRET = { A: "secret-of-dienbien-0001", B: "secret-of-laichau-00002" };
const branchA = () => ({ code: "DIENBIEN", database: `${home.name}_dienbien` });
const HELD_USER = 717171;

let heldOne = false;
/** The first reply to HELD_USER hangs (the replica that sends it is killed there); any later one is answered. */
const fake = startFakeBotApi({
  hold: (c) => {
    if (heldOne || c.method !== "sendMessage" || c.payload.chat_id !== HELD_USER) return false;
    heldOne = true;
    return true;
  },
});
const replicas: { child: ChildProcess; port: number }[] = [];

function post(port: number, code: string, secret: string, update: object) {
  return fetch(`http://127.0.0.1:${port}/telegram/${code}`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": secret },
    body: JSON.stringify(update),
  }).then((r) => r.status);
}

const claimOf = (updateId: number) => withBranch(branchA(), () => UpdateClaimModel.findById(String(updateId)).lean());
async function until<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

beforeAll(async () => {
  const api = await fake;
  const settings = file("branches.json");
  writeFileSync(
    settings,
    JSON.stringify({
      branches: [
        {
          code: "DIENBIEN",
          name: "Chi nhánh Điện Biên",
          token: { env: "TOKEN_A" },
          webhookSecret: { env: "SECRET_A" },
          database: branchA().database,
        },
        {
          code: "LAICHAU",
          name: "Chi nhánh Lai Châu",
          token: { env: "TOKEN_B" },
          webhookSecret: { env: "SECRET_B" },
          database: `${home.name}_laichau`,
        },
      ],
    }),
  );
  await withBranch(branchA(), () => prepareDatabase());
  for (let i = 0; i < 2; i++) {
    const port = await freePort();
    const { child } = startWebhookReplica(`${inject("mongoUri")}${home.name}`, port, {
      BRANCHES_FILE: settings,
      TOKEN_A: TOKEN.A,
      TOKEN_B: TOKEN.B,
      SECRET_A: SECRET.A,
      SECRET_B: SECRET.B,
      BOT_API_ROOT: api.apiRoot,
      REMINDERS_ENABLED: "false",
    });
    replicas.push({ child, port });
  }
  // Both replicas have set both bots' webhooks: they are listening.
  await until(
    async () => api.calls.filter((c) => c.method === "setWebhook").length,
    (n) => n >= 4,
  );
}, 120_000);

afterAll(async () => {
  for (const { child } of replicas) if (isAlive(child)) await stopBotProcess(child);
  (await fake).close();
});

// In order: the replicas are started once for the file, and the last test kills one of them.
describe("two webhook replicas serving two branches", { shuffle: false }, () => {
  it("sets each branch's webhook at its own path with its own secret, by its own bot", async () => {
    const api = await fake;
    const hooks = api.calls.filter((c) => c.method === "setWebhook");
    expect(new Set(hooks.map((c) => `${c.token} ${c.payload.url} ${c.payload.secret_token}`))).toEqual(
      new Set([
        `${TOKEN.A} https://bot.example.org/telegram/DIENBIEN ${SECRET.A}`,
        `${TOKEN.B} https://bot.example.org/telegram/LAICHAU ${SECRET.B}`,
      ]),
    );
  });

  it("answers an update delivered to both replicas once, by the branch's own bot", async () => {
    const api = await fake;
    const update = { ...text(515151, "/start"), update_id: 7001 };
    const [r1, r2] = replicas as [(typeof replicas)[0], (typeof replicas)[0]];
    const statuses = await Promise.all([r1, r2].map((r) => post(r.port, "DIENBIEN", SECRET.A, update)));
    expect(statuses.every((s) => s === 200 || s === 503)).toBe(true);
    await until(
      () => claimOf(7001),
      (claim) => claim?.done === true,
    );
    // Telegram delivering it again, to either replica, is told it is done.
    expect(await post(r2.port, "DIENBIEN", SECRET.A, update)).toBe(200);
    expect(await post(r1.port, "DIENBIEN", SECRET.A, update)).toBe(200);
    // /start to a user not linked yet is two messages (the welcome, then the language choice): once each.
    const replies = api.calls.filter((c) => c.method === "sendMessage" && c.payload.chat_id === 515151);
    expect(replies).toHaveLength(2);
    expect(new Set(replies.map((c) => c.payload.text)).size).toBe(2);
    expect(replies.every((c) => c.token === TOKEN.A)).toBe(true);
    expect(String(replies[0]?.payload.text)).toContain("Chi nhánh Điện Biên");
  });

  it("refuses one branch's secret on another branch's path, and answers B's users by B's bot", async () => {
    const api = await fake;
    const [r1] = replicas as [(typeof replicas)[0]];
    const update = { ...text(616161, "/start"), update_id: 8001 };
    expect(await post(r1.port, "LAICHAU", SECRET.A, update)).toBe(401);
    expect(await post(r1.port, "LAICHAU", SECRET.B, update)).toBe(200);
    const reply = await api.waitFor((c) => c.method === "sendMessage" && c.payload.chat_id === 616161);
    expect(reply.token).toBe(TOKEN.B);
    expect(api.calls.filter((c) => c.payload.chat_id === 616161 && c.token === TOKEN.A)).toEqual([]);
  });

  it("leaves the update of a replica killed while handling it to the other, which answers it once", async () => {
    const api = await fake;
    const [r1, r2] = replicas as [(typeof replicas)[0], (typeof replicas)[0]];
    const update = { ...text(HELD_USER, "/start"), update_id: 7002 };
    // Replica 1 takes the update and hangs on its reply (the fake holds it): killed there.
    void post(r1.port, "DIENBIEN", SECRET.A, update).catch(() => undefined);
    await api.waitFor((c) => c.method === "sendMessage" && c.payload.chat_id === HELD_USER);
    const taken = await claimOf(7002);
    expect(taken?.done).toBe(false);
    r1.child.kill("SIGKILL");
    await exited(r1.child);
    // Telegram sends it again: busy while the dead replica's lease runs, then the other takes it.
    const status = await until(
      () => post(r2.port, "DIENBIEN", SECRET.A, update),
      (s) => s !== 503,
    );
    expect(status).toBe(200);
    await until(
      () => claimOf(7002),
      (claim) => claim?.done === true,
    );
    expect((await claimOf(7002))?.holder).not.toBe(taken?.holder);
    // The dead replica's first reply was never answered; the live one's two were: the user has one /start answer.
    const replies = api.calls.filter((c) => c.method === "sendMessage" && c.payload.chat_id === HELD_USER);
    expect(replies).toHaveLength(3);
    const answered = api.answered.filter((c) => c.method === "sendMessage" && c.payload.chat_id === HELD_USER);
    expect(answered).toEqual(replies.slice(1));
  });
});
