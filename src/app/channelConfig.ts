import { z } from "zod";
import type { ChannelSettings } from "../delivery/channels/settings.js";
import { PHONE_CHANNELS, type PhoneChannel } from "../domain/channels.js";

export type { ChannelSettings };

import type { Branch } from "./branches.js";
import { ConfigError } from "./config.js";

/**
 * SMS (SMPP) and Zalo (ZNS) settings, from the environment: both are optional, and a channel is
 * used only when the bank has configured it and listed it in PHONE_CHANNELS. Secrets live here and
 * nowhere else; see the README's settings table and docs/channels.md.
 */

const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blankToUndefined, schema.optional());
const count = (what: string, min: number, max: number) =>
  z.coerce
    .number({ error: `expected a whole number (${what})` })
    .int(`expected a whole number (${what})`)
    .min(min, `expected at least ${min} (${what})`)
    .max(max, `expected at most ${max} (${what})`);
/** A price in whole đồng (no floating point for money). */
const price = z.coerce
  .number({ error: "expected a price in whole đồng, e.g. 750" })
  .int("expected a price in whole đồng, e.g. 750")
  .min(0, "expected a price in whole đồng, e.g. 750");

const channelSchema = z.object({
  /** The phone channels in use, in the order they are tried: "sms", "zns", "zns,sms"… */
  PHONE_CHANNELS: z.preprocess(blankToUndefined, z.string().optional()).transform((v, ctx) => {
    const listed = (v ?? "")
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
    const bad = listed.filter((c) => !(PHONE_CHANNELS as readonly string[]).includes(c));
    if (bad.length > 0) {
      ctx.addIssue({ code: "custom", message: `expected sms and/or zns, comma-separated; got ${bad.join(", ")}` });
      return z.NEVER;
    }
    return [...new Set(listed)] as PhoneChannel[];
  }),
  SMPP_URL: optional(
    z.string().regex(/^s?smpp:\/\/[^\s/]+(:\d+)?\/?$/, "expected smpp://host:port or ssmpp://host:port"),
  ),
  SMPP_SYSTEM_ID: optional(z.string().max(15, "expected at most 15 characters (SMPP system_id)")),
  SMPP_PASSWORD: optional(z.string().max(8, "expected at most 8 characters (SMPP password)")),
  SMPP_BIND: z.preprocess(blankToUndefined, z.enum(["transceiver", "transmitter"]).default("transceiver")),
  /** The registered brandname the messages come from (source_addr). */
  SMS_SENDER: optional(z.string().regex(/^[A-Za-z0-9 ._-]{1,11}$/, "expected a brandname of 1–11 letters or digits")),
  /** The provider's contract: messages per second, and unanswered submits at once (the window). */
  SMS_PER_SECOND: z.preprocess(blankToUndefined, count("messages per second", 1, 1000).default(10)),
  SMPP_WINDOW: z.preprocess(blankToUndefined, count("unanswered submits at once", 1, 64).default(10)),
  SMPP_ENQUIRE_LINK_SECONDS: z.preprocess(blankToUndefined, count("seconds", 5, 600).default(30)),
  /** A submit unanswered this long is in doubt, and the SMSC counts as silent. */
  SMPP_ANSWER_TIMEOUT_SECONDS: z.preprocess(blankToUndefined, count("seconds", 1, 600).default(30)),
  SMS_PRICE_PER_SEGMENT: optional(price),
  ZNS_APP_ID: optional(z.string().regex(/^\d{1,30}$/, "expected the numeric Zalo app id")),
  ZNS_SECRET_KEY: optional(z.string().min(8, "expected the Zalo app's secret key")),
  /** The OA refresh token to start from; each refresh returns a new one, kept in the database. */
  ZNS_REFRESH_TOKEN: optional(z.string().min(8, "expected the OA refresh token")),
  ZNS_TEMPLATE_INTEREST: optional(z.string().regex(/^\d{1,20}$/, "expected a numeric ZNS template id")),
  ZNS_TEMPLATE_PRINCIPAL: optional(z.string().regex(/^\d{1,20}$/, "expected a numeric ZNS template id")),
  ZNS_TEMPLATE_OVERDUE: optional(z.string().regex(/^\d{1,20}$/, "expected a numeric ZNS template id")),
  ZNS_PER_SECOND: z.preprocess(blankToUndefined, count("messages per second", 1, 1000).default(10)),
  ZNS_PRICE_PER_MESSAGE: optional(price),
  /** Zalo templates that show the customer code (the bank registered one with a customer_code field). */
  ZNS_TEMPLATE_CUSTOMER_CODE: z.preprocess(
    blankToUndefined,
    z.enum(["true", "false"], { error: "expected true or false" }).default("false"),
  ),
  /** A private line to the provider: plain smpp:// and http:// allowed in production. */
  PHONE_CHANNELS_PLAINTEXT: z.preprocess(
    blankToUndefined,
    z.enum(["true", "false"], { error: "expected true or false" }).default("false"),
  ),
  ZNS_API_ROOT: z.preprocess(blankToUndefined, z.url().default("https://business.openapi.zalo.me")),
  ZNS_OAUTH_ROOT: z.preprocess(blankToUndefined, z.url().default("https://oauth.zaloapp.com")),
});

