/**
 * npm run bench:webhooks [-- --households 20000 --updates 2000 --concurrency 8 --processes 1,2]
 *
 * Updates per second through real bot processes in webhook mode (issue 30): `node dist/main.js`
 * started 1 and then 2 times on one database, behind the round-robin balancer of the tests, each
 * update POSTed as Telegram does (secret header) and answered by the bot through the fake Bot API in
 * its own process. The households are seeded and linked once; the updates are balance and FAQ
 * questions from linked users, C at a time. Prints updates/s, p50/p99 of the webhook's answer, and
 * how many replies the fake API got (every update must be answered; 2% of chats have blocked the bot). On this 2-core machine two
 * processes share the cores with the database server and the fake API: the figure measures the
 * machine as much as the bot. Builds dist/ first (not timed).
 */
import { type ChildProcess, execFileSync } from "node:child_process";
import { parseArgs } from "node:util";
import { freePort } from "../src/data/ferretdb.js";
import { HouseholdModel } from "../src/data/models/index.js";
import { logger } from "../src/logger.js";
import { startBalancer } from "../test/support/balancer.js";
import { isAlive, startWebhookReplica, stopBotProcess } from "../test/support/botProcess.js";
import { fakeApiStats, linkHouseholds, percentile, runBenchmark, seedHouseholds, startFakeApi } from "./support.js";

const { values } = parseArgs({
  options: {
    households: { type: "string", default: "20000" },
    updates: { type: "string", default: "2000" },
    concurrency: { type: "string", default: "8" },
    processes: { type: "string", default: "1,2" },
  },
});
const households = Number(values.households);
const updates = Number(values.updates);
const concurrency = Math.max(1, Number(values.concurrency));
const TOKEN = "123456:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
const SECRET = "bench-webhook-secret-0000";
const FIRST_USER = 5_000_000;
const QUESTIONS = ["lai suat ho ngheo", "vay nuoc sach duoc bao nhieu", "gia han no", "💰 Dư nợ"];

const root = new URL("../", import.meta.url).pathname;

function updateFor(n: number, linked: number) {
  const user = FIRST_USER + ((n * 7919) % linked);
  return {
    update_id: n + 1,
    message: {
      message_id: n + 1,
      date: Math.floor(Date.now() / 1000),
      chat: { id: user, type: "private", first_name: "U" },
      from: { id: user, is_bot: false, first_name: "U", language_code: "vi" },
      text: QUESTIONS[n % QUESTIONS.length],
    },
  };
}

/** POSTs the update until a replica answers 200 (as Telegram does); resolves with the answer's time. */
async function post(url: string, update: object): Promise<number> {
  const body = JSON.stringify(update);
  for (let tries = 0; tries < 50; tries++) {
    const t0 = performance.now();
    const status = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": SECRET },
      body,
    })
      .then((r) => r.status)
      .catch(() => 0);
    if (status === 200) return performance.now() - t0;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`update ${JSON.stringify(update).slice(0, 40)} never answered 200`);
}

async function run(uri: string, processes: number, linked: number, offset: number): Promise<void> {
  const fake = await startFakeApi(1000);
  const replicas: ChildProcess[] = [];
  const ports: number[] = [];
  for (let i = 0; i < processes; i++) {
    const port = await freePort();
    const { child } = startWebhookReplica(uri, port, {
      BOT_TOKEN: TOKEN,
      WEBHOOK_SECRET: SECRET,
      BOT_API_ROOT: fake.root,
      REMINDERS_ENABLED: "false",
      LOG_LEVEL: "error",
    });
    replicas.push(child);
    ports.push(port);
  }
  const balancer = await startBalancer(ports);
  const url = `${balancer.url}/telegram`;
  try {
    // Ready when every replica has answered one update (warm-up, not timed).
    for (let i = 0; i < processes * 4; i++) await post(url, updateFor(offset - 1 - i, linked));
    // The standalone fake blocks 2% of chats (403), as users do: a refused reply is a reply too.
    const replies = async () => {
      const stats = await fakeApiStats(fake.root);
      return stats.accepted + stats.rejected403;
    };
    const before = await replies();
    const latencies: number[] = [];
    let next = 0;
    const started = performance.now();
    const worker = async () => {
      while (next < updates) latencies.push(await post(url, updateFor(offset + next++, linked)));
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    const seconds = (performance.now() - started) / 1000;
    const answered = (await replies()) - before;
    latencies.sort((a, b) => a - b);
    console.log(
      `${processes} process(es), ${updates} updates, ${concurrency} at a time: ${(updates / seconds).toFixed(0)} updates/s, ` +
        `p50 ${percentile(latencies, 50).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms; ` +
        `replies ${answered} (at least ${updates} expected)`,
    );
    if (answered < updates) throw new Error(`${updates - answered} updates got no reply`);
  } finally {
    await balancer.close();
    for (const child of replicas) if (isAlive(child)) await stopBotProcess(child);
    fake.child.kill();
  }
}

runBenchmark("webhooks", async ({ dir, kind, uri }) => {
  logger.level = "silent";
  execFileSync(process.execPath, ["node_modules/typescript/bin/tsc", "-p", "tsconfig.json"], { cwd: root });
  await seedHouseholds({ dir, kind }, households, 30);
  const codes = (await HouseholdModel.find({}, { _id: 1 }).lean()).map((h) => String(h._id));
  await linkHouseholds(codes, FIRST_USER);
  let offset = 1_000;
  for (const processes of values.processes.split(",").map(Number)) {
    await run(uri, processes, codes.length, offset);
    offset += updates + 1_000;
  }
});
