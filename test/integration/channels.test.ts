import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadTokens, optIn, optOut, receiptsFor } from "../../src/data/channels.js";
import {
  BorrowerAccountModel,
  ChannelTokenModel,
  DeliveryModel,
  DeliveryOutcomeModel,
  DeliveryReceiptModel,
  HouseholdModel,
} from "../../src/data/models/index.js";
import { markPlanningIndexStale } from "../../src/data/planningIndex.js";
import type { SendChannel } from "../../src/delivery/channels/channel.js";
import type { SmppSettings } from "../../src/delivery/channels/settings.js";
import { SmsChannel } from "../../src/delivery/channels/sms.js";
import { ZnsChannel } from "../../src/delivery/channels/zns.js";
import { Dispatcher } from "../../src/delivery/dispatcher.js";
import { gsm7Length, smsSegments } from "../../src/domain/sms.js";
import { logger } from "../../src/logger.js";
import { receiptsUnmatched } from "../../src/metrics.js";
import { reminderConfigSchema } from "../../src/reminders/config.js";
import { useTestDatabase } from "../support/database.js";
import { type Row, useTempDir } from "../support/files.js";
import { type FloodLimitedBotApi, startFloodLimitedBotApi } from "../support/floodLimitedBotApi.js";
import {
  KH02_PHONE,
  KH04_PHONE,
  loadVillage as loadVillageAt,
  ONE_DAY_BEFORE,
  phoneHouseholds,
  plannedDays,
  smppSettings,
  THREE_DAYS_BEFORE,
  until,
  ZNS_APP,
  znsSettings,
} from "../support/phoneVillage.js";
import { ALL_DAY, CHAT, fixtureDispatcher } from "../support/reminderFixture.js";
import { Smsc } from "../support/smsc.js";
import { ZnsStandIn } from "../support/znsStandIn.js";

useTestDatabase();
const file = useTempDir();

const { clock, plan, dispatcherFor } = plannedDays();
const loadVillage = (extra: Row[] = []) => loadVillageAt(file("village.csv"), extra);

let smsc: Smsc | undefined;
let bot: FloodLimitedBotApi | undefined;
let standIn: ZnsStandIn | undefined;
const channels: SendChannel[] = [];
const smsChannel = (over: Partial<SmppSettings> = {}) => {
  const channel = new SmsChannel(smppSettings(smsc as Smsc, over), logger);
  channels.push(channel);
  return channel;
};

beforeEach(async () => {
  smsc = await new Smsc({ systemId: "bank", password: "secret", receiptDelayMs: 5 }).start();
});

afterEach(async () => {
  for (const c of channels.splice(0)) await c.close?.();
  await smsc?.stop();
  await bot?.close();
  await standIn?.stop();
  bot = undefined;
  standIn = undefined;
});

