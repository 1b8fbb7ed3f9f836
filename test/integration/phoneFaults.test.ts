/**
 * Issue 23: a provider's fault never silently writes a day's reminders off. Zalo refusing the OA's
 * token and an SMSC gone silent or down: messages wait, unspent, and go when the provider is back;
 * admins are told once that it went down and once that it came back.
 */
import { afterEach, describe, expect, it } from "vitest";
import { loadTokens, receiptsFor } from "../../src/data/channels.js";
import {
  ChannelFailureModel,
  ChannelStatusModel,
  DeliveryModel,
  DeliveryOutcomeModel,
} from "../../src/data/models/index.js";
import { SmsChannel } from "../../src/delivery/channels/sms.js";
import { ZnsChannel } from "../../src/delivery/channels/zns.js";
import { Dispatcher } from "../../src/delivery/dispatcher.js";
import { reportInDoubt } from "../../src/delivery/inDoubtReport.js";
import { createI18n } from "../../src/i18n.js";
import { logger } from "../../src/logger.js";
import { receiptsUnmatched } from "../../src/metrics.js";
import { useTestDatabase } from "../support/database.js";
import { useTempDir } from "../support/files.js";
import { communeOfficer } from "../support/outbox.js";
import {
  loadVillage,
  phoneHouseholds,
  plannedDays,
  smppSettings,
  THREE_DAYS_BEFORE,
  until,
  ZNS_APP,
  znsSettings,
} from "../support/phoneVillage.js";
import { ALL_DAY } from "../support/reminderFixture.js";
import { Smsc } from "../support/smsc.js";
import { type TokenFault, ZnsStandIn } from "../support/znsStandIn.js";

useTestDatabase();
const file = useTempDir();
const { clock, plan } = plannedDays();
const ADMIN = 7701;
const OFFICER = 7702;

let standIn: ZnsStandIn | undefined;
let smsc: Smsc | undefined;
const closing: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const c of closing.splice(0)) await c.close();
  await standIn?.stop();
  await smsc?.stop();
  standIn = undefined;
  smsc = undefined;
});

const dispatcherOf = (channel: SmsChannel | ZnsChannel) =>
  new Dispatcher({ channel, config: ALL_DAY, closures: [], log: logger, now: clock, adminIds: [ADMIN] });

/** The admins' alerts waiting in the outbox, by text. */
const alerts = async () => (await DeliveryModel.find({ chatId: ADMIN }, { text: 1 }).lean()).map((d) => d.text).sort();