export const NO_PHONE_CHANNELS: ChannelSettings = {
  order: [],
  smpp: null,
  zns: null,
  prices: { smsPerSegment: null, znsPerMessage: null },
};

/** Reads and checks the channel settings; a channel listed but not fully configured is an error. */
export function loadChannelSettings(env: NodeJS.ProcessEnv): ChannelSettings {
  const result = channelSchema.safeParse(env);
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`));
  }
  const e = result.data;
  const problems: string[] = [];
  const need = (channel: PhoneChannel, names: Record<string, unknown>) => {
    for (const [name, value] of Object.entries(names)) {
      if (value === undefined) problems.push(`${name}: required when PHONE_CHANNELS lists ${channel}`);
    }
  };
  const smppOn = e.PHONE_CHANNELS.includes("sms");
  const znsOn = e.PHONE_CHANNELS.includes("zns");
  if (smppOn) {
    need("sms", {
      SMPP_URL: e.SMPP_URL,
      SMPP_SYSTEM_ID: e.SMPP_SYSTEM_ID,
      SMPP_PASSWORD: e.SMPP_PASSWORD,
      SMS_SENDER: e.SMS_SENDER,
    });
  }
  // Several branches may each name their own OA in BRANCHES_FILE; branchChannelSettings then checks
  // that every branch has one.
  if (znsOn && !env.BRANCHES_FILE)
    need("zns", { ZNS_APP_ID: e.ZNS_APP_ID, ZNS_SECRET_KEY: e.ZNS_SECRET_KEY, ZNS_REFRESH_TOKEN: e.ZNS_REFRESH_TOKEN });
  // Names, amounts and tokens go over these links: in production only over TLS, unless the bank
  // says the line is private.
  if (env.NODE_ENV === "production" && e.PHONE_CHANNELS_PLAINTEXT !== "true") {
    if (smppOn && e.SMPP_URL?.startsWith("smpp://")) {
      problems.push("SMPP_URL: use ssmpp:// (TLS) in production, or PHONE_CHANNELS_PLAINTEXT=true for a private line");
    }
    for (const [name, url] of [
      ["ZNS_API_ROOT", e.ZNS_API_ROOT],
      ["ZNS_OAUTH_ROOT", e.ZNS_OAUTH_ROOT],
    ] as const) {
      if (znsOn && url.startsWith("http://")) problems.push(`${name}: use https:// in production`);
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return {
    order: e.PHONE_CHANNELS,
    smpp: smppOn
      ? {
          url: e.SMPP_URL as string,
          systemId: e.SMPP_SYSTEM_ID as string,
          password: e.SMPP_PASSWORD as string,
          bind: e.SMPP_BIND,
          sender: e.SMS_SENDER as string,
          perSecond: e.SMS_PER_SECOND,
          window: e.SMPP_WINDOW,
          enquireLinkSeconds: e.SMPP_ENQUIRE_LINK_SECONDS,
          answerTimeoutSeconds: e.SMPP_ANSWER_TIMEOUT_SECONDS,
        }
      : null,
    zns: znsOn
      ? {
          appId: e.ZNS_APP_ID ?? "",
          secretKey: e.ZNS_SECRET_KEY ?? "",
          refreshToken: e.ZNS_REFRESH_TOKEN ?? "",
          templates: {
            ...(e.ZNS_TEMPLATE_INTEREST ? { interest: e.ZNS_TEMPLATE_INTEREST } : {}),
            ...(e.ZNS_TEMPLATE_PRINCIPAL ? { principal: e.ZNS_TEMPLATE_PRINCIPAL } : {}),
            ...(e.ZNS_TEMPLATE_OVERDUE ? { overdue: e.ZNS_TEMPLATE_OVERDUE } : {}),
          },
          perSecond: e.ZNS_PER_SECOND,
          customerCodeInTemplates: e.ZNS_TEMPLATE_CUSTOMER_CODE === "true",
          apiRoot: e.ZNS_API_ROOT,
          oauthRoot: e.ZNS_OAUTH_ROOT,
        }
      : null,
    prices: { smsPerSegment: e.SMS_PRICE_PER_SEGMENT ?? null, znsPerMessage: e.ZNS_PRICE_PER_MESSAGE ?? null },
  };
}

/**
 * One branch's channels: the deployment's, with the branch's own SMS brandname and Zalo OA where
 * BRANCHES_FILE names them. A branch's OA brings its own templates (template ids belong to an app).
 */
export function branchChannelSettings(settings: ChannelSettings, branch: Branch): ChannelSettings {
  const { smsSender, zns } = branch.channels;
  const where = `BRANCHES_FILE branch ${branch.code}`;
  const problems: string[] = [];
  if (smsSender && !settings.smpp) problems.push(`${where} smsSender: PHONE_CHANNELS does not list sms`);
  if (zns && !settings.zns) problems.push(`${where} zns: PHONE_CHANNELS does not list zns`);
  if (settings.zns && !zns && !settings.zns.appId) {
    problems.push(`${where} zns: required when PHONE_CHANNELS lists zns and ZNS_APP_ID is not set`);
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return {
    ...settings,
    smpp: settings.smpp && smsSender ? { ...settings.smpp, sender: smsSender } : settings.smpp,
    zns: settings.zns && zns ? { ...settings.zns, ...zns } : settings.zns,
  };
}
