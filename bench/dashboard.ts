/**
 * npm run bench:dashboard [-- --households 10000 --requests 300 --concurrency 4 --deliveries 2500 --scale 1]
 *
 * Issue 27: the officer overview of one office (every commune of the seed moved into it: its points
 * and H households) over real HTTP from the bot's own server (src/http/server.ts + src/dashboard), each
 * request authenticated as the page's are (signed initData, session token, role and scope read from
 * the database), C at a time; first alone, then while the dispatcher process sends D reminders to the
 * office's households against the flood-limited fake Bot API (× K of Telegram's limits). Also the
 * group head's page. Prints p50/p95/p99 per phase. Target: overview p95 ≤ 300 ms while dispatching.
 */
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { createDashboardApp, DASHBOARD_PATH, dashboardListener } from "../src/dashboard/app.js";
import {
  CommuneModel,
  DeliveryAttemptModel,
  DeliveryBatchModel,
  DeliveryModel,
  DeliveryOutcomeModel,
  GroupModel,
  HouseholdModel,
  LoanModel,
  OfficerModel,
  TransactionPointModel,
} from "../src/data/models/index.js";
import { enqueueDeliveries, type NewDelivery } from "../src/data/outbox.js";
import { deliveryKey } from "../src/domain/delivery.js";
import { startHttpServer } from "../src/http/server.js";
import { createI18n } from "../src/i18n.js";
import { logger } from "../src/logger.js";
import { signedInitData } from "../test/support/initData.js";
import {
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
    households: { type: "string", default: "10000" },
    requests: { type: "string", default: "300" },
    concurrency: { type: "string", default: "4" },
    deliveries: { type: "string", default: "2500" },
    scale: { type: "string", default: "1" },
  },
});
const households = Number(values.households);
const requests = Number(values.requests);
const concurrency = Number(values.concurrency);
const deliveries = Number(values.deliveries);
const scale = Number(values.scale);
const TOKEN = "123456:BENCHBENCHBENCHBENCHBENCHBENCHBENCH";
const OFFICE = "PGD-BENCH";
const OFFICER = 7_000_001;
const FIRST_USER = 9_000_000;

/** Every commune of the seed into one office, in every collection that names the office. */
async function oneOffice(): Promise<void> {
  for (const model of [CommuneModel, GroupModel, HouseholdModel, LoanModel, TransactionPointModel] as const) {
    await (model as typeof CommuneModel).updateMany({}, { $set: { officeCode: OFFICE, officeName: "PGD Bench" } });
  }
}

/**
 * A session as the page opens one; then `path` fetched `count` times, `concurrency` at once, and on
 * until `until` settles if one is given.
 */
