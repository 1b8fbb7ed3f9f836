/**
 * npm run bench:sms [-- --messages 20000 --rate 100 --window 10 --signal SIGKILL]
 *
 * 1. Queues `messages` interest reminders by SMS (one per household and phone) in the outbox.
 * 2. Starts the SMSC simulator (test/support/smsc.ts) with a contract of `rate` messages a second
 *    (it answers ESME_RTHROTTLED above it) and the real dispatcher process (`npm run reminders --
 *    dispatch`, PHONE_CHANNELS=sms) with the same rate and SMPP window; kills it with `signal` the
 *    instant the SMSC accepts the message half way, starts it again and lets it finish.
 * 3. From the simulator's own record: messages/s before the kill and after the restart against the
 *    contract, throttled submits, duplicates (a phone that got two), lost (a phone that got none);
 *    from the database: what the kill left in doubt, recorded uncertain (and listed to the commune's
 *    officer), never sent again; the dispatcher's peak RSS.
 */
import type { ChildProcess } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { DeliveryOutcomeModel, OfficerModel } from "../src/data/models/index.js";
import { enqueueDeliveries, type NewDelivery } from "../src/data/outbox.js";
import { addDays, vietnamDate } from "../src/domain/dates.js";
import { logger } from "../src/logger.js";
import { attemptsWithoutOutcome } from "../test/support/inDoubt.js";
import { householdPhones } from "../test/support/outbox.js";
import { exited } from "../test/support/process.js";
import { Smsc } from "../test/support/smsc.js";
import { dispatchReports, peakRssMb, runBenchmark, spawnDispatcher, startFakeApi } from "./support.js";

const { values } = parseArgs({
  options: {
    messages: { type: "string", default: "20000" },
    rate: { type: "string", default: "100" },
    window: { type: "string", default: "10" },
    signal: { type: "string", default: "SIGKILL" },
  },
});
const messages = Number(values.messages);
const rate = Number(values.rate);
const window = Number(values.window);
const signal = values.signal as NodeJS.Signals;
const OFFICER = 4242;

const phoneOf = (i: number) => `+849${String(10_000_000 + i).slice(0, 8)}`;

