import type { ChildProcess } from "node:child_process";
import { writeFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import {
  BorrowerAccountModel,
  DeliveryAttemptModel,
  DeliveryBatchItemsModel,
  DeliveryBatchModel,
  DeliveryModel,
  DeliveryOutcomeModel,
  OfficerModel,
} from "../../src/data/models/index.js";
import { enqueueDeliveries, type NewDelivery } from "../../src/data/outbox.js";
import type { InDoubtPolicy } from "../../src/delivery/settings.js";
import { addDays, vietnamDate } from "../../src/domain/dates.js";
import { reminderConfigSchema } from "../../src/reminders/config.js";
import { databaseUri, useTestDatabase } from "../support/database.js";
import { useTempDir } from "../support/files.js";
import { type FloodLimitedBotApi, startFloodLimitedBotApi } from "../support/floodLimitedBotApi.js";
import { attemptsWithoutOutcome } from "../support/inDoubt.js";
import { exited, startDispatcherProcess, stderrOf } from "../support/process.js";

const database = useTestDatabase();
const file = useTempDir();

const MESSAGES = 2_000;
const KILLS = 20;
const SCALE = 10;
const OFFICER = 777;
const FIRST_CHAT = 20_000;
const MARKER = "(gửi lại) ";
const MAX_IN_DOUBT = reminderConfigSchema.parse({}).dispatch.maxInDoubt;

/**
 * Twenty distinct kill points (counts of messages accepted), from a fixed seed so that a failure can be
 * replayed; below what even the report policy is sure to deliver (each kill may lose up to the cap).
 */
function killPoints(seed: number): number[] {
  let x = seed;
  const points = new Set<number>();
  while (points.size < KILLS) {
    x = (x * 1_103_515_245 + 12_345) % 2 ** 31;
    points.add(1 + (x % (MESSAGES - KILLS * MAX_IN_DOUBT - 1)));
  }
  return [...points].sort((a, b) => a - b);
}

const startDispatcher = (server: FloodLimitedBotApi) =>
  startDispatcherProcess(databaseUri(database.name), server.apiRoot, file("delivery.json"));

/** 2,000 notices to 2,000 chats of commune X1, in batches of 100, due now. */
async function queueNotices(): Promise<void> {
  const today = vietnamDate(new Date());
  const deliveries: NewDelivery[] = Array.from({ length: MESSAGES }, (_, i) => ({
    _id: `crash-test:${i}`,
    kind: "broadcast",
    eventDate: today,
    expiresOn: addDays(today, 3),
    chatId: FIRST_CHAT + i,
    householdCode: `KH${String(i).padStart(5, "0")}`,
    groupCode: "G1",
    communeCode: "X1",
    text: `Thông báo họp tổ, số ${i}`,
    language: "vi",
  }));
  // Linked, as the dispatcher checks before sending to a household's chat.
  await BorrowerAccountModel.insertMany(
    deliveries.map((d) => ({
      _id: d.householdCode,
      telegramLinks: [{ telegramUserId: d.chatId, linkedAt: new Date(), via: "contact" }],
    })),
  );
  await enqueueDeliveries("broadcast:crash-test", today, deliveries, { batchSize: 100, notBefore: new Date() });
}

interface KillRun {
  /** For each kill, how many deliveries it left in doubt (attempts on record, no outcome). */
  inDoubtPerKill: number[];
  /** Per recipient chat: what it received (marked resends included). */
  received: Map<number, string[]>;
  officerTexts: string[];
}

/** Sends the 2,000 notices, killing the dispatcher with SIGKILL at each kill point, then lets it finish. */
async function sendWithKills(policy: InDoubtPolicy, seed: number): Promise<KillRun> {
  const settings = {
    sendingWindows: [{ from: "00:00", to: "24:00" }],
    telegramLimits: { globalPerSecond: 30 * SCALE, privateChatPerSecond: SCALE, groupChatPerMinute: 20 * SCALE },
    dispatch: { leaseSeconds: 1 },
    inDoubt: { broadcast: policy },
  };
  writeFileSync(file("delivery.json"), JSON.stringify(settings));
  await OfficerModel.create({
    _id: OFFICER,
    active: true,
    scope: { kind: "communes", codes: ["X1"] },
    grantedBy: 1,
    grantedAt: new Date(),
  });
  await queueNotices();
  const points = killPoints(seed);
  let victim: ChildProcess | undefined;
  const server = await startFloodLimitedBotApi({
    scale: SCALE,
    // The kill comes the instant a message is accepted, before Telegram's answer reaches the sender.
    onAccepted: (n) => {
      if (n !== points[0]) return undefined;
      points.shift();
      victim?.kill("SIGKILL");
      return "hang";
    },
  });
  try {
    const inDoubtPerKill: number[] = [];
    for (let kill = 0; kill < KILLS; kill++) {
      const before = new Set(await attemptsWithoutOutcome());
      victim = startDispatcher(server);
      const victimErr = stderrOf(victim);
      const code = await exited(victim);
      expect(victim.signalCode, `run ${kill} was meant to be killed; it exited with ${code}: ${victimErr()}`).toBe(
        "SIGKILL",
      );
      // A write the dead process sent just before the kill may still be landing in the database.
      await new Promise((r) => setTimeout(r, 500));
      const after = await attemptsWithoutOutcome();
      inDoubtPerKill.push([...after].filter((id) => !before.has(id)).length);
    }
    const last = startDispatcher(server);
    const stderr = stderrOf(last);
    expect(await exited(last), stderr()).toBe(0);
    const received = new Map<number, string[]>();
    for (const m of server.accepted) received.set(m.chatId, [...(received.get(m.chatId) ?? []), m.text]);
    return { inDoubtPerKill, received, officerTexts: received.get(OFFICER) ?? [] };
  } finally {
    await server.close();
  }
}

afterEach(async () => {
  for (const model of [
    DeliveryModel,
    DeliveryBatchModel,
    DeliveryBatchItemsModel,
    DeliveryAttemptModel,
    DeliveryOutcomeModel,
    OfficerModel,
    BorrowerAccountModel,
  ]) {
    await (model as typeof DeliveryModel).deleteMany({});
  }
});

/** Every delivery recorded as uncertain is on the officer's list; returns how many there are. */
async function expectEveryUncertainListed(run: KillRun): Promise<number> {
  const listed = run.officerTexts.join("\n");
  const uncertain = await DeliveryOutcomeModel.find(
    { source: "broadcast:crash-test", outcome: "uncertain" },
    { deliveryId: 1 },
  ).lean();
  for (const o of uncertain) {
    const i = Number(o.deliveryId.split(":")[1]);
    expect(listed, `${o.deliveryId} uncertain and not listed`).toContain(`Hộ KH${String(i).padStart(5, "0")}`);
  }
  return uncertain.length;
}

const recipients = () => Array.from({ length: MESSAGES }, (_, i) => FIRST_CHAT + i);

describe(`a dispatcher killed with SIGKILL at ${KILLS} random points of a ${MESSAGES}-message send at ×${SCALE} limits`, () => {
  it("leaves at most the cap in doubt each time; resend-once loses nothing and repeats at most the cap, marked", {
    timeout: 300_000,
  }, async () => {
    const run = await sendWithKills("resend-once", 20_261_201);
    expect(run.inDoubtPerKill).toHaveLength(KILLS);
    for (const n of run.inDoubtPerKill) expect(n).toBeLessThanOrEqual(MAX_IN_DOUBT);
    let duplicates = 0;
    for (const chat of recipients()) {
      const texts = run.received.get(chat) ?? [];
      expect(texts.length, `chat ${chat} got nothing`).toBeGreaterThan(0);
      // At most one plain copy; every other copy is a marked resend (one per kill that caught it).
      expect(texts.filter((t) => !t.startsWith(MARKER)).length).toBeLessThanOrEqual(1);
      duplicates += texts.length - 1;
    }
    expect(duplicates).toBeLessThanOrEqual(run.inDoubtPerKill.reduce((a, b) => a + b, 0));
    // Nothing was given up on (a delivery is listed only after maxAttempts attempts in doubt).
    expect(await expectEveryUncertainListed(run)).toBe(0);
  });

  it("leaves at most the cap in doubt each time; report repeats nothing and lists every message it lost", {
    timeout: 300_000,
  }, async () => {
    const run = await sendWithKills("report", 4_242);
    for (const n of run.inDoubtPerKill) expect(n).toBeLessThanOrEqual(MAX_IN_DOUBT);
    const listed = run.officerTexts.join("\n");
    let lost = 0;
    for (const [i, chat] of recipients().entries()) {
      const texts = run.received.get(chat) ?? [];
      expect(texts.length, `chat ${chat} got a repeat`).toBeLessThanOrEqual(1);
      if (texts.length === 0) {
        lost++;
        expect(listed, `chat ${chat} lost and not listed`).toContain(`Hộ KH${String(i).padStart(5, "0")}`);
      }
    }
    const uncertain = await DeliveryOutcomeModel.countDocuments({
      source: "broadcast:crash-test",
      outcome: "uncertain",
    });
    expect(lost).toBeLessThanOrEqual(uncertain);
    expect(uncertain).toBeLessThanOrEqual(run.inDoubtPerKill.reduce((a, b) => a + b, 0));
  });
});
