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

/** Whether a phone channel can carry a kind of message (Zalo: only kinds with a registered template). */
export type CarriesKind = (channel: PhoneChannel, kind: string) => boolean;

/**
 * The phone channel for one reminder: the first, in the bank's order, that has not failed for this
 * household and can carry the reminder's kind (a kind with no Zalo template falls to SMS); none when
 * the household has no phone or refused SMS and Zalo.
 */
export function phoneChannelFor(
  facts: ChannelFacts,
  enabled: readonly PhoneChannel[],
  kind: string,
  carries: CarriesKind,
): PhoneChannel | null {
  if (!facts.phone || facts.optedOut) return null;
  return enabled.find((c) => !facts.failed.has(c) && carries(c, kind)) ?? null;
}

/** What is true of a household's phone now, read just before a message to it is handed over. */
export interface PhoneRecipientFacts {
  /** Its phones as the bank's data has them now ("+84…"), first the main one. */
  phones: readonly string[];
  /** The household refused SMS and Zalo (itself or through an officer). */
  householdOptedOut: boolean;
  /** Numbers whose owner refused them (STOP by SMS), among the household's and the planned one. */
  numbersOptedOut: ReadonlySet<string>;
  /** Reminder kinds the household turned off in /settings. */
  mutedKinds: ReadonlySet<string>;
}

export type PhoneRecipient =
  | { go: true; address: string }
  | { go: false; exclusion: "opted-out" | "muted" | "no-phone" };

/**
 * Whether a planned message to a household's phone may go now, and to which number: the household's
 * current number, never one the bank's data no longer gives it (numbers are re-issued to other
 * people); nothing after a refusal of the household or of the number, or for a kind it turned off.
 */
export function phoneRecipientNow(
  planned: { address: string | null; kind: string },
  facts: PhoneRecipientFacts,
): PhoneRecipient {
  if (facts.householdOptedOut) return { go: false, exclusion: "opted-out" };
  if (facts.mutedKinds.has(planned.kind)) return { go: false, exclusion: "muted" };
  const address = planned.address && facts.phones.includes(planned.address) ? planned.address : facts.phones[0];
  if (!address) return { go: false, exclusion: "no-phone" };
  if (facts.numbersOptedOut.has(address)) return { go: false, exclusion: "opted-out" };
  return { go: true, address };
}
