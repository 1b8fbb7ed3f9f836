/**
 * Issue 23: an SMS or Zalo message reaches only whoever the bank's data says has the number today,
 * and a refusal takes effect at once. Driven through the SMSC simulator.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { isOptedOut, optOut } from "../../src/data/channels.js";
import { BorrowerAccountModel, ContactOptOutModel, DeliveryOutcomeModel } from "../../src/data/models/index.js";
import { carriesKind } from "../../src/delivery/channels/settings.js";
import { SmsChannel } from "../../src/delivery/channels/sms.js";
import { importFile } from "../../src/import/run.js";
import { logger } from "../../src/logger.js";
import { TEST_ID_SECRET, useTestDatabase } from "../support/database.js";
import { type Row, useTempDir, writeRows } from "../support/files.js";
import {
  KH04_PHONE,
  loadVillage,
  phoneHouseholds,
  plannedDays,
  smppSettings,
  THREE_DAYS_BEFORE,
  until,
  villageRows,
} from "../support/phoneVillage.js";
import { FIXTURE_ROWS } from "../support/reminderFixture.js";
import { Smsc } from "../support/smsc.js";

useTestDatabase();
const file = useTempDir();
const { plan, dispatcherFor } = plannedDays();

let smsc: Smsc;
const opened: SmsChannel[] = [];
const smsChannel = (window = 5) => {
  const channel = new SmsChannel(smppSettings(smsc, { window }), logger);
  opened.push(channel);
  return channel;
};
beforeEach(async () => {
  smsc = await new Smsc({ systemId: "bank", password: "secret", receiptDelayMs: 5 }).start();
});
afterEach(async () => {
  for (const channel of opened.splice(0)) await channel.close();
  await smsc.stop();
});

/** The bank's next file, with the village's phones changed as given. */
async function reimport(phones: Record<string, string>, extra: Row[] = []): Promise<void> {
  const report = await importFile(await writeRows(file("next.csv"), villageRows(extra, phones)), {
    actor: { kind: "cli", id: "test" },
    idHashSecret: TEST_ID_SECRET,
  });
  expect(report.outcome).toBe("applied");
}

const skippedReasons = async () =>
  (await DeliveryOutcomeModel.find({ outcome: "skipped" }, { reason: 1 }).lean()).map((o) => o.reason);

describe("the number a message goes to is the household's on the day it goes", () => {
  it("goes to the new number when an import changed it after planning, never to the old one", async () => {
    await loadVillage(file("village.csv"));
    expect((await plan(THREE_DAYS_BEFORE, { phoneChannels: ["sms"] })).channels.sms).toBe(1);
    // The old number may be someone else's by now.
    await reimport({ KH04: "0912 345 699" });
    expect(await dispatcherFor(smsChannel()).runOnce()).toMatchObject({ sent: 1 });
    expect(smsc.accepted.map((m) => m.destination)).toEqual(["84912345699"]);
    expect(smsc.accepted[0]?.text).toContain("Pham Thi Dung");
  });

  it("goes nowhere when the household no longer has a number", async () => {
    await loadVillage(file("village.csv"));
    await plan(THREE_DAYS_BEFORE, { phoneChannels: ["sms"] });
    await reimport({ KH04: "" });
    expect(await dispatcherFor(smsChannel()).runOnce()).toMatchObject({ sent: 0, skippedOther: { "no-phone": 1 } });
    expect(smsc.submitted).toBe(0);
    expect(await skippedReasons()).toEqual(["no-phone"]);
  });
});

