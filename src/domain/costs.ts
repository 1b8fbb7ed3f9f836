import type { PhoneChannel } from "./channels.js";
import type { Dong } from "./money.js";

/** What SMS and Zalo cost: the bank's contract prices, in whole đồng (null when not set). */
export interface ChannelPrices {
  smsPerSegment: Dong | null;
  znsPerMessage: Dong | null;
}

/**
 * Messages one channel sent in one commune, and the SMS segments they were billed as. `messages`
 * counts those in doubt too (the provider may have taken and billed them); `inDoubt` says how many.
 */
export interface ChannelUsage {
  communeCode: string;
  channel: PhoneChannel;
  messages: number;
  segments: number;
  inDoubt: number;
}

export interface ChannelCost extends ChannelUsage {
  /** Estimated cost in đồng; null when the channel's price is not set. */
  cost: Dong | null;
}

/** Adds up messages sent or in doubt, and their segments, per commune and channel. */
export function tallyUsage(
  sent: readonly { communeCode: string | null; channel: string; segments: number; inDoubt?: boolean }[],
): ChannelUsage[] {
  const byKey = new Map<string, ChannelUsage>();
  for (const s of sent) {
    if (s.channel !== "sms" && s.channel !== "zns") continue;
    const communeCode = s.communeCode ?? "";
    const key = `${communeCode}|${s.channel}`;
    const usage = byKey.get(key) ?? { communeCode, channel: s.channel, messages: 0, segments: 0, inDoubt: 0 };
    usage.messages += 1;
    usage.segments += s.segments;
    if (s.inDoubt) usage.inDoubt += 1;
    byKey.set(key, usage);
  }
  return [...byKey.values()].sort(
    (a, b) => a.communeCode.localeCompare(b.communeCode) || a.channel.localeCompare(b.channel),
  );
}

/** SMS are billed per segment, Zalo notifications per message; integer đồng throughout. */
export function priceUsage(usage: readonly ChannelUsage[], prices: ChannelPrices): ChannelCost[] {
  return usage.map((u) => {
    const price = u.channel === "sms" ? prices.smsPerSegment : prices.znsPerMessage;
    const units = u.channel === "sms" ? u.segments : u.messages;
    return { ...u, cost: price === null ? null : price * units };
  });
}