describe("SMS over SMPP", () => {
  it("reminds an unlinked household with a phone by one SMS and a linked one by Telegram only; the receipt marks it delivered", async () => {
    await loadVillage();
    const report = await plan(THREE_DAYS_BEFORE, { phoneChannels: ["sms"] });
    expect(report.channels.sms).toBe(1);
    bot = await startFloodLimitedBotApi({ scale: 10 });
    await fixtureDispatcher(bot.apiRoot, { now: clock }).runOnce();
    const sent = await dispatcherFor(smsChannel()).runOnce();
    expect(sent).toMatchObject({ sent: 1, uncertain: 0 });

    const server = smsc as Smsc;
    expect(server.accepted.map((m) => m.destination)).toEqual([KH04_PHONE]);
    const sms = server.accepted[0];
    expect(sms?.sender).toBe("NHCSXH");
    expect(sms?.text).toContain("66.000d");
    expect(sms?.text).toContain("20/12/2026");
    expect(gsm7Length(sms?.text ?? "")).not.toBeNull();
    expect(smsSegments(sms?.text ?? "")).toBe(1);
    expect(bot.accepted.some((m) => m.chatId === CHAT.KH02)).toBe(true);
    expect(server.accepted.some((m) => m.destination === KH02_PHONE)).toBe(false);

    const delivery = await DeliveryModel.findOne({ channel: "sms" }).lean();
    await until(async () => (await receiptsFor([String(delivery?._id)])).length > 0);
    const [receipt] = await receiptsFor([String(delivery?._id)]);
    expect(receipt).toMatchObject({ status: "delivered", detail: "DELIVRD/000", channel: "sms" });
    const outcome = await DeliveryOutcomeModel.findOne({ deliveryId: delivery?._id, outcome: "sent" }).lean();
    // The SMSC's id for it, qualified by which SMSC gave it (its account and address).
    const smscAddress = new URL((smsc as Smsc).url.replace("smpp:", "http:")).host;
    expect(outcome).toMatchObject({
      channel: "sms",
      segments: 1,
      providerMessageId: `bank@${smscAddress}/${sms?.messageId}`,
    });
  });

  it("records an undelivered receipt as undelivered, and counts and drops a receipt for an id nobody sent", async () => {
    await loadVillage();
    await (smsc as Smsc).stop();
    smsc = await new Smsc({
      systemId: "bank",
      password: "secret",
      receiptDelayMs: 5,
      receiptStateOf: () => "UNDELIV",
    }).start();
    await plan(THREE_DAYS_BEFORE, { phoneChannels: ["sms"] });
    const channel = smsChannel();
    expect(await dispatcherFor(channel).runOnce()).toMatchObject({ sent: 1 });
    const delivery = await DeliveryModel.findOne({ channel: "sms" }).lean();
    await until(async () => (await receiptsFor([String(delivery?._id)])).length > 0);
    expect((await receiptsFor([String(delivery?._id)]))[0]).toMatchObject({
      status: "undelivered",
      detail: "UNDELIV/001",
    });
    // A receipt for an id the bot never got from the SMSC is counted and dropped; nothing breaks.
    const unmatched = async () =>
      (await receiptsUnmatched.get()).values.find((v) => v.labels.channel === "sms")?.value ?? 0;
    const before = await unmatched();
    (smsc as Smsc).strayReceipt("nobody-sent-this");
    await until(async () => (await unmatched()) === before + 1);
    expect(await DeliveryReceiptModel.countDocuments({})).toBe(1);
    expect(await DeliveryOutcomeModel.countDocuments({ deliveryId: delivery?._id, outcome: "sent" })).toBe(1);
  });

  it("sends nothing to a household that opted out, before planning or after", async () => {
    await loadVillage();
    await optOut("KH04", "officer");
    const before = await plan(THREE_DAYS_BEFORE, { phoneChannels: ["sms"] });
    expect(before.channels.sms ?? 0).toBe(0);
    expect(before.skipped.optedOut).toBe(1);

    await optIn("KH04", "officer");
    const after = await plan(ONE_DAY_BEFORE, { phoneChannels: ["sms"] });
    expect(after.channels.sms).toBe(1);
    await optOut("KH04", "borrower");
    const report = await dispatcherFor(smsChannel()).runOnce();
    expect(report.sent).toBe(0);
    expect((smsc as Smsc).accepted).toHaveLength(0);
    const outcome = await DeliveryOutcomeModel.findOne({ outcome: "skipped" }).lean();
    expect(outcome?.reason).toBe("opted-out");
  });

  it("slows down when the SMSC throttles, and loses and duplicates nothing", async () => {
    await smsc?.stop();
    smsc = await new Smsc({ systemId: "bank", password: "secret", throttlePerSecond: 10 }).start();
    await loadVillage(phoneHouseholds(30));
    await plan(THREE_DAYS_BEFORE, { phoneChannels: ["sms"] });
    const config = reminderConfigSchema.parse({ ...ALL_DAY, dispatch: { ...ALL_DAY.dispatch, maxAttempts: 20 } });
    const report = await dispatcherFor(smsChannel({ perSecond: 100 }), config).runOnce();
    const server = smsc as Smsc;
    expect(server.throttled).toBeGreaterThan(0);
    expect(report.rateLimited).toBe(server.throttled);
    expect(report.sent).toBe(31);
    const counts = server.countsByDestination();
    expect(counts.size).toBe(31);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
  });

  it("loses and duplicates nothing when the SMSC drops the connection in the middle of a window", async () => {
    await loadVillage(phoneHouseholds(40));
    await plan(THREE_DAYS_BEFORE, { phoneChannels: ["sms"] });
    const server = smsc as Smsc;
    server.dropAfter(12);
    const report = await dispatcherFor(smsChannel({ window: 8 })).runOnce();
    expect(server.binds).toBe(2);
    expect(report).toMatchObject({ sent: 41, uncertain: 0 });
    expect(report.retries).toBeGreaterThan(0);
    const counts = server.countsByDestination();
    expect(counts.size).toBe(41);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
  });

  it("keeps to the window: never more submits unanswered than the contract allows", async () => {
    await smsc?.stop();
    smsc = await new Smsc({ systemId: "bank", password: "secret", answerDelayMs: 60 }).start();
    await loadVillage(phoneHouseholds(20));
    await plan(THREE_DAYS_BEFORE, { phoneChannels: ["sms"] });
    const report = await dispatcherFor(smsChannel({ window: 3, perSecond: 200 })).runOnce();
    expect(report.sent).toBe(21);
    expect((smsc as Smsc).maxUnanswered).toBe(3);
  });

  it("keeps an idle link open with enquire_link", async () => {
    const channel = smsChannel({ enquireLinkSeconds: 0.05 });
    await channel.open?.();
    await until(async () => (smsc as Smsc).enquireLinks >= 2);
    expect((smsc as Smsc).binds).toBe(1);
  });

  it("fails a message the SMSC refuses for good, with its status as the reason, and sends the rest", async () => {
    await smsc?.stop();
    // 0x45: submit_sm failed (a permanent refusal of this message).
    smsc = await new Smsc({
      systemId: "bank",
      password: "secret",
      statusFor: (d) => (d === KH04_PHONE ? 0x45 : undefined),
    }).start();
    await loadVillage(phoneHouseholds(2));
    await plan(THREE_DAYS_BEFORE, { phoneChannels: ["sms"] });
    const report = await dispatcherFor(smsChannel()).runOnce();
    expect(report).toMatchObject({ sent: 2, failed: { "smpp-0x45": 1 }, retries: 0 });
  });

  it("sends each SMS once when two dispatchers start on the same outbox together (one leads)", async () => {
    await loadVillage(phoneHouseholds(40));
    await plan(THREE_DAYS_BEFORE, { phoneChannels: ["sms"] });
    const config = reminderConfigSchema.parse({ ...ALL_DAY, dispatch: { ...ALL_DAY.dispatch, batchSize: 5 } });
    const [a, b] = await Promise.all([
      dispatcherFor(smsChannel(), config).runOnce(),
      dispatcherFor(smsChannel(), config).runOnce(),
    ]);
    expect(a.sent + b.sent).toBe(41);
    const counts = (smsc as Smsc).countsByDestination();
    expect(counts.size).toBe(41);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
  });

  it("keeps to the sending windows like Telegram: nothing goes outside them", async () => {
    await loadVillage();
    await plan(THREE_DAYS_BEFORE, { phoneChannels: ["sms"] });
    const mornings = reminderConfigSchema.parse({ ...ALL_DAY, sendingWindows: [{ from: "07:00", to: "11:30" }] });
    const evening = new Dispatcher({
      channel: smsChannel(),
      config: mornings,
      closures: [],
      log: logger,
      now: () => new Date(`${THREE_DAYS_BEFORE}T12:00:00Z`), // 19:00 in Vietnam
    });
    const report = await evening.runOnce();
    expect(report.sent).toBe(0);
    expect(report.resumesAt?.toISOString()).toBe("2026-12-18T00:00:00.000Z");
    expect((smsc as Smsc).accepted).toHaveLength(0);
  });

  it("binds again with a pause when the SMSC restarts, and carries on", async () => {
    await loadVillage(phoneHouseholds(10));
    await plan(THREE_DAYS_BEFORE, { phoneChannels: ["sms"] });
    const server = smsc as Smsc;
    const channel = smsChannel({ perSecond: 5 });
    const running = dispatcherFor(channel).runOnce();
    await until(async () => server.accepted.length >= 3);
    await server.restart();
    const report = await running;
    expect(report.sent).toBe(11);
    expect(server.binds).toBeGreaterThanOrEqual(2);
    expect(new Set(server.accepted.map((m) => m.destination)).size).toBe(server.accepted.length);
  });
});