describe("a refusal takes effect at once", () => {
  it("stops every message not yet handed to the SMSC, in a batch already claimed", async () => {
    await loadVillage(file("village.csv"), phoneHouseholds(7));
    expect((await plan(THREE_DAYS_BEFORE, { phoneChannels: ["sms"] })).channels.sms).toBe(8);
    await smsc.stop();
    // The first submit is held unanswered; with a window of one, nothing else can go meanwhile.
    smsc = await new Smsc({ systemId: "bank", password: "secret", holdAnswer: (n) => n === 1 }).start();
    const sending = dispatcherFor(smsChannel(1)).runOnce();
    await until(async () => smsc.submitted === 1);
    for (const code of ["KH04", ...phoneHouseholds(7).map((r) => r.customerCode)]) await optOut(code, "officer");
    smsc.releaseAnswers();
    const report = await sending;
    expect(report.sent).toBe(1);
    expect(report.skippedOther).toEqual({ "opted-out": 7 });
    expect(smsc.accepted).toHaveLength(1);
  });

  it("refuses a number that answered STOP, whoever's it is", async () => {
    await loadVillage(file("village.csv"));
    await plan(THREE_DAYS_BEFORE, { phoneChannels: ["sms"] });
    const channel = smsChannel();
    await channel.open();
    smsc.moMessage(KH04_PHONE, "Tu choi");
    await until(async () => (await ContactOptOutModel.findById("tel:+84912345604").lean()) !== null);
    smsc.moMessage("84912345602", "cam on"); // not a refusal
    expect(await dispatcherFor(channel).runOnce()).toMatchObject({ sent: 0, skippedOther: { "opted-out": 1 } });
    expect(smsc.submitted).toBe(0);
    expect((await ContactOptOutModel.find({}).lean()).filter((o) => o.by === "sms-stop")).toHaveLength(1);
    // The household itself did not refuse: its next number would get its reminders.
    expect(await isOptedOut("KH04")).toBe(false);
  });
});

describe("a reminder kind turned off is off on every channel", () => {
  it("is not planned by SMS, and not sent when turned off after planning", async () => {
    await loadVillage(file("village.csv"));
    await BorrowerAccountModel.create({ _id: "KH04", reminders: { interest: false } });
    const muted = await plan(THREE_DAYS_BEFORE, { phoneChannels: ["sms"] });
    expect(muted.channels.sms ?? 0).toBe(0);
    expect(muted.skipped.muted).toBe(1);

    await BorrowerAccountModel.updateOne({ _id: "KH04" }, { $set: { "reminders.interest": true } });
    expect((await plan("2026-12-19", { phoneChannels: ["sms"] })).channels.sms).toBe(1);
    await BorrowerAccountModel.updateOne({ _id: "KH04" }, { $set: { "reminders.interest": false } });
    expect(await dispatcherFor(smsChannel()).runOnce()).toMatchObject({ sent: 0, skippedOther: { muted: 1 } });
    expect(smsc.submitted).toBe(0);
  });
});

describe("a kind with no Zalo template", () => {
  it("goes by SMS where the household allows it, and the plan says so", async () => {
    const installment = {
      ...(FIXTURE_ROWS[3] as Row),
      customerCode: "KP900",
      fullName: "Ngô Thị Giang",
      loanNumber: "KUP900",
      phones: "0913 900 900",
      nextInstallmentOn: "20/12/2026",
      nextInstallmentAmount: "5000000",
    };
    await loadVillage(file("village.csv"), [installment]);
    const channels = {
      order: ["zns", "sms"] as ("sms" | "zns")[],
      smpp: null,
      zns: {
        appId: "1",
        secretKey: "secret-key",
        refreshToken: "refresh-token",
        templates: { interest: "300001" },
        perSecond: 10,
        apiRoot: "http://127.0.0.1:9",
        oauthRoot: "http://127.0.0.1:9",
      },
      prices: { smsPerSegment: null, znsPerMessage: null },
    };
    // The day before the 20th: interest for KH04 and KP900, and KP900's principal (no Zalo template).
    const report = await plan("2026-12-19", { phoneChannels: channels.order, carries: carriesKind(channels) });
    expect(report.channels).toMatchObject({ zns: 2, sms: 1 });
    expect(report.fallbacks).toEqual({ zns: 1 });
  });
});
