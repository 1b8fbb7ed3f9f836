import type { TelegramLimits } from "../sendPacer.js";
import { SendPacer } from "../sendPacer.js";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The flood limits, kept twice: `pacer` when a message is taken up (before its attempt is written),
 * and `departures` at the instant each request really leaves, after that write took however long.
 * Pacing always uses real time, whatever clock decides windows and expiry.
 */
export class Pacing {
  readonly pacer: SendPacer;
  private readonly departures: SendPacer;

  constructor(limits: TelegramLimits) {
    this.pacer = new SendPacer(limits);
    this.departures = new SendPacer(limits, { smooth: false });
  }

  async waitForDeparture(recipient: number | string): Promise<void> {
    for (let wait = this.departures.waitMs(recipient, Date.now()); wait > 0; ) {
      await sleep(wait);
      wait = this.departures.waitMs(recipient, Date.now());
    }
  }

  recordDeparture(recipient: number | string): void {
    this.departures.record(recipient, Date.now());
  }

  /** The provider asked to wait (429 retry_after): nothing leaves before then. */
  pauseUntil(ms: number): void {
    this.pacer.pauseUntil(ms);
    this.departures.pauseUntil(ms);
  }

  /** Waits for a slot within the limits and takes it, for a message sent outside the outbox. */
  async reserve(chatId: number): Promise<void> {
    for (;;) {
      const now = Date.now();
      const wait = Math.max(this.pacer.waitMs(chatId, now), this.departures.waitMs(chatId, now));
      if (wait === 0) break;
      await sleep(wait);
    }
    const now = Date.now();
    this.pacer.record(chatId, now);
    this.departures.record(chatId, now);
  }
}