describe("falling back to the next channel", () => {
  it("after the SMSC refuses a number for good, the next reminder goes by Zalo, and the same reminder never twice", async () => {
    await smsc?.stop();
    smsc = await new Smsc({ systemId: "bank", password: "secret", invalidNumbers: [KH04_PHONE] }).start();
    standIn = await new ZnsStandIn(ZNS_APP).start();
    await loadVillage();
    await plan(THREE_DAYS_BEFORE, { phoneChannels: ["sms", "zns"] });
    const report = await dispatcherFor(smsChannel()).runOnce();
    expect(report.unreachable).toBe(1);

    const again = await plan(THREE_DAYS_BEFORE, { phoneChannels: ["sms", "zns"] });
    expect(again.alreadyPlanned).toBeGreaterThan(0);
    expect(await DeliveryModel.countDocuments({ householdCode: "KH04", planDate: THREE_DAYS_BEFORE })).toBe(1);
    const next = await plan(ONE_DAY_BEFORE, { phoneChannels: ["sms", "zns"] });
    expect(next.channels).toMatchObject({ zns: 1 });
    expect(next.channels.sms ?? 0).toBe(0);

    const zns = new ZnsChannel(znsSettings(standIn), logger);
    expect(await dispatcherFor(zns).runOnce()).toMatchObject({ sent: 1 });
    const delivery = await DeliveryModel.findOne({ channel: "zns" }).lean();
    expect(standIn.messages).toEqual([
      expect.objectContaining({ phone: KH04_PHONE, templateId: "300001", trackingId: String(delivery?._id) }),
    ]);
    // The customer code goes to Zalo only where the bank's templates show it (not set here).
    expect(standIn.messages[0]?.templateData).toMatchObject({ amount: "66.000d", customer_name: "Phạm Thị Dung" });
    expect(standIn.messages[0]?.templateData).not.toHaveProperty("customer_code");
  });
});

