/**
 * npm run bench:hardship [-- --households 5000 --borrowers 100 --reports 1000 --photo-kb 100 --deliveries 3000
 *   --scale 10 --think-ms 1000]
 *
 * Issue 26: R hardship reports, each with one photo, filed by B borrowers at once (each borrower's
 * presses one after another, as a person's are) through the bot's full middleware stack (session,
 * rate limiter, i18n, handlers, real database; Telegram replaced by an in-process recorder, the
 * photos served over HTTP as Telegram's file server would) while the dispatcher process sends D
 * reminders against the flood-limited fake Bot API at Telegram's limits × K. The same D reminders
 * are first sent alone, for the dispatch rate to compare. Each borrower waits about --think-ms (half
 * to one and a half times it, seeded) between an answer and the next press, as a person reads and
 * taps, and the borrowers start spread over one report's length; with 0 they press as fast as the bot
 * answers, all at once, which measures saturation, not a reply's latency. Prints p50/p99 reply latency of every press
 * and of "send" (download, strip, store), reports and photos stored (each exactly once), and both
 * dispatch rates. Target: p99 ≤ 300 ms; dispatch rate unchanged within noise.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { parseArgs } from "node:util";
import {
  DeliveryAttemptModel,
  DeliveryBatchModel,
  DeliveryModel,
  DeliveryOutcomeModel,
  HardshipPhotoModel,
  HardshipReportModel,
  HouseholdModel,
} from "../src/data/models/index.js";
import { enqueueDeliveries, type NewDelivery } from "../src/data/outbox.js";
import { deliveryKey } from "../src/domain/delivery.js";
import { logger } from "../src/logger.js";
import { callback, photoUpload, testBot, text } from "../test/support/bot.js";
import { jpegWithLocation } from "../test/support/photos.js";
import {
  databaseCpuSeconds,
  fakeApiStats,
  linkHouseholds,
  percentile,
  runBenchmark,
  seedHouseholds,
  spawnDispatcher,
  startFakeApi,
  writeScaledLimits,
} from "./support.js";

const { values } = parseArgs({
  options: {
    households: { type: "string", default: "5000" },
    borrowers: { type: "string", default: "100" },
    reports: { type: "string", default: "1000" },
    "photo-kb": { type: "string", default: "100" },
    deliveries: { type: "string", default: "3000" },
    scale: { type: "string", default: "10" },
    "think-ms": { type: "string", default: "1000" },
  },
});
const households = Number(values.households);
const borrowers = Number(values.borrowers);
const reports = Number(values.reports);
const deliveries = Number(values.deliveries);
const scale = Number(values.scale);
const thinkMs = Number(values["think-ms"]);
/** A seeded generator, so that runs are compared on the same arrivals. */
let seed = 42;
const random = () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
  return seed / 2_147_483_648;
};
const wait = (ms: number) => (ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve());
/** A person's pause: half to one and a half times the think time, so that borrowers do not press in step. */
const pause = () => wait(thinkMs * (0.5 + random()));
const FIRST_USER = 9_000_000;

/** A JPEG of about `kb` KB with location metadata (the scan data padded out). */
function photoOfSize(kb: number): Buffer {
  const small = jpegWithLocation();
  const end = small.length - 2;
  return Buffer.concat([small.subarray(0, end), Buffer.alloc(kb * 1024, 0x5a), small.subarray(end)]);
}

/** Serves one photo for every file id, as Telegram's file server would. */
async function photoServer(photo: Buffer) {
  const server = createServer((_req, res) => res.end(photo));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { root: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => server.close() };
}

async function writeOutbox(codes: readonly string[], firstChat: number): Promise<void> {
  const out: NewDelivery[] = [];
  for (let i = 0; i < deliveries; i++) {
    const index = i % codes.length;
    const reminder = { kind: "interest", eventDate: "2026-12-20", amount: 100_000 + i, subject: `bench-${i}` } as const;
    out.push({
      _id: deliveryKey(`tg:${firstChat + index}`, reminder),
      kind: "interest",
      eventDate: reminder.eventDate,
      expiresOn: reminder.eventDate,
      chatId: firstChat + index,
      householdCode: codes[index] as string,
      groupCode: null,
      communeCode: null,
      text: `Nhắc nộp lãi ${i}`,
    });
  }
  await enqueueDeliveries("bench", "2026-12-17", out, { batchSize: 200, notBefore: new Date(0) });
}

async function dispatch(uri: string, dir: string, codes: readonly string[], label: string, during?: Promise<unknown>) {
  if (deliveries === 0) {
    await during;
    return { start: 0, end: 0 };
  }
  for (const model of [DeliveryModel, DeliveryBatchModel, DeliveryAttemptModel, DeliveryOutcomeModel] as const) {
    await (model as typeof DeliveryModel).deleteMany({});
  }
  await writeOutbox(codes, FIRST_USER + borrowers);
  const fake = await startFakeApi(scale);
  const started = Date.now();
  const dispatcher = spawnDispatcher(uri, fake.root, writeScaledLimits(join(dir, "limits.json"), scale));
  const code = await new Promise<number | null>((resolve) => dispatcher.once("exit", resolve));
  const ended = Date.now();
  await during;
  const stats = await fakeApiStats(fake.root);
  fake.child.kill();
  if (code !== 0) throw new Error(`dispatcher exited with ${code}`);
  const span = ((stats.lastAcceptedAt ?? 0) - (stats.firstAcceptedAt ?? 0)) / 1000;
  const rate = stats.accepted / Math.max(span, 0.001);
  console.log(
    `dispatch ${label}: ${stats.accepted} accepted over ${span.toFixed(1)} s = ${rate.toFixed(1)} msg/s ` +
      `(${((100 * rate) / (30 * scale)).toFixed(1)}% of ${30 * scale}/s), 429s ${stats.rejected429}, duplicates ${stats.duplicates}`,
  );
  return { start: started, end: ended };
}

