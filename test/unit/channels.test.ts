import { describe, expect, it } from "vitest";
import { loadChannelSettings } from "../../src/app/channelConfig.js";
import { ConfigError } from "../../src/app/config.js";
import { parseReceipt, SmppNotAcceptedError, SmppStatusError } from "../../src/delivery/channels/smppLink.js";
import { SmsChannel } from "../../src/delivery/channels/sms.js";
import { ZnsChannel, ZnsError, ZnsHttpError, ZnsNotSentError } from "../../src/delivery/channels/zns.js";
import { chooseChannel, phoneChannelFor, phoneRecipientNow } from "../../src/domain/channels.js";
import { priceUsage, tallyUsage } from "../../src/domain/costs.js";
import { isStopWord } from "../../src/domain/sms.js";
import { logger } from "../../src/logger.js";

const facts = (over: Partial<Parameters<typeof chooseChannel>[0]> = {}) => ({
  reachableChats: 0,
  phone: "+84912345678",
  optedOut: false,
  failed: new Set<"sms" | "zns">(),
  ...over,
});

describe("choosing a household's channel", () => {
  it("prefers Telegram, then the bank's order, skipping a channel that failed for good", () => {
    expect(chooseChannel(facts({ reachableChats: 1 }), ["sms"])).toBe("telegram");
    expect(chooseChannel(facts(), ["zns", "sms"])).toBe("zns");
    expect(chooseChannel(facts({ failed: new Set(["zns"]) }), ["zns", "sms"])).toBe("sms");
    expect(chooseChannel(facts({ failed: new Set(["zns", "sms"]) }), ["zns", "sms"])).toBeNull();
  });

  it("reaches nobody by phone without a phone, after an opt-out, or with no phone channel enabled", () => {
    expect(chooseChannel(facts({ phone: null }), ["sms"])).toBeNull();
    expect(chooseChannel(facts({ optedOut: true }), ["sms"])).toBeNull();
    expect(chooseChannel(facts({ optedOut: true, reachableChats: 2 }), ["sms"])).toBe("telegram");
    expect(chooseChannel(facts(), [])).toBeNull();
  });
});

describe("costs", () => {
  it("counts SMS by segment and Zalo by message, per commune, in whole đồng, those in doubt included", () => {
    const usage = tallyUsage([
      { communeCode: "X1", channel: "sms", segments: 1 },
      { communeCode: "X1", channel: "sms", segments: 2 },
      { communeCode: "X1", channel: "sms", segments: 1, inDoubt: true },
      { communeCode: "X1", channel: "zns", segments: 1 },
      { communeCode: "X2", channel: "telegram", segments: 1 },
    ]);
    expect(usage).toEqual([
      { communeCode: "X1", channel: "sms", messages: 3, segments: 4, inDoubt: 1 },
      { communeCode: "X1", channel: "zns", messages: 1, segments: 1, inDoubt: 0 },
    ]);
    expect(priceUsage(usage, { smsPerSegment: 750, znsPerMessage: null }).map((c) => c.cost)).toEqual([3_000, null]);
  });
});

describe("SMPP delivery receipts", () => {
  it("reads the id, state and error from the receipt text, or from its TLVs", () => {
    const text = {
      command: "deliver_sm",
      command_status: 0,
      sequence_number: 1,
      short_message: {
        message: "id:ab12 sub:001 dlvrd:000 submit date:2612020900 done date:2612020901 stat:UNDELIV err:011 text:",
      },
      isResponse: () => false,
      response: () => ({}) as never,
    };
    expect(parseReceipt(text)).toEqual({ messageId: "ab12", state: "UNDELIV", error: "011" });
    expect(parseReceipt({ ...text, receipted_message_id: "zz9", message_state: 2, short_message: "" })).toEqual({
      messageId: "zz9",
      state: "DELIVRD",
      error: null,
    });
    expect(parseReceipt({ ...text, short_message: "hello" })).toBeNull();
  });
});