describe("group heads Telegram does not reach", () => {
  it("get one short SMS before the transaction day instead of the list", async () => {
    await loadVillage();
    // KH01 heads group G1; here it has a phone and no Telegram.
    await BorrowerAccountModel.deleteOne({ _id: "KH01" });
    await HouseholdModel.updateOne({ _id: "KH01" }, { $set: { phones: ["+84912345601"] } });
    // Bank data written here, not by an import: the planner's index no longer says it, as after a cut-off import.
    await markPlanningIndexStale();
    const report = await plan("2026-12-18", { phoneChannels: ["zns", "sms"] });
    const summary = await DeliveryModel.findOne({ _id: "hh:KH01|collection-list|G1/sms|2026-12-20" }).lean();
    expect(summary).toMatchObject({ channel: "sms", address: "+84912345601", segments: 1 });
    // Interest 110.000 + 220.000 + 55.000 + 66.000, and KH02's installment of 5.000.000, due by the 20th.
    expect(summary?.text).toBe(
      "NHCSXH: To Thon 1 co 4 ho nop lai ngay 20/12/2026, tong 5.451.000d. 1 ho co no qua han.",
    );
    expect(report.channels.sms).toBe(1);
    expect(await DeliveryModel.countDocuments({ kind: "collection-list" })).toBe(1);
    await dispatcherFor(smsChannel()).runOnce();
    expect((smsc as Smsc).accepted.map((m) => m.destination)).toContain("84912345601");
  });
});