async function measure(
  base: string,
  userId: number,
  path: string,
  count: number,
  until?: Promise<unknown>,
): Promise<number[]> {
  let going = until !== undefined;
  until?.finally(() => (going = false));
  const initData = signedInitData(TOKEN, userId, new Date(Date.now() - 1_000 - Math.floor(Math.random() * 1_000_000)));
  const headers: Record<string, string> = { authorization: `tma ${initData}`, "content-type": "application/json" };
  const opened = await fetch(`${base}/api/session`, { method: "POST", headers, body: "{}" });
  if (!opened.ok) throw new Error(`session: ${opened.status}`);
  headers["x-dashboard-session"] = ((await opened.json()) as { token: string }).token;
  const times: number[] = [];
  let next = 0;
  const worker = async () => {
    while (next < count || going) {
      next++;
      const t0 = performance.now();
      const response = await fetch(`${base}/api/${path}`, { headers });
      await response.arrayBuffer();
      if (!response.ok) throw new Error(`${path}: ${response.status}`);
      times.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return times.sort((a, b) => a - b);
}

const line = (label: string, t: number[]) =>
  console.log(
    `${label}: ${t.length} requests, p50 ${percentile(t, 50).toFixed(0)} ms, p95 ${percentile(t, 95).toFixed(0)} ms, ` +
      `p99 ${percentile(t, 99).toFixed(0)} ms (target p95 ≤ 300 ms)`,
  );

async function writeOutbox(): Promise<void> {
  const members = await HouseholdModel.find({}, { groupCode: 1, communeCode: 1 }).limit(deliveries).lean();
  const out: NewDelivery[] = members.map((h, i) => {
    const reminder = { kind: "interest", eventDate: "2026-12-20", subject: String(h._id) } as const;
    return {
      _id: deliveryKey(`tg:${FIRST_USER + i}`, reminder),
      kind: "interest",
      eventDate: reminder.eventDate,
      expiresOn: reminder.eventDate,
      chatId: FIRST_USER + i,
      householdCode: String(h._id),
      groupCode: h.groupCode,
      communeCode: h.communeCode,
      text: `Nhắc nộp lãi ${i}`,
    };
  });
  await enqueueDeliveries("reminders", new Date().toISOString().slice(0, 10), out, {
    batchSize: 200,
    notBefore: new Date(0),
  });
}

/** The overview requested over and over from the dispatcher's first message to its last. */
async function whileDispatching(uri: string, dir: string, label: string, base: string): Promise<void> {
  for (const model of [DeliveryModel, DeliveryBatchModel, DeliveryAttemptModel, DeliveryOutcomeModel] as const) {
    await (model as typeof DeliveryModel).deleteMany({});
  }
  await writeOutbox();
  const fake = await startFakeApi(scale);
  const dispatcher = spawnDispatcher(uri, fake.root, writeScaledLimits(join(dir, "limits.json"), scale));
  const exited = new Promise<number | null>((resolve) => dispatcher.once("exit", resolve));
  while ((await fakeApiStats(fake.root)).accepted === 0) await new Promise((resolve) => setTimeout(resolve, 100));
  const started = Date.now();
  const times = await measure(base, OFFICER, "overview", requests, exited);
  const seconds = (Date.now() - started) / 1000;
  const stats = await fakeApiStats(fake.root);
  fake.child.kill();
  line(label, times);
  console.log(
    `  dispatch meanwhile: ${stats.accepted} of ${deliveries} reminders in ${seconds.toFixed(1)} s ` +
      `(${(stats.accepted / seconds).toFixed(1)} msg/s, limit ${30 * scale}/s), duplicates ${stats.duplicates}`,
  );
}

runBenchmark("dashboard", async ({ dir, kind, uri }) => {
  logger.level = "silent";
  await seedHouseholds({ dir, kind }, households, 27);
  await oneOffice();
  const codes = (await HouseholdModel.find({}, { _id: 1 }).lean()).map((h) => String(h._id));
  await linkHouseholds(codes, FIRST_USER);
  await OfficerModel.create({
    _id: OFFICER,
    active: true,
    scope: { kind: "offices", codes: [OFFICE] },
    grantedBy: 1,
    grantedAt: new Date(),
  });
  const points = await TransactionPointModel.countDocuments({});
  const head = await HouseholdModel.findOne({ groupRole: "head" }, { _id: 1 }).lean();
  const headUser = FIRST_USER + codes.indexOf(String(head?._id));
  console.log(`database: ${kind}; one office of ${points} transaction points and ${codes.length} households`);

  /** The dashboard on the bot's HTTP server; `tallyMaxAgeMs` 0: every request reads the outcomes. */
  const serve = async (tallyMaxAgeMs: number) => {
    const dashboard = createDashboardApp({
      branches: [{ pathCode: null, token: TOKEN, adminIds: [], i18n: createI18n() }],
      maxAgeSeconds: 3_600_000,
      now: () => new Date(),
      log: logger,
      assets: new Map(),
      tallyMaxAgeMs,
    });
    const server = await startHttpServer(0, {
      isReady: async () => true,
      dashboard: { path: DASHBOARD_PATH, handler: dashboardListener(dashboard) },
    });
    return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}${DASHBOARD_PATH}` };
  };
  const uncached = await serve(0);
  line(
    "first overview after start or an import (the book read once)",
    await measure(uncached.base, OFFICER, "overview", 1),
  );
  line("overview alone, outcomes read on every request", await measure(uncached.base, OFFICER, "overview", requests));
  const { server, base } = await serve(60_000);
  line("overview alone", await measure(base, OFFICER, "overview", requests));
  line("head page alone", await measure(base, headUser, "head", Math.ceil(requests / 3)));

  await whileDispatching(uri, dir, "overview while dispatching (a minute's outcomes kept)", base);
  await whileDispatching(uri, dir, "overview while dispatching, outcomes read on every request", uncached.base);
  server.close();
  uncached.server.close();
});
