import type { Delivery } from "../../data/dispatch.js";
import type { Channel } from "../../domain/channels.js";
import type { SendFailure } from "../classify.js";
import type { TelegramLimits } from "../sendPacer.js";

/** Why a planned delivery may no longer go to its recipient, checked against stored data when it is due. */
export type Exclusion = "unreachable" | "unlinked" | "opted-out" | "muted" | "no-phone";

/**
 * The provider cannot take messages now (the SMSC is unreachable, Zalo refuses the OA's token). Thrown
 * before a message's attempt is written, so no attempt is spent: the message waits, the dispatcher
 * stops sending by this channel until `retryAfterMs` has passed, and the messages go when it is back
 * (within their expiry).
 */
export class ChannelUnavailableError extends Error {
  constructor(
    readonly reason: string,
    readonly retryAfterMs: number,
  ) {
    super(`channel unavailable: ${reason}`);
  }
}

/** Whether a message may go at this moment, and to which address (a phone the bank's data gives now). */
export type Confirmation = { go: true; address?: string } | { go: false; exclusion: Exclusion };

/**
 * One way of sending (Telegram, SMS over SMPP, Zalo notifications), as the dispatcher sees it: how
 * fast it may send, to whom, and what an error means. Each channel gets its own dispatcher, with its
 * own lease and pacer, so a slow SMS provider never holds Telegram back.
 */
export interface SendChannel {
  readonly name: Channel;
  /** How fast it may send: overall, and per recipient (the pacer keys on `recipientOf`). */
  readonly limits: TelegramLimits;
  /** At most this many messages in doubt at once (an SMPP window), instead of `dispatch.maxInDoubt`. */
  readonly maxInDoubt?: number;
  /**
   * Whether a message a crash left in doubt may be sent again under its kind's policy (Telegram).
   * SMS and Zalo never resend it: it is recorded uncertain and listed for the officers.
   */
  readonly resendsInDoubt: boolean;
  recipientOf(delivery: Delivery): number | string;
  /** Sends; resolves with the provider's message id once it took the message, or throws. */
  send(delivery: Delivery, text: string): Promise<number | string>;
  classify(error: unknown): SendFailure;
  /** The deliveries among these that may no longer go, and why (stored data, read now). */
  excluded(deliveries: readonly Delivery[]): Promise<Map<string, Exclusion>>;
  /**
   * Asked just before each message's attempt is written (after the batch was claimed, perhaps
   * minutes earlier): may it still go, and to which address? A refusal or a new number recorded in
   * the meantime takes effect here.
   */
  confirm?(delivery: Delivery): Promise<Confirmation>;
  /** The provider refused the recipient for good: nothing more goes to it by this channel. */
  markUnreachable(delivery: Delivery, reason: string): Promise<void>;
  /**
   * Waits for room with the provider (an SMPP window, a valid token) before the attempt is written,
   * so that nothing waits between that write and the request; `releaseRoom` when the attempt was not
   * ours after all. Throws ChannelUnavailableError when the provider cannot take messages now.
   */
  reserveRoom?(): Promise<void>;
  releaseRoom?(): void;
  /** A new run of sending begins (views of stored marks are read afresh). */
  beginRun?(): void;
  /** Connects (binds) before the first message of a run. */
  open?(): Promise<void>;
  close?(): Promise<void>;
}
