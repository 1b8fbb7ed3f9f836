import { join } from "node:path";
import { parseArgs } from "node:util";
import {
  BorrowerAccountModel,
  DeliveryAttemptModel,
  DeliveryBatchModel,
  DeliveryModel,
  DeliveryOutcomeModel,
  HouseholdModel,
} from "../src/data/models/index.js";
import { enqueueDeliveries, type NewDelivery } from "../src/data/outbox.js";
import { addDays, isoWeekday } from "../src/domain/dates.js";
import { deliveryKey } from "../src/domain/delivery.js";
import { createI18n } from "../src/i18n.js";
import { logger } from "../src/logger.js";
import { reminderConfigSchema } from "../src/reminders/config.js";
import { borrowerReminderText } from "../src/reminders/messages.js";
import { cliArgs } from "../test/support/process.js";
import {
  buildDist,
  fakeApiStats,
  linkHouseholds,
  peakRssMb,
  runBenchmark,
  runMeasuredChild,
  seedHouseholds,
  spawnDispatcher,
  startFakeApi,
  tallyAgainstFake,
  writeScaledLimits,
} from "./support.js";

const { values } = parseArgs({
  options: {
    households: { type: "string", default: "100000" },
    deliveries: { type: "string", default: "10000" },
    scale: { type: "string", default: "10" },
    sample: { type: "string", default: "600" },
    "plan-only": { type: "boolean", default: false },
    /** Also plan the day from every household, loan and account (the planner before its index). */
    "from-book": { type: "boolean", default: false },
    /** Run the planner through tsx from src/, as this benchmark did until 2026-12-07 (~30 MB more). */
    tsx: { type: "boolean", default: false },
  },
});
const households = Number(values.households);
const PLAN_DATE = "2026-12-17";
const i18n = createI18n();
const DEFAULTS = reminderConfigSchema.parse({});

/** The first day on or after `date` that is this ISO weekday. */
function nextWeekday(date: string, weekday: number): string {
  let day = date;
  while (isoWeekday(day) !== weekday) day = addDays(day, 1);
  return day;
}

/**
 * `count` realistic reminders: 95% to distinct linked households, 5% second messages to the same
 * chats. Each goes to the chat linked to its household, as the planner writes it (the dispatcher
 * skips a delivery whose chat is no longer linked).
 */
async function writeOutbox(count: number, date: string, batchSize: number): Promise<NewDelivery[]> {
  const distinct = Math.ceil(count * 0.95);
  const linked = await BorrowerAccountModel.find({}, { telegramLinks: 1 }).limit(distinct).lean();
  const codes = linked.map((a) => String(a._id));
  const chats = linked.map((a) => a.telegramLinks[0]?.telegramUserId ?? 0);
  const out: NewDelivery[] = [];
  for (let i = 0; i < count; i++) {
    const index = i < codes.length ? i : ((i - codes.length) * 19) % codes.length;
    const code = codes[index] as string;
    const chatId = chats[index] as number;
    const kind = i < codes.length ? "interest" : "principal";
    const reminder = { kind, eventDate: addDays(date, 3), amount: 100_000 + i, subject: `bench-${i}` } as const;
    out.push({
      _id: deliveryKey(`tg:${chatId}`, reminder),
      kind,
      eventDate: reminder.eventDate,
      expiresOn: reminder.eventDate,
      chatId,
      householdCode: code,
      groupCode: null,
      communeCode: null,
      text: borrowerReminderText(
        (key, vars) => i18n.t("vi", key, vars),
        "vi",
        reminder,
        { place: "Nhà văn hóa xã", hours: "07:30-11:00" },
        { head: "Nguyễn Thị Hoa", group: "Tổ TK&VV Thôn 3" },
      ),
    });
  }
  await enqueueDeliveries("bench", date, out, {
    batchSize,
    notBefore: new Date(0),
  });
  return out;
}

/** Plans a day with the CLI in a child process; returns its report, wall time and peak RSS. */
async function planInChild(uri: string, date: string, fromBook = false) {
  // The same heap limit as `npm run reminders`; the compiled code, as the bot runs it.
  if (!values.tsx) buildDist();
  const cli = values.tsx ? ["--import", "tsx", "src/cli/reminders.ts", "plan"] : cliArgs("reminders", "plan");
  const args = ["--max-old-space-size=256", ...cli, "--date", date];
  if (fromBook) args.push("--read", "book");
  const t0 = performance.now();
  const { out, peakMb: peak } = await runMeasuredChild(
    args,
    { MONGODB_URI: uri, LOG_LEVEL: "silent", ADMIN_TELEGRAM_IDS: "42" },
    "planner",
  );
  const report = JSON.parse(out) as {
    planned: Record<string, number>;
    alreadyPlanned: number;
    durationMs: number;
    phasesMs: Record<string, number>;
    read: { from: string; households: number; accounts: number };
  };
  return { report, wallSeconds: (performance.now() - t0) / 1000, peakMb: peak };
}

