import type { ChildProcess } from "node:child_process";
import { writeFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { BorrowerAccountModel, DeliveryOutcomeModel, OfficerModel } from "../../src/data/models/index.js";
import { enqueueDeliveries, type NewDelivery } from "../../src/data/outbox.js";
import type { InDoubtPolicy } from "../../src/delivery/settings.js";
import { addDays, vietnamDate } from "../../src/domain/dates.js";
import { reminderConfigSchema } from "../../src/reminders/config.js";
import { type TestClock, testClock, WORKING_DAY_10AM } from "../support/clock.js";
import { atScale, seededRandom, seedFor } from "../support/crashScale.js";
import { databaseUri, useTestDatabase } from "../support/database.js";
import { useTempDir } from "../support/files.js";
import { startFloodLimitedBotApi } from "../support/floodLimitedBotApi.js";
import { inDoubtByOwner, neverAttempted } from "../support/inDoubt.js";
import { clearOutbox, communeOfficer } from "../support/outbox.js";
import { exited, startDispatcherProcess, stderrOf } from "../support/process.js";

const database = useTestDatabase();
const file = useTempDir();

/** 150 messages and 3 kills in the suite; 2,000 and 20 in `npm run test:crash`. */
const MESSAGES = atScale(150, 2_000);
const KILLS = atScale(3, 20);
const BATCH = atScale(20, 100);
const SCALE = 10;
const OFFICER = 777;
const FIRST_CHAT = 20_000;
const SOURCE = "broadcast:crash-test";
const MARKER = "(gửi lại) ";
const DEFAULTS = reminderConfigSchema.parse({}).dispatch;
const MAX_IN_DOUBT = DEFAULTS.maxInDoubt;
/** The most messages one run sends before its kill; leaves room for every later kill. */
const SPAN = Math.floor((MESSAGES - KILLS * MAX_IN_DOUBT) / (KILLS + 1));

const householdOf = (i: number) => `KH${String(i).padStart(5, "0")}`;

/** The notices to MESSAGES chats of commune X1, due now by the test's clock. */
async function queueNotices(clock: TestClock): Promise<void> {
  const today = vietnamDate(clock.now());
  const deliveries: NewDelivery[] = Array.from({ length: MESSAGES }, (_, i) => ({
    _id: `crash-test:${i}`,
    kind: "broadcast",
    eventDate: today,
    expiresOn: addDays(today, 3),
    chatId: FIRST_CHAT + i,
    householdCode: householdOf(i),
    groupCode: "G1",
    communeCode: "X1",
    text: `Thông báo họp tổ, số ${i}`,
    language: "vi",
  }));
  // Linked, as the dispatcher checks before sending to a household's chat.
  await BorrowerAccountModel.insertMany(
    deliveries.map((d) => ({
      _id: d.householdCode,
      telegramLinks: [{ telegramUserId: d.chatId, linkedAt: clock.now(), via: "contact" }],
    })),
  );
  await enqueueDeliveries(SOURCE, today, deliveries, { batchSize: BATCH, notBefore: clock.now(), now: clock.now() });
}

interface KillRun {
  seed: number;
  /** Per recipient chat: what it received (marked resends included). */
  received: Map<number, string[]>;
  officerTexts: string[];
}

/**
 * Sends the notices, killing the dispatcher with SIGKILL KILLS times, then lets a last one finish.
 * Each kill comes the instant the fake API accepts the n-th message of that run, n drawn from the
 * seed within what the run is sure to send: the deliveries nobody has attempted yet, less what the
 * previous kill may still have been announcing (the in-doubt cap).
 */
async function sendWithKills(policy: InDoubtPolicy, ownSeed: number): Promise<KillRun> {
  const seed = seedFor(ownSeed);
  const random = seededRandom(seed);
  const clock = testClock(WORKING_DAY_10AM);
  const settings = {
    sendingWindows: [{ from: "00:00", to: "24:00" }],
    telegramLimits: { globalPerSecond: 30 * SCALE, privateChatPerSecond: SCALE, groupChatPerMinute: 20 * SCALE },
    dispatch: { leaseSeconds: 1 },
    inDoubt: { broadcast: policy },
  };
  writeFileSync(file("delivery.json"), JSON.stringify(settings));
  await communeOfficer(OFFICER, ["X1"], clock.now());
  await queueNotices(clock);
  let killAt = 0;
  /**
   * Messages accepted from the process alive now: a killed one's requests read after its death do
   * not count. Each process gets its own API root (/run<k>), so the fake knows whose request it reads.
   */
  let fromLive = 0;
  let runNumber = 0;
  let victim: ChildProcess | undefined;
  const server = await startFloodLimitedBotApi({
    scale: SCALE,
    // The kill comes the instant a message is accepted, before Telegram's answer reaches the sender.
    onAccepted: (_n, from) => {
      if (from.retired || !from.path.startsWith(`/run${runNumber}/`)) return undefined;
      fromLive++;
      if (fromLive !== killAt) return undefined;
      victim?.kill("SIGKILL");
      server.retireConnections();
      return "hang";
    },
  });
  const start = () => {
    runNumber++;
    return startDispatcherProcess(
      databaseUri(database.name),
      `${server.apiRoot}/run${runNumber}`,
      file("delivery.json"),
      clock.env,
    );
  };
  try {
    for (let kill = 0; kill < KILLS; kill++) {
      const room = Math.min(SPAN, (await neverAttempted(SOURCE)) - MAX_IN_DOUBT);
      expect(room, `seed ${seed}: no room left for kill ${kill + 1}`).toBeGreaterThan(0);
      killAt = fromLive + 1 + Math.floor(random() * room);
      victim = start();
      const victimErr = stderrOf(victim);
      const code = await exited(victim);
      expect(
        victim.signalCode,
        `seed ${seed}: run ${kill + 1} was to be killed at message ${killAt}; it exited with ${code}: ${victimErr()}`,
      ).toBe("SIGKILL");
    }
    killAt = 0;
    const last = start();
    const stderr = stderrOf(last);
    expect(await exited(last), `seed ${seed}: ${stderr()}`).toBe(0);
    const received = new Map<number, string[]>();
    for (const m of server.accepted) received.set(m.chatId, [...(received.get(m.chatId) ?? []), m.text]);
    return { seed, received, officerTexts: received.get(OFFICER) ?? [] };
  } finally {
    await server.close();
  }
}

afterEach(() => clearOutbox(OfficerModel, BorrowerAccountModel));

/**
 * Each killed dispatcher left at least the message it was killed on in doubt and at most the cap; the
 * last one, which was not killed, left nothing. Returns the notices' attempts left in doubt (the
 * officers' lists may have been caught too).
 */
async function expectDoubtBoundedPerKill(run: KillRun): Promise<string[]> {
  const byOwner = await inDoubtByOwner();
  expect(byOwner.size, `seed ${run.seed}: dispatchers that left something in doubt`).toBe(KILLS);
  for (const attempts of byOwner.values()) {
    expect(attempts.length, `seed ${run.seed}`).toBeGreaterThanOrEqual(1);
    expect(attempts.length, `seed ${run.seed}`).toBeLessThanOrEqual(MAX_IN_DOUBT);
  }
  return [...byOwner.values()].flat().filter((attempt) => attempt.startsWith("crash-test:"));
}

/** The deliveries recorded uncertain, each of which must be on the officer's list. */
async function expectEveryUncertainListed(run: KillRun): Promise<string[]> {
  const listed = run.officerTexts.join("\n");
  const uncertain = await DeliveryOutcomeModel.find({ source: SOURCE, outcome: "uncertain" }, { deliveryId: 1 }).lean();
  for (const o of uncertain) {
    const i = Number(o.deliveryId.split(":")[1]);
    expect(listed, `seed ${run.seed}: ${o.deliveryId} uncertain and not listed`).toContain(`Hộ ${householdOf(i)}`);
  }
  return uncertain.map((o) => o.deliveryId);
}

const recipients = () => Array.from({ length: MESSAGES }, (_, i) => FIRST_CHAT + i);

describe(`a dispatcher killed with SIGKILL at ${KILLS} seeded points of a ${MESSAGES}-message send at ×${SCALE} limits`, () => {
  it("leaves at most the cap in doubt each time; resend-once loses nothing and repeats only what was in doubt, marked", {
    timeout: atScale(120_000, 600_000),
  }, async () => {
    const run = await sendWithKills("resend-once", 20_261_201);
    const inDoubt = await expectDoubtBoundedPerKill(run);
    // Given up on only after maxAttempts attempts all left in doubt; then uncertain, and listed.
    const uncertain = new Set(await expectEveryUncertainListed(run));
    for (const deliveryId of uncertain) {
      const caught = inDoubt.filter((a) => a.startsWith(`${deliveryId}#`));
      expect(caught, `seed ${run.seed}: ${deliveryId}`).toHaveLength(DEFAULTS.maxAttempts);
    }
    let repeats = 0;
    for (const [i, chat] of recipients().entries()) {
      const texts = run.received.get(chat) ?? [];
      if (!uncertain.has(`crash-test:${i}`)) expect(texts.length, `seed ${run.seed}: chat ${chat}`).toBeGreaterThan(0);
      // At most one plain copy; every other copy is a marked resend (one per kill that caught it).
      expect(texts.filter((t) => !t.startsWith(MARKER)).length).toBeLessThanOrEqual(1);
      repeats += Math.max(0, texts.length - 1);
    }
    expect(repeats, `seed ${run.seed}`).toBeLessThanOrEqual(inDoubt.length);
  });

  it("leaves at most the cap in doubt each time; report repeats nothing and lists every message it lost", {
    timeout: atScale(120_000, 600_000),
  }, async () => {
    const run = await sendWithKills("report", 4_242);
    const inDoubt = await expectDoubtBoundedPerKill(run);
    // Under "report" every attempt left in doubt becomes uncertain, and every uncertain one is listed.
    const uncertain = await expectEveryUncertainListed(run);
    expect(uncertain.sort()).toEqual(inDoubt.map((a) => a.split("#")[0]).sort());
    for (const [i, chat] of recipients().entries()) {
      const texts = run.received.get(chat) ?? [];
      expect(texts.length, `seed ${run.seed}: chat ${chat} got a repeat`).toBeLessThanOrEqual(1);
      if (texts.length === 0) expect(uncertain, `seed ${run.seed}: chat ${chat} lost`).toContain(`crash-test:${i}`);
    }
  });
});
