/**
 * npm run bench:updates [-- --households 100000 --updates 2000 --concurrency 1]
 * Seeds N households into the test database and links 30% of them to Telegram users (each with a
 * session, as users who have talked to the bot before), then pushes
 * balance and FAQ updates from those users through the bot's full middleware stack (session, i18n,
 * handlers, real database; the Telegram API replaced by an in-process no-op) and prints updates/s
 * and p50/p99 handler latency. With --concurrency C, C updates from different users are handled at
 * once, as the runner does in production; 1 gives each update's latency on its own.
 * Targets (issue #12): p99 ≤ 50 ms at concurrency 1, ≥ 300 updates/s at concurrency 8.
 * With --breakdown, also prints where the time of one update goes: each kind of database command
 * (from the driver's command events: how many per update and their time), of which the session's,
 * and the rest (handler, grammY, i18n) as the difference. Command monitoring costs time itself,
 * so the figures to compare are from runs without it.
 */

import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import type { Update } from "grammy/types";
import mongoose from "mongoose";
import { createBot } from "../src/app/bot.js";
import { SessionModel } from "../src/data/models/index.js";
import { logger } from "../src/logger.js";
import { botInfo } from "../test/support/bot.js";
import { linkHouseholds, percentile, runBenchmark, seedHouseholds } from "./support.js";

const { values } = parseArgs({
  options: {
    households: { type: "string", default: "100000" },
    updates: { type: "string", default: "2000" },
    concurrency: { type: "string", default: "1" },
    breakdown: { type: "boolean", default: false },
  },
});
const households = Number(values.households);
const updates = Number(values.updates);
const concurrency = Math.max(1, Number(values.concurrency));
const linkedUsers = Math.max(1, Math.ceil(households * 0.3));

// The driver reports command durations only with monitoring on (connectDatabase switches it on with this).
if (values.breakdown) process.env.TINDUNG_COMMAND_LOG ??= join(tmpdir(), `tindung-bench-updates-${process.pid}`);

/** Time spent in database commands while `measuring`, by command and collection. */
function watchCommands() {
  const byKind = new Map<string, { n: number; ms: number }>();
  const started = new Map<number, string>();
  let measuring = false;
  const client = mongoose.connection.getClient();
  client.on("commandStarted", (e) => {
    if (!measuring) return;
    const collection = String((e.command as Record<string, unknown>)[e.commandName] ?? "");
    started.set(e.requestId, `${e.commandName} ${collection}`);
  });
  client.on("commandSucceeded", (e) => {
    const kind = started.get(e.requestId);
    if (!kind) return;
    started.delete(e.requestId);
    const entry = byKind.get(kind) ?? { n: 0, ms: 0 };
    entry.n++;
    entry.ms += e.duration;
    byKind.set(kind, entry);
  });
  return {
    start: () => {
      measuring = true;
    },
    stop: () => {
      measuring = false;
    },
    byKind,
  };
}

runBenchmark("updates", async ({ dir, kind }) => {
  logger.level = "silent";
  await seedHouseholds({ dir, kind }, households, 5);
  // Telegram users 1..linkedUsers are linked to 3 households in every 10, spread over the whole book
  // (on FerretDB v1 a lookup costs more the further into the collection its document lies).
  const linkedCodes = Array.from({ length: households }, (_, i) => `KH${String(i + 1).padStart(8, "0")}`).filter(
    (_, i) => i % 10 < 3,
  );
  await linkHouseholds(linkedCodes.slice(0, linkedUsers), 1);
  // Linked users have talked to the bot before, so each has a session (key: chat id, user id).
  for (let first = 1; first <= linkedUsers; first += 10_000) {
    const users = Array.from({ length: Math.min(10_000, linkedUsers - first + 1) }, (_, i) => first + i);
    await SessionModel.insertMany(
      users.map((u) => ({ _id: `${u}:${u}`, value: { __language_code: "vi" }, updatedAt: new Date() })),
    );
  }

  const bot = createBot({
    token: "1:bench",
    idHashSecret: "bench-secret-0123456789",
    botInfo,
    log: logger,
    rateLimit: { limit: 1_000_000, timeFrameMs: 1000 },
    apiTransformers: [
      async (_prev, method) =>
        ({
          ok: true,
          result: method === "sendMessage" ? { message_id: 1, date: 0, chat: { id: 1, type: "private" } } : true,
        }) as never,
    ],
  });
  const questions = ["lai suat ho ngheo", "vay nuoc sach duoc bao nhieu", "gia han no", "💰 Dư nợ"];
  const latencies: number[] = [];
  const updateFor = (i: number): Update => {
    // Spread over the linked users (a prime stride), each asking every kind of question in turn.
    const user = ((i * 7919) % linkedUsers) + 1;
    return {
      update_id: i + 1,
      message: {
        message_id: i + 1,
        date: 0,
        chat: { id: user, type: "private", first_name: "U" },
        from: { id: user, is_bot: false, first_name: "U", language_code: "vi" },
        text: questions[i % questions.length],
      },
    } as Update;
  };
  let next = 0;
  const worker = async () => {
    while (next < updates) {
      const update = updateFor(next++);
      const t0 = performance.now();
      await bot.handleUpdate(update);
      latencies.push(performance.now() - t0);
    }
  };
  const commands = values.breakdown ? watchCommands() : null;
  commands?.start();
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - started) / 1000;
  commands?.stop();
  latencies.sort((a, b) => a - b);
  console.log(
    `${updates} updates (3/4 FAQ, 1/4 balance; ${linkedUsers} linked users; ${concurrency} at a time) in ${seconds.toFixed(1)} s = ${(updates / seconds).toFixed(1)} updates/s; ` +
      `latency p50 ${percentile(latencies, 50).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms`,
  );
  if (!commands) return;
  const handled = latencies.reduce((a, b) => a + b, 0) / updates;
  let database = 0;
  const rows = [...commands.byKind]
    .sort(([, a], [, b]) => b.ms - a.ms)
    .map(([what, { n, ms }]) => {
      database += ms / updates;
      return `${what}: ${(n / updates).toFixed(2)} per update, ${(ms / updates).toFixed(2)} ms`;
    });
  const session = [...commands.byKind].filter(([k]) => k.endsWith(" sessions")).reduce((a, [, v]) => a + v.ms, 0);
  console.log(
    `where one update's ${handled.toFixed(2)} ms go (mean, ${concurrency} at a time): database commands ${database.toFixed(2)} ms ` +
      `summed, of which the session ${(session / updates).toFixed(2)} ms (a balance view sends several commands side by side, ` +
      `so the sum can exceed the update's time; the rest is the handler, grammY and i18n)\n  ${rows.join("\n  ")}`,
  );
});