async function queueSms(): Promise<void> {
  const today = vietnamDate(new Date());
  const eventDate = addDays(today, 1);
  const all: NewDelivery[] = Array.from({ length: messages }, (_, i) => {
    const code = `SB${String(i).padStart(6, "0")}`;
    return {
      _id: `hh:${code}|interest|session-1d-before|${eventDate}`,
      kind: "interest",
      eventDate,
      expiresOn: eventDate,
      chatId: null,
      channel: "sms",
      address: phoneOf(i),
      segments: 1,
      householdCode: code,
      groupCode: `G${Math.floor(i / 40)}`,
      communeCode: `X${Math.floor(i / 2_000)}`,
      text: `NHCSXH: Ho ${code} nop lai 1.250.000d ngay giao dich ${eventDate}. To truong: Tran Thi Binh.`,
      language: "vi",
    };
  });
  const t0 = performance.now();
  await householdPhones(all.map((d) => [d.householdCode as string, d.address as string]));
  await enqueueDeliveries("reminders", today, all, { batchSize: 100, notBefore: new Date() });
  console.log(`queued ${messages} SMS in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

/** Messages a second over the accepted messages from index `from` to `to` (exclusive), by the SMSC's clock. */
function rateOver(smsc: Smsc, from: number, to: number): number {
  const first = smsc.accepted[from];
  const last = smsc.accepted[to - 1];
  if (!first || !last || to - from < 2) return 0;
  return (to - from - 1) / Math.max((last.at - first.at) / 1000, 0.001);
}

runBenchmark("sms", async ({ dir, uri }) => {
  logger.level = "silent";
  await OfficerModel.create({
    _id: OFFICER,
    active: true,
    scope: { kind: "all", codes: [] },
    grantedBy: 1,
    grantedAt: new Date(),
  });
  await queueSms();
  const configFile = join(dir, "delivery.json");
  // A killed dispatcher's lease must run out before the next one takes over; keep that short here.
  writeFileSync(
    configFile,
    JSON.stringify({ sendingWindows: [{ from: "00:00", to: "24:00" }], dispatch: { leaseSeconds: 10 } }),
  );

  let victim: ChildProcess | undefined;
  let killedAt = 0;
  const smsc = await new Smsc({
    systemId: "bench",
    password: "secret",
    throttlePerSecond: rate,
    receiptDelayMs: 50,
    onAccepted: (n) => {
      if (n !== Math.floor(messages / 2)) return;
      killedAt = n;
      victim?.kill(signal);
    },
  }).start();
  const telegram = await startFakeApi(1);
  const env = {
    PHONE_CHANNELS: "sms",
    SMPP_URL: smsc.url,
    SMPP_SYSTEM_ID: "bench",
    SMPP_PASSWORD: "secret",
    SMS_SENDER: "NHCSXH",
    SMS_PER_SECOND: String(rate),
    SMPP_WINDOW: String(window),
  };
  let peak = 0;
  const watch = (child: ChildProcess) =>
    setInterval(() => {
      peak = Math.max(peak, peakRssMb(child.pid as number) ?? 0);
    }, 100);
  const t0 = performance.now();
  victim = spawnDispatcher(uri, telegram.root, configFile, env);
  dispatchReports(victim);
  const firstWatch = watch(victim);
  await exited(victim);
  clearInterval(firstWatch);
  if (!killedAt) throw new Error("the dispatcher finished before it could be killed");
  await new Promise((r) => setTimeout(r, 500));
  const atKill = smsc.accepted.length;
  const inDoubt = (await attemptsWithoutOutcome()).length;
  const second = spawnDispatcher(uri, telegram.root, configFile, env);
  const reports = dispatchReports(second);
  const secondWatch = watch(second);
  const code = await exited(second);
  clearInterval(secondWatch);
  const wall = (performance.now() - t0) / 1000;
  telegram.child.kill();
  await smsc.stop();
  if (code !== 0) throw new Error(`restarted dispatcher exited with ${code}`);

  const counts = smsc.countsByDestination();
  let lost = 0;
  let duplicates = 0;
  for (let i = 0; i < messages; i++) {
    const n = counts.get(phoneOf(i).slice(1)) ?? 0;
    if (n === 0) lost++;
    if (n > 1) duplicates += n - 1;
  }
  const uncertain = await DeliveryOutcomeModel.countDocuments({ outcome: "uncertain" });
  const resent = await DeliveryOutcomeModel.countDocuments({ reason: "in-doubt-resent" });
  const receipts = smsc.receiptsSent;
  const before = rateOver(smsc, 0, atKill);
  const after = rateOver(smsc, atKill, smsc.accepted.length);
  const handOver = ((smsc.accepted[atKill]?.at ?? 0) - (smsc.accepted[atKill - 1]?.at ?? 0)) / 1000;
  const pct = (r: number) => `${((100 * r) / rate).toFixed(1)}%`;
  const smsReports = reports.filter((r) => r.channel === "sms" && r.leader);
  console.log(
    `SMS: ${messages} messages, contract ${rate}/s, window ${window}; killed with ${signal} at ${killedAt} accepted; ${wall.toFixed(1)} s wall`,
  );
  console.log(
    `  before the kill ${before.toFixed(1)} msg/s = ${pct(before)} of the contract; hand-over ${handOver.toFixed(1)} s ` +
      `(the dead sender's lease); after the restart ${after.toFixed(1)} msg/s = ${pct(after)}`,
  );
  console.log(
    `  in doubt after the kill ${inDoubt}; recorded uncertain ${uncertain} (listed, never sent again); resent ${resent}; ` +
      `duplicates ${duplicates}; lost (no SMS reached the SMSC) ${lost}; throttled by the SMSC ${smsc.throttled}; ` +
      `receipts sent ${receipts}; dispatcher peak RSS ${peak} MB`,
  );
  console.log(
    `  after the restart, database work around the sending (ms): ${JSON.stringify(smsReports.map((r) => r.timingsMs))}`,
  );
});
