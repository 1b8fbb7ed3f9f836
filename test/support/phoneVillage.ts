import mongoose from "mongoose";
import { ensureIndexes } from "../../src/data/connection.js";
import type { SendChannel } from "../../src/delivery/channels/channel.js";
import type { SmppSettings, ZnsSettings } from "../../src/delivery/channels/settings.js";
import { Dispatcher } from "../../src/delivery/dispatcher.js";
import { logger } from "../../src/logger.js";
import type { Row } from "./files.js";
import { ALL_DAY, FIXTURE_ROWS, loadReminderFixture, planDay } from "./reminderFixture.js";
import type { Smsc } from "./smsc.js";
import type { ZnsStandIn } from "./znsStandIn.js";

/**
 * The reminder village with phones, for the SMS and Zalo tests: commune X1's transaction day is the
 * 20th, so interest reminders go 3 days and 1 day before.
 */
export const THREE_DAYS_BEFORE = "2026-12-17";
export const ONE_DAY_BEFORE = "2026-12-19";
/** KH04 (never linked) and KH02 (linked) have a phone; as the SMSC sees them. */
export const KH04_PHONE = "84912345604";
export const KH02_PHONE = "84912345602";

export const smppSettings = (smsc: Smsc, over: Partial<SmppSettings> = {}): SmppSettings => ({
  url: smsc.url,
  systemId: "bank",
  password: "secret",
  bind: "transceiver",
  sender: "NHCSXH",
  perSecond: 50,
  window: 5,
  enquireLinkSeconds: 30,
  ...over,
});

export const ZNS_APP = { appId: "1234567890", secretKey: "zalo-app-secret", refreshToken: "first-refresh-token" };
export const znsSettings = (standIn: ZnsStandIn, over: Partial<ZnsSettings> = {}): ZnsSettings => ({
  ...ZNS_APP,
  templates: { interest: "300001", principal: "300002", overdue: "300003" },
  perSecond: 50,
  apiRoot: standIn.root,
  oauthRoot: standIn.root,
  ...over,
});

/** The hand-made village, with phones: KH04 (never linked) and KH02 (linked) have one. */
export function villageRows(extra: Row[] = [], phones: Record<string, string> = {}): Row[] {
  const phonesOf: Record<string, string> = { KH04: "0912 345 604", KH02: "0912 345 602", ...phones };
  return [...FIXTURE_ROWS.map((r) => ({ ...r, phones: phonesOf[r.customerCode] ?? "" })), ...extra];
}

/** `count` more unlinked households of group G1 with a phone each and interest due on the 20th. */
export function phoneHouseholds(count: number): Row[] {
  return Array.from({ length: count }, (_, i) => ({
    ...(FIXTURE_ROWS[3] as Row),
    customerCode: `KP${String(i).padStart(3, "0")}`,
    fullName: `Đỗ Văn Phúc ${i}`,
    loanNumber: `KUP${i}`,
    phones: `0913 ${String(100_000 + i).slice(0, 3)} ${String(100_000 + i).slice(3)}`,
  }));
}

/** A fresh database holding the village (and `extra` rows). */
export async function loadVillage(path: string, extra: Row[] = []): Promise<void> {
  await mongoose.connection.dropDatabase();
  await ensureIndexes();
  await loadReminderFixture(path, villageRows(extra));
}

/**
 * The day being planned and sent: dispatchers made here stand at 10:00 of the last day planned, in
 * Vietnam.
 */
export function plannedDays() {
  let today = THREE_DAYS_BEFORE;
  const clock = () => new Date(`${today}T03:00:00Z`);
  return {
    clock,
    plan: (date: string, over: Parameters<typeof planDay>[1] = {}) => {
      today = date;
      return planDay(date, over);
    },
    dispatcherFor: (channel: SendChannel, config = ALL_DAY) =>
      new Dispatcher({ channel, config, closures: [], log: logger, now: clock }),
  };
}

/** Waits for what the product does (a receipt stored, a keep-alive sent); the bound only names a hang. */
export async function until(check: () => Promise<boolean>, timeoutMs = 45_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 25));
  }
}