describe("channel settings", () => {
  const sms = {
    PHONE_CHANNELS: "sms",
    SMPP_URL: "smpp://smsc.example.vn:2775",
    SMPP_SYSTEM_ID: "nhcsxh",
    SMPP_PASSWORD: "secret",
    SMS_SENDER: "NHCSXH",
  };

  it("uses no phone channel unless one is listed, and needs each listed one's settings", () => {
    expect(loadChannelSettings({}).order).toEqual([]);
    expect(loadChannelSettings({ SMPP_URL: "smpp://x:1" }).smpp).toBeNull();
    expect(loadChannelSettings(sms).smpp).toMatchObject({
      sender: "NHCSXH",
      perSecond: 10,
      window: 10,
      bind: "transceiver",
    });
    const missing = () => loadChannelSettings({ ...sms, PHONE_CHANNELS: "zns,sms", SMS_SENDER: "" });
    expect(missing).toThrow(ConfigError);
    expect(missing).toThrow(/SMS_SENDER: required[\s\S]*ZNS_APP_ID: required/);
  });

  it("refuses, in production, a link to the provider without TLS unless the line is declared private", () => {
    const prod = { ...sms, NODE_ENV: "production" };
    expect(() => loadChannelSettings(prod)).toThrow(/SMPP_URL: use ssmpp:\/\//);
    expect(loadChannelSettings({ ...prod, SMPP_URL: "ssmpp://smsc.example.vn:3550" }).smpp?.url).toBe(
      "ssmpp://smsc.example.vn:3550",
    );
    expect(loadChannelSettings({ ...prod, PHONE_CHANNELS_PLAINTEXT: "true" }).smpp?.url).toBe(sms.SMPP_URL);
    const zalo = {
      NODE_ENV: "production",
      PHONE_CHANNELS: "zns",
      ZNS_APP_ID: "123",
      ZNS_SECRET_KEY: "secret-key",
      ZNS_REFRESH_TOKEN: "refresh-token",
      ZNS_API_ROOT: "http://zalo.example.vn",
    };
    expect(() => loadChannelSettings(zalo)).toThrow(/ZNS_API_ROOT: use https:\/\//);
    // Outside production a test points them at stand-ins on loopback.
    expect(loadChannelSettings({ ...zalo, NODE_ENV: "test" }).zns?.apiRoot).toBe("http://zalo.example.vn");
  });

  it("refuses an unknown channel, a bad URL and a price that is not whole đồng", () => {
    expect(() => loadChannelSettings({ PHONE_CHANNELS: "sms,fax" })).toThrow(/fax/);
    expect(() => loadChannelSettings({ ...sms, SMPP_URL: "http://x" })).toThrow(/smpp:\/\//);
    expect(() => loadChannelSettings({ ...sms, SMS_PRICE_PER_SEGMENT: "750.5" })).toThrow(/whole đồng/);
    expect(loadChannelSettings({ ...sms, SMS_PRICE_PER_SEGMENT: "750" }).prices.smsPerSegment).toBe(750);
  });
});

describe("what a provider's answer means for the message", () => {
  const zns = new ZnsChannel(
    {
      appId: "1",
      secretKey: "secret-key",
      refreshToken: "refresh-token",
      templates: { interest: "1", principal: "2", overdue: "3" },
      perSecond: 10,
      apiRoot: "http://127.0.0.1:9",
      oauthRoot: "http://127.0.0.1:9",
    },
    logger,
  );
  it.each([
    ["-32, too many requests now", new ZnsError(-32, "x"), { outcome: "retry", reason: "zns-32", retryAfterMs: 1_000 }],
    [
      "-133, outside Zalo's hours",
      new ZnsError(-133, "x"),
      { outcome: "retry", reason: "zns-133", retryAfterMs: 900_000 },
    ],
    [
      "-144, the daily quota",
      new ZnsError(-144, "x"),
      { outcome: "retry", reason: "zns-144", retryAfterMs: 3_600_000 },
    ],
    ["-108, not a phone", new ZnsError(-108, "x"), { outcome: "unreachable", reason: "zns-108" }],
    ["-118, no Zalo account", new ZnsError(-118, "x"), { outcome: "unreachable", reason: "zns-118" }],
    ["-124, a token run out", new ZnsError(-124, "x"), { outcome: "retry", reason: "zns-124" }],
    ["-100, any other code", new ZnsError(-100, "x"), { outcome: "failed", reason: "zns-100" }],
    ["HTTP 502", new ZnsHttpError(502), { outcome: "retry", reason: "http502" }],
    ["HTTP 429", new ZnsHttpError(429), { outcome: "retry", reason: "http429", retryAfterMs: 1_000 }],
    ["HTTP 403", new ZnsHttpError(403), { outcome: "failed", reason: "http403" }],
    ["a connection refused", new ZnsNotSentError("ECONNREFUSED"), { outcome: "retry", reason: "zns-not-sent" }],
    ["no answer at all", new Error("socket hang up"), { outcome: "uncertain", reason: "zns-no-answer" }],
  ])("Zalo: %s", (_what, error, expected) => {
    expect(zns.classify(error)).toEqual(expected);
  });

  const sms = new SmsChannel(
    {
      url: "smpp://127.0.0.1:9",
      systemId: "bank",
      password: "secret",
      bind: "transceiver",
      sender: "NHCSXH",
      perSecond: 10,
      window: 2,
      enquireLinkSeconds: 30,
    },
    logger,
  );
  it.each([
    ["throttled (0x58)", new SmppStatusError(0x58), { outcome: "retry", reason: "smpp-0x58", retryAfterMs: 100 }],
    ["queue full (0x14)", new SmppStatusError(0x14), { outcome: "retry", reason: "smpp-0x14", retryAfterMs: 100 }],
    ["system error (0x08)", new SmppStatusError(0x08), { outcome: "retry", reason: "smpp-0x08" }],
    ["invalid destination (0x0b)", new SmppStatusError(0x0b), { outcome: "unreachable", reason: "smpp-0x0b" }],
    ["any other refusal (0x45)", new SmppStatusError(0x45), { outcome: "failed", reason: "smpp-0x45" }],
    ["not bound", new SmppNotAcceptedError("not-bound"), { outcome: "retry", reason: "smpp-not-bound" }],
    [
      "connection lost",
      new SmppNotAcceptedError("connection-lost"),
      { outcome: "retry", reason: "smpp-connection-lost" },
    ],
    ["anything else", new Error("boom"), { outcome: "uncertain", reason: "unexpected" }],
  ])("SMS: %s", (_what, error, expected) => {
    expect(sms.classify(error)).toEqual(expected);
  });
});

describe("the recipient of a phone message, at the moment it goes", () => {
  const facts = {
    phones: ["+84912345699"],
    householdOptedOut: false,
    numbersOptedOut: new Set<string>(),
    mutedKinds: new Set<string>(),
  };
  const planned = { address: "+84912345604", kind: "interest" };
  it("goes to the household's number now, re-addressed when the bank's data changed it", () => {
    expect(phoneRecipientNow(planned, facts)).toEqual({ go: true, address: "+84912345699" });
    expect(phoneRecipientNow(planned, { ...facts, phones: ["+84912345699", "+84912345604"] })).toEqual({
      go: true,
      address: "+84912345604",
    });
  });
  it("goes nowhere after a refusal, for a muted kind, or without a number", () => {
    expect(phoneRecipientNow(planned, { ...facts, householdOptedOut: true })).toEqual({
      go: false,
      exclusion: "opted-out",
    });
    expect(phoneRecipientNow(planned, { ...facts, numbersOptedOut: new Set(["+84912345699"]) })).toEqual({
      go: false,
      exclusion: "opted-out",
    });
    expect(phoneRecipientNow(planned, { ...facts, mutedKinds: new Set(["interest"]) })).toEqual({
      go: false,
      exclusion: "muted",
    });
    expect(phoneRecipientNow(planned, { ...facts, phones: [] })).toEqual({ go: false, exclusion: "no-phone" });
  });
  it("picks the first phone channel that carries the kind", () => {
    const household = { reachableChats: 0, phone: "+84912345699", optedOut: false, failed: new Set<"sms" | "zns">() };
    const zaloInterestOnly = (channel: string, kind: string) => channel === "sms" || kind === "interest";
    expect(phoneChannelFor(household, ["zns", "sms"], "interest", zaloInterestOnly)).toBe("zns");
    expect(phoneChannelFor(household, ["zns", "sms"], "principal", zaloInterestOnly)).toBe("sms");
    expect(phoneChannelFor(household, ["zns"], "principal", zaloInterestOnly)).toBeNull();
  });
  it.each([
    ["STOP", true],
    ["stop nhé", true],
    ["Từ chối", true],
    ["TU CHOI", true],
    ["Huỷ", true],
    ["không nhận", true],
    ["cảm ơn", false],
    ["", false],
  ])("reads %j as a refusal: %s", (text, refusal) => {
    expect(isStopWord(text)).toBe(refusal);
  });
});
