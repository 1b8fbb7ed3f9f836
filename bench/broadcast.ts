/**
 * npm run bench:broadcast [-- --recipients 50000 --scale 10 --signal SIGKILL]
 *
 * 1. Seeds `recipients` households through the real import and links every one to Telegram.
 * 2. Queues one broadcast to all of them the way /broadcast does (audience resolved, one delivery
 *    per chat in the outbox), and prints how long that took.
 * 3. Starts the flood-limited fake Bot API (limits × `scale`; 403 for 2% of chats) and the real
 *    dispatcher process (`npm run reminders -- dispatch`) configured to the same limits; kills it
 *    with `signal` once half of the messages are in, starts it again, and lets it finish.
 * 4. From the fake server's own record: messages/s while sending and overall (the restart
 *    included), the ratio to the limit, 429s, duplicates and lost messages; the dispatcher's peak RSS;
 *    from the database: how many deliveries the kill left in doubt, and how many were sent again.
 */
import type { ChildProcess } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { BroadcastModel, DeliveryModel, DeliveryOutcomeModel, HouseholdModel } from "../src/data/models/index.js";
import {
  broadcastProgress,
  enqueueBroadcast,
  newBroadcastId,
  outcomeCounts,
} from "../src/features/broadcast/service.js";
import { createI18n } from "../src/i18n.js";
import { logger } from "../src/logger.js";
import { reminderConfigSchema } from "../src/reminders/config.js";
import { blocksTwoPercent } from "../test/support/floodLimitedBotApi.js";
import { attemptsWithoutOutcome } from "../test/support/inDoubt.js";
import { exited } from "../test/support/process.js";
import {
  dispatchReports,
  fakeApiStats,
  linkHouseholds,
  peakRssMb,
  runBenchmark,
  seedHouseholds,
  spawnDispatcher,
  startFakeApi,
} from "./support.js";

const { values } = parseArgs({
  options: {
    recipients: { type: "string", default: "50000" },
    scale: { type: "string", default: "10" },
    signal: { type: "string", default: "SIGKILL" },
  },
});
const recipients = Number(values.recipients);
const scale = Number(values.scale);
const signal = values.signal as NodeJS.Signals;
const FIRST_CHAT = 1_000_000;