describe("Zalo's token endpoint fails", () => {
  it.each<[string, TokenFault]>([
    ["gives no answer", "down"],
    ["answers garbage", "garbage"],
    ["answers -118 (which is about no recipient)", "error-118"],
  ])(
    "%s: nothing is spent or marked, admins hear once, and the messages go when it works again",
    async (_what, fault) => {
      standIn = await new ZnsStandIn(ZNS_APP).start();
      await loadVillage(file("village.csv"), phoneHouseholds(2));
      expect((await plan(THREE_DAYS_BEFORE, { phoneChannels: ["zns"] })).channels.zns).toBe(3);
      standIn.tokenFault = fault;
      const zns = new ZnsChannel(znsSettings(standIn), logger, clock, { refreshBackoffMs: 200 });
      const dispatcher = dispatcherOf(zns);
      const down = await dispatcher.runOnce();
      expect(down).toMatchObject({ sent: 0, uncertain: 0, unreachable: 0, failed: {} });
      expect(down.channelDown?.reason).toMatch(/^zns-token/);
      expect(await DeliveryOutcomeModel.countDocuments({})).toBe(0);
      expect(await ChannelFailureModel.countDocuments({})).toBe(0);
      // A second failed run tells nobody again.
      await dispatcher.runOnce();
      expect((await alerts()).map((t) => t.split(" từ ")[0])).toEqual(["⚠️ <b>Zalo không gửi được</b>"]);
      expect((await ChannelStatusModel.findById("zns").lean())?.downSince).toBeInstanceOf(Date);

      standIn.tokenFault = null;
      const started = Date.now();
      let report = await dispatcher.runOnce();
      // The back-off after the failures may still be running: the next run after it sends.
      while (report.sent === 0) {
        expect(report.channelDown).not.toBeNull();
        await new Promise((r) => setTimeout(r, report.channelDown?.retryAfterMs ?? 0));
        report = await dispatcher.runOnce();
      }
      console.log(`Zalo token ${fault}: messages went again ${Date.now() - started} ms after it worked`);
      expect(report.sent).toBe(3);
      expect(standIn.messages).toHaveLength(3);
      expect((await alerts()).map((t) => t.split(/ từ | \(/)[0])).toEqual([
        "⚠️ <b>Zalo không gửi được</b>",
        "✅ <b>Zalo gửi lại được</b>",
      ]);
      expect((await ChannelStatusModel.findById("zns").lean())?.downSince).toBeNull();
    },
  );

  it("keeps the new refresh token when the lifetime Zalo gives is unreadable", async () => {
    standIn = await new ZnsStandIn(ZNS_APP).start();
    await loadVillage(file("village.csv"));
    await plan(THREE_DAYS_BEFORE, { phoneChannels: ["zns"] });
    standIn.tokenFault = "bad-expiry";
    const zns = new ZnsChannel(znsSettings(standIn), logger, clock);
    expect(await dispatcherOf(zns).runOnce()).toMatchObject({ sent: 1 });
    const stored = await loadTokens(ZNS_APP.appId);
    expect(stored?.refreshToken).toBe(standIn.currentRefreshToken);
    // Used for an hour, then refreshed.
    expect(stored?.expiresAt.getTime()).toBe(clock().getTime() + 3_600_000);
  });
});

describe("the SMSC", () => {
  it("gone silent: a submit unanswered in time frees its place, is uncertain and listed, and sending stops", async () => {
    smsc = await new Smsc({ systemId: "bank", password: "secret", holdAnswer: () => true }).start();
    await loadVillage(file("village.csv"), phoneHouseholds(5));
    await communeOfficer(OFFICER, ["X1"], clock());
    await plan(THREE_DAYS_BEFORE, { phoneChannels: ["sms"] });
    const sms = new SmsChannel(smppSettings(smsc, { window: 2, answerTimeoutSeconds: 0.3 }), logger);
    closing.push(sms);
    const report = await dispatcherOf(sms).runOnce();
    // At most a window of messages went unanswered; the rest wait for the SMSC, unspent.
    expect(report.uncertain).toBeGreaterThanOrEqual(1);
    expect(report.uncertain).toBeLessThanOrEqual(2);
    expect(report.channelDown?.reason).toMatch(/^smsc/);
    expect(report.sent).toBe(0);
    const uncertain = await DeliveryOutcomeModel.find({}, { deliveryId: 1, outcome: 1 }).lean();
    expect(uncertain.map((o) => o.outcome)).toEqual(uncertain.map(() => "uncertain"));
    expect(uncertain).toHaveLength(report.uncertain);
    // The officer of the commune gets the list today, as for a crash.
    const [list] = (await DeliveryModel.find({ chatId: OFFICER }, { text: 1 }).lean()).map((d) => d.text);
    for (const o of uncertain) expect(list).toContain(`Hộ ${o.deliveryId.split("|")[0]?.slice(3)}`);
  });

  it("a later final receipt wins over an earlier one; a step on the way never over a final state", async () => {
    // Receipts come only when the test sends them, in the order it chooses.
    smsc = await new Smsc({ systemId: "bank", password: "secret", receiptDelayMs: 600_000 }).start();
    await loadVillage(file("village.csv"));
    await plan(THREE_DAYS_BEFORE, { phoneChannels: ["sms"] });
    const sms = new SmsChannel(smppSettings(smsc), logger);
    closing.push(sms);
    expect(await dispatcherOf(sms).runOnce()).toMatchObject({ sent: 1 });
    const id = smsc.accepted[0]?.messageId as string;
    const delivery = await DeliveryModel.findOne({ channel: "sms" }, { _id: 1 }).lean();
    const detail = async () => (await receiptsFor([String(delivery?._id)]))[0]?.detail;
    for (const [state, stored] of [
      ["ENROUTE", "ENROUTE/000"],
      ["UNDELIV", "UNDELIV/000"],
      ["DELIVRD", "DELIVRD/000"],
    ]) {
      smsc.strayReceipt(id, state);
      // The next receipt goes once this one is on record.
      await until(async () => (await detail()) === stored);
    }
    // A step on the way after the final word changes nothing: it is read before the stray receipt
    // that follows it on the same connection is counted.
    const unmatched = async () =>
      (await receiptsUnmatched.get()).values.find((v) => v.labels.channel === "sms")?.value ?? 0;
    const before = await unmatched();
    smsc.strayReceipt(id, "ACCEPTD");
    smsc.strayReceipt("nobody-sent-this");
    await until(async () => (await unmatched()) === before + 1);
    expect(await detail()).toBe("DELIVRD/000");
    const [receipt] = await receiptsFor([String(delivery?._id)]);
    expect(receipt).toMatchObject({ status: "delivered", final: true });
  });

  it("down, then back: the messages wait and go, none failed", async () => {
    smsc = await new Smsc({ systemId: "bank", password: "secret" }).start();
    const port = Number(new URL(smsc.url).port);
    await loadVillage(file("village.csv"), phoneHouseholds(3));
    await plan(THREE_DAYS_BEFORE, { phoneChannels: ["sms"] });
    await smsc.stop();
    const sms = new SmsChannel(smppSettings(smsc, { bindWaitSeconds: 0.3 }), logger);
    closing.push(sms);
    const dispatcher = dispatcherOf(sms);
    const down = await dispatcher.runOnce();
    expect(down).toMatchObject({ sent: 0, failed: {}, uncertain: 0 });
    expect(down.channelDown?.reason).toMatch(/^smsc/);
    expect(await DeliveryOutcomeModel.countDocuments({})).toBe(0);

    await smsc.start(port);
    const back = Date.now();
    let report = await dispatcher.runOnce();
    while (report.sent === 0) {
      await new Promise((r) => setTimeout(r, 200));
      report = await dispatcher.runOnce();
    }
    console.log(`SMSC down then back: messages went ${Date.now() - back} ms after it returned`);
    expect(report).toMatchObject({ sent: 4, failed: {} });
    expect(smsc.accepted).toHaveLength(4);
  });
});

describe("a long list of messages in doubt", () => {
  it("goes to the officer in as many messages as it takes, each one Telegram accepts, none dropped", async () => {
    await loadVillage(file("village.csv"));
    await communeOfficer(OFFICER, ["X1"], clock());
    const deliveries = Array.from({ length: 300 }, (_, i) => ({
      _id: `doubt-${i}`,
      batchId: "b",
      kind: "interest",
      eventDate: "2026-12-20",
      householdCode: `KH9${String(i).padStart(4, "0")}`,
      groupCode: "G1",
      communeCode: "X1",
    }));
    const listed = await reportInDoubt(deliveries as never, {
      round: "long-list",
      today: THREE_DAYS_BEFORE,
      notBefore: clock(),
      i18n: createI18n(),
      adminIds: [],
    });
    const texts = (await DeliveryModel.find({ chatId: OFFICER }, { text: 1 }).lean()).map((d) => d.text);
    expect(listed).toBe(texts.length);
    expect(texts.length).toBeGreaterThan(1);
    for (const text of texts) expect(text.length).toBeLessThanOrEqual(4096);
    const all = texts.join("\n");
    for (const d of deliveries) expect(all).toContain(`Hộ ${d.householdCode}`);
  });
});
