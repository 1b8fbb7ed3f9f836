/**
 * npm run bench:updates [-- --households 100000 --updates 2000]
 * Seeds N households into the test database, links some Telegram users, then pushes balance and
 * FAQ updates through the bot's full middleware stack (session, i18n, handlers, real database; the
 * Telegram API replaced by an in-process no-op) and prints updates/s and p50/p99 handler latency.
 * Target (issue #3): ≥ 500 updates/s, p99 ≤ 50 ms.
 */
import { parseArgs } from "node:util";
import type { Update } from "grammy/types";
import { createBot } from "../src/bot/bot.js";
import { logger } from "../src/logger.js";
import { botInfo } from "../test/support/bot.js";
import { linkHouseholds, runBenchmark, seedHouseholds } from "./support.js";

const { values } = parseArgs({
  options: { households: { type: "string", default: "100000" }, updates: { type: "string", default: "2000" } },
});
const households = Number(values.households);
const updates = Number(values.updates);
const LINKED_USERS = 500;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

runBenchmark("updates", async ({ dir, kind }) => {
  logger.level = "silent";
  await seedHouseholds({ dir, kind }, households, 5);
  // Link the first LINKED_USERS households to Telegram users 1..LINKED_USERS.
  await linkHouseholds(
    Array.from({ length: LINKED_USERS }, (_, i) => `KH${String(i + 1).padStart(8, "0")}`),
    1,
  );

  const bot = createBot({
    token: "1:bench",
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
  const started = performance.now();
  for (let i = 0; i < updates; i++) {
    const user = (i % LINKED_USERS) + 1;
    const update = {
      update_id: i + 1,
      message: {
        message_id: i + 1,
        date: 0,
        chat: { id: user, type: "private", first_name: "U" },
        from: { id: user, is_bot: false, first_name: "U", language_code: "vi" },
        text: questions[i % questions.length],
      },
    } as Update;
    const t0 = performance.now();
    await bot.handleUpdate(update);
    latencies.push(performance.now() - t0);
  }
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  console.log(
    `${updates} updates (3/4 FAQ, 1/4 balance; ${LINKED_USERS} linked users) in ${seconds.toFixed(1)} s = ${(updates / seconds).toFixed(1)} updates/s; ` +
      `latency p50 ${percentile(latencies, 50).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms (sequential, one at a time)`,
  );
});
