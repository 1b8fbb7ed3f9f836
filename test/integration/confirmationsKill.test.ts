/**
 * Issue 28: payment confirmations go on the same outbox as reminders, with the same guarantees. A
 * dispatcher process killed with SIGKILL in the middle of them, the instant Telegram accepted one,
 * and then started again: every linked household gets its confirmation (with its buttons), none a
 * second plain copy; only what the killed process left in doubt may come again, marked "(gửi lại)".
 */
import type { ChildProcess } from "node:child_process";
import { writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { sendPending } from "../../src/confirmations/send.js";
import { communeNames } from "../../src/data/book.js";
import { BorrowerAccountModel } from "../../src/data/models/index.js";
import { moveConfirmationOffice } from "../../src/data/recordedFigures.js";
import { createI18n } from "../../src/i18n.js";
import { importFile } from "../../src/import/run.js";
import { testClock, WORKING_DAY_10AM } from "../support/clock.js";
import { databaseUri, useTestDatabase } from "../support/database.js";
import { seedRows, useTempDir, writeRows } from "../support/files.js";
import { startFloodLimitedBotApi } from "../support/floodLimitedBotApi.js";
import { inDoubtByOwner } from "../support/inDoubt.js";
import { exited, startDispatcherProcess, stderrOf } from "../support/process.js";
import { TEST_ID_SECRET } from "../support/secrets.js";

const database = useTestDatabase();
const file = useTempDir();
const FIRST_CHAT = 30_000;
const MARKER = "(gửi lại) ";
/** The kill comes when Telegram has accepted this many confirmations. */
const KILL_AT = 37;

describe("payment confirmations and a dispatcher killed while sending them", () => {
  it("reach every linked household once; only what was in doubt comes again, marked", {
    timeout: 120_000,
  }, async () => {
    const clock = testClock(WORKING_DAY_10AM);
    const options = { actor: { kind: "cli" as const, id: "test" }, idHashSecret: TEST_ID_SECRET };
    const rows = seedRows(120);
    await importFile(await writeRows(file("first.csv"), rows), { ...options, now: new Date("2026-12-16T03:00:00Z") });
    for (const office of new Set((await communeNames()).map((c) => c.officeCode))) {
      await moveConfirmationOffice(office, "off", { state: "on", requestedBy: 1, decidedBy: 2 }, clock.now());
    }
    const households = [...new Set(rows.map((r) => r.customerCode))];
    await BorrowerAccountModel.insertMany(
      households.map((code, i) => ({
        _id: code,
        telegramLinks: [{ telegramUserId: FIRST_CHAT + i, linkedAt: clock.now(), via: "contact" }],
      })),
    );
    const deposited = rows.map((r) => ({ ...r, savingsBalance: String(Number(r.savingsBalance) + 20_000) }));
    await importFile(await writeRows(file("second.csv"), deposited), { ...options, now: clock.now() });
    const queued = await sendPending({
      covers: () => true,
      i18n: createI18n(),
      phoneChannels: [],
      carries: () => false,
      notBefore: clock.now(),
      now: clock.now(),
    });
    expect(queued).toBe(households.length);

    writeFileSync(
      file("delivery.json"),
      JSON.stringify({
        sendingWindows: [{ from: "00:00", to: "24:00" }],
        telegramLimits: { globalPerSecond: 300, privateChatPerSecond: 10, groupChatPerMinute: 200 },
        dispatch: { leaseSeconds: 1, batchSize: 50 },
      }),
    );
    let run = 0;
    let accepted = 0;
    let victim: ChildProcess | undefined;
    const server = await startFloodLimitedBotApi({
      scale: 10,
      onAccepted: (_n, from) => {
        if (from.retired || !from.path.startsWith(`/run${run}/`) || run !== 1) return undefined;
        if (++accepted !== KILL_AT) return undefined;
        victim?.kill("SIGKILL");
        server.retireConnections();
        return "hang";
      },
    });
    const start = () => {
      run++;
      return startDispatcherProcess(
        databaseUri(database.name),
        `${server.apiRoot}/run${run}`,
        file("delivery.json"),
        clock.env,
      );
    };
    try {
      victim = start();
      await exited(victim);
      expect(victim.signalCode).toBe("SIGKILL");
      const last = start();
      const stderr = stderrOf(last);
      expect(await exited(last), stderr()).toBe(0);
    } finally {
      await server.close();
    }

    const inDoubt = [...(await inDoubtByOwner()).values()].flat();
    expect(inDoubt.length).toBeGreaterThanOrEqual(1);
    // Each confirmation in doubt at the kill comes again, marked: after its first copy if Telegram
    // had taken that, alone if not (sent, never answered, never arrived).
    let repeats = 0;
    let onlyMarked = 0;
    for (const [i] of households.entries()) {
      const got = server.accepted.filter((m) => m.chatId === FIRST_CHAT + i);
      expect(got.length, `chat ${FIRST_CHAT + i}`).toBeGreaterThan(0);
      const plain = got.filter((m) => !m.text.startsWith(MARKER));
      expect(plain.length, `chat ${FIRST_CHAT + i}`).toBeLessThanOrEqual(1);
      if (plain.length === 0) onlyMarked++;
      expect(got[0]?.text).toContain("gửi tiết kiệm 20.000 ₫");
      expect(JSON.stringify(got[0]?.replyMarkup)).toContain("rcw:");
      repeats += got.length - 1;
    }
    expect(repeats + onlyMarked).toBeLessThanOrEqual(inDoubt.length);
  });
});
