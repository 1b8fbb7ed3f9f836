import type { I18n } from "@grammyjs/i18n";
import type { Delivery, Outcome } from "../../data/dispatch.js";
import type { Closure } from "../../domain/transactionDay.js";
import type { Logger } from "../../logger.js";
import type { ChannelUnavailableError, SendChannel } from "../channels/channel.js";
import type { DeliverySettings } from "../settings.js";
import type { OutcomeRecorder } from "./outcomes.js";
import type { Pacing } from "./pacing.js";

/** What every part of one dispatcher shares: who it is, how it sends, its clock and its records. */
export interface DispatchContext {
  /** Identifies this dispatcher in leases and attempts. */
  readonly owner: string;
  readonly channel: SendChannel;
  readonly config: DeliverySettings;
  readonly log: Logger;
  /** Admins get the in-doubt list of what no officer's scope covers. */
  readonly adminIds: readonly number[];
  readonly i18n: I18n;
  readonly leaseMs: number;
  /** The clock that decides windows, leases and expiry (pacing uses real time). */
  now(): Date;
  closures(): readonly Closure[];
  readonly pacing: Pacing;
  readonly outcomes: OutcomeRecorder;
  /** The channel cannot take messages now: sending by it stops for this run (dispatch/pump.ts). */
  channelDown(error: ChannelUnavailableError): void;
  /** A message whose request got no answer: listed to its officers with its batch's other ones. */
  noteUncertain(delivery: Delivery): void;
}

export type FinalOutcome = Exclude<Outcome, "retry">;
/**
 * What sending one message came to: settled with an outcome, settled by another dispatcher, queued
 * again, or held back unattempted because the channel is down.
 */
export type SendResult = FinalOutcome | "taken" | "requeued" | "held";

export interface QueueItem {
  delivery: Delivery;
  attempt: number;
  readyAt: number;
  /** A crash left an earlier attempt in doubt: this one goes out marked "(gửi lại)". */
  resend?: boolean;
}

const MAX_BACKOFF_MS = 5 * 60_000;

/** How long to wait before attempt `attempt + 1`, doubling from the configured base. */
export function backoffMs(config: DeliverySettings, attempt: number): number {
  return Math.min(MAX_BACKOFF_MS, config.dispatch.retryBaseSeconds * 1000 * 2 ** (attempt - 1));
}