/** One borrower files `count` reports, one press at a time; returns each press's latency (ms). */
async function fileReports(bot: ReturnType<typeof testBot>["bot"], user: number, count: number) {
  const presses: number[] = [];
  const sends: number[] = [];
  const press = async (update: Parameters<typeof bot.handleUpdate>[0], isSend = false) => {
    await pause();
    const t0 = performance.now();
    await bot.handleUpdate(update);
    const ms = performance.now() - t0;
    presses.push(ms);
    if (isSend) sends.push(ms);
  };
  // Borrowers start one after another over a report's length, not all in the same instant.
  await wait(random() * thinkMs * 8);
  for (let i = 0; i < count; i++) {
    await press(callback(user, "hs:new"));
    await press(callback(user, "hs:r:crop-livestock"));
    await press(callback(user, "hs:w:this-week"));
    await press(callback(user, "hs:l:0"));
    await press(text(user, `Lũ cuốn trôi ${i + 1} sào lúa`));
    await press(photoUpload(user, `photo-${user}-${i}.jpg`, 100_000));
    await press(callback(user, "hs:a:done"));
    await press(callback(user, "hs:a:send"), true);
  }
  return { presses, sends };
}

runBenchmark("hardship", async ({ dir, kind, uri }) => {
  logger.level = "silent";
  await seedHouseholds({ dir, kind }, households, 11);
  const codes = (await HouseholdModel.find({}, { _id: 1 }).lean()).map((h) => String(h._id));
  await linkHouseholds(codes, FIRST_USER);
  console.log(
    `database: ${kind}; ${codes.length} households linked; ${borrowers} borrowers file ${reports} reports, ` +
      `think time ${thinkMs} ms`,
  );

  await dispatch(uri, dir, codes.slice(borrowers), "alone");

  const server = await photoServer(photoOfSize(Number(values["photo-kb"])));
  const { bot, calls } = testBot(undefined, { apiRoot: server.root, rateLimit: { limit: 1000, timeFrameMs: 1000 } });
  const perBorrower = Math.ceil(reports / borrowers);
  let filing: { presses: number[]; sends: number[] }[] = [];
  const filingWindow = {
    start: 0,
    end: 0,
    cpu: process.cpuUsage(),
    dbCpu: 0,
    nodeCpuSeconds: 0,
    dbCpuSeconds: 0,
  };
  const reportsRun = (async () => {
    await new Promise((resolve) => setTimeout(resolve, 500)); // let the dispatcher start sending first
    filingWindow.start = Date.now();
    filingWindow.cpu = process.cpuUsage();
    filingWindow.dbCpu = databaseCpuSeconds(dir) ?? 0;
    filing = await Promise.all(
      Array.from({ length: borrowers }, (_, b) =>
        fileReports(bot, FIRST_USER + b, Math.min(perBorrower, reports - b * perBorrower)),
      ),
    );
    filingWindow.end = Date.now();
    const cpu = process.cpuUsage(filingWindow.cpu);
    filingWindow.nodeCpuSeconds = (cpu.user + cpu.system) / 1e6;
    filingWindow.dbCpuSeconds = (databaseCpuSeconds(dir) ?? 0) - filingWindow.dbCpu;
  })();
  const sending = await dispatch(uri, dir, codes.slice(borrowers), "while reports are filed", reportsRun);
  server.close();

  const presses = filing.flatMap((f) => f.presses).sort((a, b) => a - b);
  const sends = filing.flatMap((f) => f.sends).sort((a, b) => a - b);
  const seconds = (filingWindow.end - filingWindow.start) / 1000;
  // The dispatcher process's life (start-up included) against the filing's.
  const overlap = Math.max(0, Math.min(sending.end, filingWindow.end) - Math.max(sending.start, filingWindow.start));
  const stored = await HardshipReportModel.countDocuments({});
  const photos = await HardshipPhotoModel.countDocuments({});
  const replied = calls.filter((c) => c.method === "sendMessage" && String(c.payload.text).includes("Đã nhận báo cáo"));
  console.log(
    `filing: ${sends.length} reports in ${seconds.toFixed(1)} s (${(sends.length / seconds).toFixed(1)} reports/s, ` +
      `${(presses.length / seconds).toFixed(0)} presses/s); overlap with dispatch ${(overlap / 1000).toFixed(1)} s; ` +
      `CPU: bot ${filingWindow.nodeCpuSeconds.toFixed(1)} s, database ${filingWindow.dbCpuSeconds.toFixed(1)} s`,
  );
  console.log(
    `reply latency, every press: p50 ${percentile(presses, 50).toFixed(1)} ms, p99 ${percentile(presses, 99).toFixed(1)} ms; ` +
      `"send": p50 ${percentile(sends, 50).toFixed(1)} ms, p99 ${percentile(sends, 99).toFixed(1)} ms (target p99 ≤ 300 ms)`,
  );
  console.log(
    `stored: ${stored} reports, ${photos} photos; filed replies ${replied.length} ` +
      `(each exactly once: ${stored === reports && photos === reports && replied.length === reports})`,
  );
});
