import type { ChildProcess } from "node:child_process";
import { writeFileSync } from "node:fs";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DeliveryModel, DeliveryOutcomeModel } from "../../src/data/models/index.js";
import { createI18n } from "../../src/i18n.js";
import { reminderConfigSchema } from "../../src/reminders/config.js";
import { planReminders } from "../../src/reminders/planner.js";
import { testClock } from "../support/clock.js";
import { databaseUri, useTestDatabase } from "../support/database.js";
import { useTempDir } from "../support/files.js";
import { type FloodLimitedBotApi, startFloodLimitedBotApi } from "../support/floodLimitedBotApi.js";
import { inDoubtByOwner } from "../support/inDoubt.js";
import { clearOutbox } from "../support/outbox.js";
import { exited, startDispatcherProcess, stderrOf } from "../support/process.js";
import { loadReminderFixture } from "../support/reminderFixture.js";

const database = useTestDatabase();
const file = useTempDir();
const settings = { sendingWindows: [{ from: "00:00", to: "24:00" }], dispatch: { leaseSeconds: 2 } };
/** 10:00 in Vietnam on 19 December 2026: what was planned on the 17th and the 19th is due. */
const clock = testClock("2026-12-19T03:00:00Z");

const startDispatcher = (server: FloodLimitedBotApi) =>
  startDispatcherProcess(databaseUri(database.name), server.apiRoot, file("reminders.json"), clock.env);

/** How many times each (chat, text) should reach Telegram: once per planned delivery. */
async function expectedCounts(): Promise<Map<string, number>> {
  const expected = new Map<string, number>();
  for (const d of await DeliveryModel.find({}).lean()) {
    const key = `${d.chatId}\u0000${d.text}`;
    expected.set(key, (expected.get(key) ?? 0) + 1);
  }
  return expected;
}

/** The default cap on messages whose outcome is not on record. */
const MAX_IN_DOUBT = reminderConfigSchema.parse({}).dispatch.maxInDoubt;

let server: FloodLimitedBotApi | undefined;
afterEach(async () => server?.close());

beforeAll(async () => {
  writeFileSync(file("reminders.json"), JSON.stringify(settings));
  await loadReminderFixture(file("village.csv"));
});

/** Each test starts from the same outbox: the reminders of the 17th and the 19th, nothing tried. */
beforeEach(async () => {
  await clearOutbox();
  const config = reminderConfigSchema.parse(settings);
  for (const date of ["2026-12-17", "2026-12-19"]) {
    await planReminders(date, { config, closures: [], i18n: createI18n(), now: clock.now() });
  }
});

describe("a dispatcher killed in the middle of a batch", () => {
  it("is restarted; every message arrives, and what was in doubt arrives again once, marked", {
    timeout: 60_000,
  }, async () => {
    let victim: ChildProcess | undefined;
    server = await startFloodLimitedBotApi({
      // Kill the dispatcher the instant the third message is in, before Telegram's answer reaches it.
      onAccepted: (n) => {
        if (n !== 3) return undefined;
        victim?.kill("SIGKILL");
        return "hang";
      },
    });
    victim = startDispatcher(server);
    await exited(victim);
    expect(victim.signalCode).toBe("SIGKILL");
    expect(server.stats.accepted).toBe(3);

    const restarted = startDispatcher(server);
    const stderr = stderrOf(restarted);
    expect(await exited(restarted), stderr()).toBe(0);

    // What the killed dispatcher left in doubt, as its successor settled it: at least the message it
    // was killed on, at most the cap.
    const [killed, ...others] = [...(await inDoubtByOwner()).values()];
    expect(others).toHaveLength(0);
    expect(killed?.length).toBeGreaterThanOrEqual(1);
    expect(killed?.length).toBeLessThanOrEqual(MAX_IN_DOUBT);
    expect(await DeliveryModel.countDocuments({})).toBe(8);
    const outcomes = await DeliveryOutcomeModel.find({}).lean();
    const resentOutcomes = outcomes.filter((o) => o.reason === "in-doubt-resent");
    const uncertain = new Set(outcomes.filter((o) => o.outcome === "uncertain").map((o) => o.deliveryId));
    expect(resentOutcomes.length + uncertain.size).toBe(killed?.length);
    // Each planned message arrived once as planned (a list in doubt, which is never resent, at most
    // once); each reminder in doubt once more, marked.
    const counts = server.countsByMessage();
    const planned = await DeliveryModel.find({}, { chatId: 1, text: 1 }).lean();
    const keyOf = (d: { chatId?: number | null; text: string }) => `${d.chatId}\u0000${d.text}`;
    const uncertainKeys = new Set(planned.filter((d) => uncertain.has(d._id)).map(keyOf));
    let marked = 0;
    for (const [key, n] of await expectedCounts()) {
      if (uncertainKeys.has(key)) expect(counts.get(key) ?? 0).toBeLessThanOrEqual(n);
      else expect(counts.get(key)).toBe(n);
      const [chat, text] = key.split("\u0000");
      marked += counts.get(`${chat}\u0000(gửi lại) ${text}`) ?? 0;
    }
    expect(marked).toBe(resentOutcomes.length);
    expect(outcomes.filter((o) => o.outcome === "sent")).toHaveLength(8 - uncertain.size);
  });
});

describe("a dispatcher stopped with SIGTERM (a deploy)", () => {
  it("finishes what is in flight, exits, and its successor sends the rest: once each, nothing uncertain", {
    timeout: 60_000,
  }, async () => {
    let victim: ChildProcess | undefined;
    server = await startFloodLimitedBotApi({
      onAccepted: (n) => {
        if (n === 3) victim?.kill("SIGTERM");
        return undefined;
      },
    });
    victim = startDispatcher(server);
    expect(await exited(victim)).toBe(0);
    const first = server.stats.accepted;
    expect(first).toBeGreaterThanOrEqual(3);
    expect(first).toBeLessThan(8);
    const restarted = startDispatcher(server);
    expect(await exited(restarted)).toBe(0);
    expect(server.stats.accepted).toBe(8);
    // (Two reminders on the two days share a text, so compare with what was planned, not with "no repeats".)
    expect(server.countsByMessage()).toEqual(await expectedCounts());
    const outcomes = await DeliveryOutcomeModel.find({}).lean();
    expect(outcomes.filter((o) => o.outcome === "sent")).toHaveLength(8);
    expect(outcomes.filter((o) => o.outcome === "uncertain")).toHaveLength(0);
  });
});
