/**
 * The ways a message can reach someone. Telegram for linked, reachable chats; then SMS and Zalo
 * notifications (ZNS), in the order the bank enables them, for households with a phone on file.
 */
export const CHANNELS = ["telegram", "sms", "zns"] as const;
export type Channel = (typeof CHANNELS)[number];
/** The channels that reach a phone number rather than a Telegram chat. */
export type PhoneChannel = Exclude<Channel, "telegram">;
export const PHONE_CHANNELS: readonly PhoneChannel[] = ["sms", "zns"];

export function isChannel(value: unknown): value is Channel {
  return typeof value === "string" && (CHANNELS as readonly string[]).includes(value);
}

export interface ChannelFacts {
  /** Linked chats Telegram still reaches. */
  reachableChats: number;
  /** The household's first phone on file ("+84…"), if any. */
  phone: string | null;
  /** The household asked for no SMS or Zalo messages. */
  optedOut: boolean;
  /** Phone channels that failed for this household for good (an invalid number, not on Zalo). */
  failed: ReadonlySet<PhoneChannel>;
}

/**
 * The one channel a reminder goes by, decided when it is planned: Telegram when a linked chat is
 * reachable; else the first phone channel the bank enabled, in its order, that has not failed for
 * this household for good; else none.
 */
export function chooseChannel(facts: ChannelFacts, enabled: readonly PhoneChannel[]): Channel | null {
  if (facts.reachableChats > 0) return "telegram";
  if (!facts.phone || facts.optedOut) return null;
  return enabled.find((c) => !facts.failed.has(c)) ?? null;
}
