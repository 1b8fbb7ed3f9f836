/**
 * A webhook replica answers Telegram 200 once a handler has run `answerWithinMs`, and Telegram then
 * never sends that update again: so a replica that dies after that answer must not take the update
 * with it. Two replicas of one bot in this process (their own holders, one database, one clock the
 * test moves); "dies" = stops renewing its claims, its handler hung for good. Every wait is on state
 * the product wrote (a parked copy, a renewed lease, a done claim), never on time passing.
 */
import { createServer, type Server } from "node:http";
import { Bot } from "grammy";
import type { Update } from "grammy/types";
import { afterEach, describe, expect, it } from "vitest";
import { offsetClock } from "../../src/clock.js";
import { freePort } from "../../src/data/ferretdb.js";
import { ParkedUpdateModel, UpdateClaimModel, UpdateLeaseModel } from "../../src/data/models/index.js";
import { parkUpdate, replicaClaims } from "../../src/data/updateClaims.js";
import { createWebhook, type Webhook } from "../../src/http/webhook.js";
import { logger } from "../../src/logger.js";
import { botInfo, text } from "../support/bot.js";
import { useTestDatabase } from "../support/database.js";

useTestDatabase();

const LEASE_MS = 60_000;
const SECRET = "secret-of-the-handover-test";
let offsetMs = 0;
const clock = { now: () => offsetClock(offsetMs).now() };
const handled: string[] = [];
const started: Server[] = [];
const replicas: Webhook[] = [];

interface Replica {
  webhook: Webhook;
  url: string;
  /** Lets this replica's hung handlers end. */
  release(): void;
}

/** A replica whose handler of "slow" hangs until released, recording who handled what. */
async function startReplica(name: string, renewEveryMs?: number, answerWithinMs = 50): Promise<Replica> {
  let release = () => {};
  const gate = new Promise<void>((resolve) => (release = resolve));
  const bot = new Bot("1:replica", { botInfo });
  bot.on("message:text", async (ctx) => {
    handled.push(`${name}:${ctx.message.text}`);
    if (ctx.message.text === "slow") await gate;
  });
  const claims = replicaClaims(name, LEASE_MS, clock.now);
  const webhook = createWebhook(bot, {
    secret: SECRET,
    isAvailable: () => true,
    log: logger,
    answerWithinMs,
    // The webhook renews every third of `leaseMs`: a shorter one here renews while the test runs.
    claims: renewEveryMs ? { ...claims, leaseMs: renewEveryMs * 3 } : claims,
  });
  const server = createServer((req, res) => void webhook.handle(req, res));
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  started.push(server);
  replicas.push(webhook);
  return { webhook, url: `http://127.0.0.1:${port}/`, release };
}

const post = (replica: Replica, update: Update) =>
  fetch(replica.url, {
    method: "POST",
    headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": SECRET },
    body: JSON.stringify(update),
  }).then((r) => r.status);

const claimOf = (id: number) => UpdateClaimModel.findById(String(id)).lean();
const leaseOf = (id: string) => UpdateLeaseModel.findById(id).lean();
const parkedIds = async () => (await ParkedUpdateModel.find({}, { _id: 1 }).lean()).map((p) => p._id);

async function until(check: () => Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 2_000; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`gave up waiting for ${what}`);
}

afterEach(async () => {
  for (const webhook of replicas.splice(0)) webhook.close();
  for (const server of started.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
  handled.length = 0;
  offsetMs = 0;
});

describe("webhook: an update answered 200 while its handler runs (several replicas)", { shuffle: false }, () => {
  it("is parked before the 200, and handled by another replica once the dead one's lease is over", async () => {
    const a = await startReplica("a");
    const b = await startReplica("b");
    const update = { ...text(42, "slow"), update_id: 7 };
    expect(await post(a, update)).toBe(200);
    expect(await parkedIds()).toEqual(["7"]);

    a.webhook.close(); // a dies: its handler hangs for good, its claim is no longer renewed
    expect(await b.webhook.sweep(), "taken while a's lease lasts").toBe(0);
    offsetMs += LEASE_MS + 1_000;
    expect(await b.webhook.sweep()).toBe(1);
    b.release();
    await until(async () => (await claimOf(7))?.done === true, "b to finish update 7");
    await until(async () => (await parkedIds()).length === 0, "the parked copy to go");
    expect(handled).toEqual(["a:slow", "b:slow"]);
    // Telegram sends it again (it never does after a 200, but a balancer might): done, 200, not handled.
    expect(await post(b, update)).toBe(200);
    expect(handled).toHaveLength(2);
  });

  it("is not taken from a replica that lives: the handler's lease is renewed while it runs", async () => {
    const a = await startReplica("a", 20);
    const b = await startReplica("b");
    expect(await post(a, { ...text(43, "slow"), update_id: 8 })).toBe(200);
    offsetMs += LEASE_MS + 1_000; // a's first lease is over, but a renews it
    await until(async () => ((await leaseOf("8/a"))?.leaseUntil ?? new Date(0)) > clock.now(), "a's renewal");
    expect(await b.webhook.sweep()).toBe(0);
    a.release();
    await until(async () => (await claimOf(8))?.done === true, "a to finish update 8");
    await until(async () => (await parkedIds()).length === 0, "a to remove its parked copy");
    expect(handled).toEqual(["a:slow"]);
  });

  it("answers a quick update 200 without parking it, and a parked one already done is cleared by a sweep", async () => {
    const a = await startReplica("a", undefined, 30_000); // a quick handler ends well inside the window
    expect(await post(a, { ...text(44, "hello"), update_id: 9 })).toBe(200);
    await until(async () => (await claimOf(9))?.done === true, "update 9 done");
    expect(await parkedIds()).toEqual([]);
    // Parked after its handler ended (the two raced): the claim says done, the copy is removed unhandled.
    await parkUpdate(9, { ...text(44, "hello"), update_id: 9 }, clock.now());
    expect(await a.webhook.sweep()).toBe(0);
    expect(await parkedIds()).toEqual([]);
    expect(handled).toEqual(["a:hello"]);
  });
});