runBenchmark("broadcast", async ({ dir, kind, uri }) => {
  logger.level = "silent";
  await seedHouseholds({ dir, kind }, recipients, 23);
  const codes = (await HouseholdModel.find({}, { _id: 1 }).lean()).map((h) => String(h._id));
  await linkHouseholds(codes, FIRST_CHAT);

  const settings = {
    sendingWindows: [{ from: "00:00", to: "24:00" }],
    telegramLimits: { globalPerSecond: 30 * scale, privateChatPerSecond: scale, groupChatPerMinute: 20 * scale },
    // A killed dispatcher's lease must run out before the next one takes over; keep that short here.
    dispatch: { leaseSeconds: 10 },
  };
  const config = reminderConfigSchema.parse(settings);
  const configFile = join(dir, "delivery.json");
  writeFileSync(configFile, JSON.stringify(settings));

  const broadcast = (
    await BroadcastModel.create({
      _id: newBroadcastId(),
      status: "queued",
      createdBy: 42,
      createdAt: new Date(),
      scope: "all",
      body: "Kính mời bà con dự họp tổ lúc 8 giờ sáng Chủ nhật tại nhà văn hóa thôn.",
      audience: { kind: "all" },
      queuedAt: new Date(),
    })
  ).toObject();
  let t0 = performance.now();
  const queued = await enqueueBroadcast(broadcast, { kind: "all" }, { i18n: createI18n(), config, closures: [] });
  console.log(
    `queued a broadcast to ${queued.recipients} linked chats in ${((performance.now() - t0) / 1000).toFixed(1)} s ` +
      `(${config.broadcasts.batchSize} per batch); queueing process peak RSS ${peakRssMb()} MB`,
  );

  const fake = await startFakeApi(scale);
  let peak = 0;
  const watch = (child: ChildProcess) =>
    setInterval(() => {
      peak = Math.max(peak, peakRssMb(child.pid as number) ?? 0);
    }, 100);
  t0 = performance.now();
  const first = spawnDispatcher(uri, fake.root, configFile);
  dispatchReports(first);
  const firstWatch = watch(first);
  for (;;) {
    await new Promise((r) => setTimeout(r, 200));
    if ((await fakeApiStats(fake.root)).accepted >= queued.recipients / 2) break;
    if (first.exitCode !== null) throw new Error(`dispatcher exited early with ${first.exitCode}`);
  }
  first.kill(signal);
  await exited(first);
  clearInterval(firstWatch);
  const atKill = await fakeApiStats(fake.root);
  const inDoubtAtKill = (await attemptsWithoutOutcome()).length;
  const killedAt = performance.now();
  const second = spawnDispatcher(uri, fake.root, configFile);
  const secondReports = dispatchReports(second);
  const secondWatch = watch(second);
  // The first poll that sees messages again: its newest message is within 50 ms of the first one
  // after the restart (times are the fake server's own clock).
  let resumed: Awaited<ReturnType<typeof fakeApiStats>> | null = null;
  const done = exited(second);
  while (second.exitCode === null && resumed === null) {
    await new Promise((r) => setTimeout(r, 50));
    const now = await fakeApiStats(fake.root);
    if (now.accepted > atKill.accepted) resumed = now;
  }
  const code = await done;
  clearInterval(secondWatch);
  const wall = (performance.now() - t0) / 1000;
  const stats = await fakeApiStats(fake.root);
  const accepted = new Map(
    Object.entries((await (await fetch(`${fake.root}/bot1/__accepted`)).json()) as Record<string, number>),
  );
  fake.child.kill();
  if (code !== 0) throw new Error(`restarted dispatcher exited with ${code}`);

  // Every recipient got the same text, so the server's (chat, text) record counts per chat.
  const receivedByChat = new Map<number, number>();
  for (const [fingerprint, n] of accepted) {
    const chat = Number(fingerprint.split(":")[0]);
    receivedByChat.set(chat, (receivedByChat.get(chat) ?? 0) + n);
  }
  const chats = (await DeliveryModel.find({ source: `broadcast:${broadcast._id}` }, { chatId: 1 }).lean()).map(
    (d) => d.chatId,
  );
  let lost = 0;
  let duplicates = 0;
  let blocked = 0;
  for (const chat of chats) {
    if (blocksTwoPercent(Number(chat))) {
      blocked++;
      continue;
    }
    const n = receivedByChat.get(Number(chat)) ?? 0;
    if (n === 0) lost++;
    if (n > 1) duplicates += n - 1;
  }
  const outcomes = await outcomeCounts(broadcast._id);
  const resent = await DeliveryOutcomeModel.countDocuments({
    source: `broadcast:${broadcast._id}`,
    reason: "in-doubt-resent",
  });
  const progress = await broadcastProgress(broadcast._id);
  const limit = 30 * scale;
  const firstSpan = ((atKill.lastAcceptedAt ?? 0) - (atKill.firstAcceptedAt ?? 0)) / 1000;
  const secondAccepted = stats.accepted - atKill.accepted;
  const resumedAt = resumed?.lastAcceptedAt ?? 0;
  const handOver = (resumedAt - (atKill.lastAcceptedAt ?? 0)) / 1000;
  const afterResume = stats.accepted - (resumed?.accepted ?? 0);
  const secondRate = afterResume / Math.max(((stats.lastAcceptedAt ?? 0) - resumedAt) / 1000, 0.001);
  const overallSpan = ((stats.lastAcceptedAt ?? 0) - (stats.firstAcceptedAt ?? 0)) / 1000;
  const firstRate = atKill.accepted / Math.max(firstSpan, 0.001);
  const overallRate = stats.accepted / Math.max(overallSpan, 0.001);
  const sends = stats.accepted + stats.rejected429 + stats.rejected403;
  const pct = (rate: number) => `${((100 * rate) / limit).toFixed(1)}%`;
  console.log(
    `dispatch ×${scale} limits (${limit}/s), killed with ${signal} after ${atKill.accepted} accepted, restarted ` +
      `${((performance.now() - killedAt) / 1000).toFixed(1)} s before the end; ${wall.toFixed(1)} s wall`,
  );
  console.log(
    `  before the kill: ${firstRate.toFixed(1)} msg/s = ${pct(firstRate)} of the limit; ` +
      `hand-over (last message before the kill to first after the restart, the dead sender's lease included) ${handOver.toFixed(1)} s; ` +
      `after the restart ${secondAccepted} at ${secondRate.toFixed(1)} msg/s = ${pct(secondRate)}; ` +
      `overall ${stats.accepted} accepted over ${overallSpan.toFixed(1)} s = ${overallRate.toFixed(1)} msg/s = ${pct(overallRate)}`,
  );
  console.log(
    `  in doubt after the kill ${inDoubtAtKill} (cap ${config.dispatch.maxInDoubt}, policy ${config.inDoubt.broadcast}); ` +
      `resent ${resent}; lost ${lost}; duplicates ${duplicates}`,
  );
  const led = secondReports.filter((r) => r.leader);
  console.log(
    `  after the restart, database work around the sending (ms): ${JSON.stringify(led.map((r) => ({ batches: r.batches, ...(r.timingsMs as object) })))}`,
  );
  console.log(
    `  ${chats.length} recipients (${blocked} blocked: 403); 429s ${stats.rejected429} (${((100 * stats.rejected429) / sends).toFixed(2)}% of sends); ` +
      `duplicates ${duplicates} (server's own count ${stats.duplicates}); lost ${lost}; ` +
      `outcomes ${JSON.stringify(outcomes)}; batches left unfinished ${progress.finished ? 0 : "some"}; dispatcher peak RSS ${peak} MB`,
  );
});