describe("Zalo notifications (ZNS)", () => {
  it("refreshes an expired OA token, keeps the new refresh token, and carries on", async () => {
    standIn = await new ZnsStandIn(ZNS_APP).start();
    await loadVillage(phoneHouseholds(3));
    await plan(THREE_DAYS_BEFORE, { phoneChannels: ["zns"] });
    const zns = new ZnsChannel(znsSettings(standIn), logger);
    expect(await dispatcherFor(zns).runOnce()).toMatchObject({ sent: 4 });
    expect(standIn.refreshes).toBe(1);

    standIn.expireTokens();
    await plan(ONE_DAY_BEFORE, { phoneChannels: ["zns"] });
    expect(await dispatcherFor(zns).runOnce()).toMatchObject({ sent: 4, failed: {} });
    // The messages already on their way with the old token are each refused once; one refresh serves them all.
    expect(standIn.expiredTokenAnswers).toBeGreaterThanOrEqual(1);
    expect(standIn.refreshes).toBe(2);
    expect(standIn.messages).toHaveLength(8);
    // A dispatcher started later begins from the stored tokens (the first refresh token is spent).
    const stored = await loadTokens(ZNS_APP.appId);
    expect(stored?.refreshToken).not.toBe(ZNS_APP.refreshToken);
    const later = new ZnsChannel(znsSettings(standIn), logger);
    await later.open();
    const delivery = await DeliveryModel.findOne({ channel: "zns" }).lean();
    await later.send(delivery as NonNullable<typeof delivery>);
    expect(standIn.refreshes).toBe(2);
    expect(standIn.messages).toHaveLength(9);
  });

  it("two branches on one OA share its tokens: neither spends a refresh token the other replaced", async () => {
    standIn = await new ZnsStandIn(ZNS_APP).start();
    await loadVillage(phoneHouseholds(3));
    await plan(THREE_DAYS_BEFORE, { phoneChannels: ["zns"] });
    const delivery = (await DeliveryModel.findOne({ channel: "zns" }).lean()) as NonNullable<unknown>;
    const branchA = new ZnsChannel(znsSettings(standIn), logger);
    const branchB = new ZnsChannel(znsSettings(standIn), logger);
    await branchA.open();
    await branchB.open();
    await branchA.send(delivery as never);
    // B read no tokens when it opened; it takes A's pair rather than spending the first refresh token again.
    await branchB.send(delivery as never);
    expect(standIn.refreshes).toBe(1);

    standIn.expireTokens();
    await branchA.send(delivery as never);
    expect(standIn.refreshes).toBe(2);
    // B's pair is now spent at Zalo: refused once, it takes A's new pair from the record.
    await branchB.send(delivery as never);
    expect(standIn.refreshes).toBe(2);
    expect(standIn.refusedRefreshes).toBe(0);
    expect(standIn.messages).toHaveLength(4);
  });

  it("reads the tokens a single branch kept before they were keyed by app, then keeps them by app", async () => {
    standIn = await new ZnsStandIn(ZNS_APP).start();
    const first = new ZnsChannel(znsSettings(standIn), logger);
    await loadVillage(phoneHouseholds(3));
    await plan(THREE_DAYS_BEFORE, { phoneChannels: ["zns"] });
    const delivery = (await DeliveryModel.findOne({ channel: "zns" }).lean()) as NonNullable<unknown>;
    await first.send(delivery as never);
    const pair = await loadTokens(ZNS_APP.appId);
    await ChannelTokenModel.deleteOne({ _id: `zns:${ZNS_APP.appId}` });
    await ChannelTokenModel.create({ _id: "zns", ...pair, updatedAt: new Date() });
    standIn.expireTokens();
    const later = new ZnsChannel(znsSettings(standIn), logger);
    await later.open();
    await later.send(delivery as never);
    // The kept refresh token worked (the configured first one is spent): one more refresh, none refused.
    expect(standIn.refreshes).toBe(2);
    expect(standIn.refusedRefreshes).toBe(0);
    expect(await ChannelTokenModel.findById(`zns:${ZNS_APP.appId}`).lean()).not.toBeNull();
  });

  it("marks a number that has no Zalo account unreachable on Zalo", async () => {
    standIn = await new ZnsStandIn({ ...ZNS_APP, notOnZalo: [KH04_PHONE] }).start();
    await loadVillage();
    await plan(THREE_DAYS_BEFORE, { phoneChannels: ["zns", "sms"] });
    const report = await dispatcherFor(new ZnsChannel(znsSettings(standIn), logger)).runOnce();
    expect(report.unreachable).toBe(1);
    const next = await plan(ONE_DAY_BEFORE, { phoneChannels: ["zns", "sms"] });
    expect(next.channels).toMatchObject({ sms: 1 });
  });
});