async function dispatchRun(uri: string, dir: string, count: number, scale: number, label: string) {
  for (const model of [DeliveryModel, DeliveryBatchModel, DeliveryAttemptModel, DeliveryOutcomeModel] as const) {
    await (model as typeof DeliveryModel).deleteMany({});
  }
  const expected = await writeOutbox(count, PLAN_DATE, DEFAULTS.dispatch.batchSize);
  const fake = await startFakeApi(scale);
  const configFile = writeScaledLimits(join(dir, `reminders-x${scale}.json`), scale);
  const started = performance.now();
  const dispatcher = spawnDispatcher(uri, fake.root, configFile);
  let peak = 0;
  const poll = setInterval(() => {
    peak = Math.max(peak, peakRssMb(dispatcher.pid as number) ?? 0);
  }, 100);
  const code = await new Promise<number | null>((resolve) => dispatcher.once("exit", resolve));
  clearInterval(poll);
  const seconds = (performance.now() - started) / 1000;
  const stats = await fakeApiStats(fake.root);
  const { lost, duplicates, blocked } = await tallyAgainstFake(fake.root, expected);
  fake.child.kill();
  if (code !== 0) throw new Error(`dispatcher exited with ${code}`);
  const span = ((stats.lastAcceptedAt ?? 0) - (stats.firstAcceptedAt ?? 0)) / 1000;
  const rate = stats.accepted / Math.max(span, 0.001);
  const limit = 30 * scale;
  const sends = stats.accepted + stats.rejected429 + stats.rejected403;
  console.log(
    `${label}: ${count} deliveries (${blocked} to blocked chats) in ${seconds.toFixed(1)} s wall; ` +
      `${stats.accepted} accepted over ${span.toFixed(1)} s = ${rate.toFixed(1)} msg/s = ${((100 * rate) / limit).toFixed(1)}% of ${limit}/s; ` +
      `429s ${stats.rejected429} (${((100 * stats.rejected429) / sends).toFixed(2)}% of sends; ${stats.rejected429PerChat} per-chat), 403s ${stats.rejected403}; ` +
      `duplicates ${duplicates} (server's own count ${stats.duplicates}), lost ${lost}; dispatcher peak RSS ${peak} MB`,
  );
}

runBenchmark("reminders", async ({ dir, kind, uri }) => {
  logger.level = "silent";
  await seedHouseholds({ dir, kind }, households, 11);
  // Every household linked: the planner's worst case.
  const codes = (await HouseholdModel.find({}, { _id: 1 }).lean()).map((h) => String(h._id));
  await linkHouseholds(codes, 1_000_000);

  // Before (every household, loan and account read) and after (the planner's index), in one run.
  const printPlan = (label: string, run: Awaited<ReturnType<typeof planInChild>>) => {
    const total = Object.values(run.report.planned).reduce((a, b) => a + (b ?? 0), 0);
    console.log(
      `planning ${label} for ${codes.length} linked households (planner process of its own): ` +
        `${(run.report.durationMs / 1000).toFixed(1)} s planning (${run.wallSeconds.toFixed(1)} s with process start); ` +
        `read ${JSON.stringify(run.report.read)}; ${total} deliveries planned ${JSON.stringify(run.report.planned)}; ` +
        `phases ${JSON.stringify(run.report.phasesMs)} ms; planner peak RSS ${run.peakMb} MB`,
    );
  };
  const first = await planInChild(uri, PLAN_DATE);
  printPlan(`${PLAN_DATE} from the index`, first);
  // The same day again from the book: its outbox writes are then "already planned"; compare the reads.
  if (values["from-book"]) printPlan(`${PLAN_DATE} from the book`, await planInChild(uri, PLAN_DATE, true));
  const weekly = nextWeekday(PLAN_DATE, DEFAULTS.officerSummaryWeekday);
  printPlan(`${weekly} (weekly summaries: their figures streamed over every group)`, await planInChild(uri, weekly));
  const again = await planInChild(uri, PLAN_DATE);
  console.log(
    `planning the same day again: ${(again.report.durationMs / 1000).toFixed(1)} s, ${again.report.alreadyPlanned} already planned, ` +
      `${await DeliveryModel.countDocuments({ planDate: PLAN_DATE })} in the outbox; peak RSS ${again.peakMb} MB`,
  );

  // A likelier share of households on Telegram: 30% linked (accounts exist only for linked ones).
  // (drop, not deleteMany: FerretDB/SQLite refuses to delete 100,000 documents in one statement)
  await BorrowerAccountModel.collection.drop();
  await BorrowerAccountModel.createCollection();
  await BorrowerAccountModel.createIndexes();
  await linkHouseholds(
    codes.filter((_, i) => i % 10 < 3),
    2_000_000,
  );
  const nextDay = addDays(PLAN_DATE, 1);
  const partial = await planInChild(uri, nextDay);
  const partialSeconds = partial.report.durationMs / 1000;
  console.log(
    `planning ${nextDay} with 30% of households linked: ${partialSeconds.toFixed(1)} s = ${Math.round(codes.length / partialSeconds)} households/s; ` +
      `${Object.values(partial.report.planned).reduce((a, b) => a + (b ?? 0), 0)} deliveries planned; peak RSS ${partial.peakMb} MB`,
  );
  if (values["plan-only"]) return;

  const scale = Number(values.scale);
  await dispatchRun(uri, dir, Number(values.deliveries), scale, `dispatch ×${scale} limits`);
  if (Number(values.sample) > 0)
    await dispatchRun(uri, dir, Number(values.sample), 1, "dispatch at Telegram's real limits");
});
