/**
 * Keeps outgoing messages inside Telegram's flood limits by design: about 30 messages a second
 * overall, 1 a second to one private chat, 20 a minute to one group. Each limit is a sliding window
 * (the strictest reading of Telegram's rule, and the one its servers and our fake server apply); a
 * small safety margin absorbs network jitter. Pure: the caller passes the clock.
 */
export interface TelegramLimits {
  globalPerSecond: number;
  privateChatPerSecond: number;
  groupChatPerMinute: number;
  safetyMarginMs: number;
}

interface Window {
  limit: number;
  spanMs: number;
}

/** Timestamps of the last `limit` sends; the next send may go when the oldest leaves the window. */
class SlidingWindow {
  private readonly sent: number[] = [];

  constructor(private readonly window: Window) {}

  waitMs(now: number): number {
    if (this.sent.length < this.window.limit) return 0;
    const oldest = this.sent[this.sent.length - this.window.limit] as number;
    return Math.max(0, oldest + this.window.spanMs - now);
  }

  record(now: number): void {
    this.sent.push(now);
    if (this.sent.length > this.window.limit * 2) this.sent.splice(0, this.sent.length - this.window.limit);
  }

  idleSince(now: number): boolean {
    const last = this.sent.at(-1);
    return last === undefined || now - last > this.window.spanMs;
  }
}

/** A chat id below zero is a group, supergroup or channel. */
const isGroupChat = (recipient: Recipient) => typeof recipient === "number" && recipient < 0;

/** A Telegram chat id, or a phone number for SMS and Zalo. */
type Recipient = number | string;

/**
 * Spreads messages evenly instead of in bursts of 30: a token bucket holding at most a tenth of a
 * second's worth, refilled at the global rate (slowed by the safety margin).
 */
class Smoother {
  private tokens: number;
  private last = Number.NEGATIVE_INFINITY;
  private readonly perMs: number;
  private readonly capacity: number;

  constructor(perSecond: number, marginMs: number) {
    this.perMs = perSecond / (1000 + marginMs);
    this.capacity = Math.max(1, Math.ceil(perSecond / 10));
    this.tokens = this.capacity;
  }

  private refill(now: number): void {
    if (now > this.last) {
      this.tokens = Math.min(this.capacity, this.tokens + (now - this.last) * this.perMs);
      this.last = now;
    }
  }

  waitMs(now: number): number {
    this.refill(now);
    return this.tokens >= 1 ? 0 : Math.ceil((1 - this.tokens) / this.perMs);
  }

  record(now: number): void {
    this.refill(now);
    this.tokens -= 1;
  }
}

export class SendPacer {
  private readonly global: SlidingWindow;
  private readonly smoother: Smoother | null;
  private readonly chats = new Map<Recipient, SlidingWindow>();
  private pausedUntil = 0;
  private recorded = 0;

  /** `smooth: false` keeps only the hard windows (for checking the instant a request really leaves). */
  constructor(
    private readonly limits: TelegramLimits,
    options: { smooth?: boolean } = {},
  ) {
    this.global = new SlidingWindow(windowFor(limits.globalPerSecond, 1000, limits.safetyMarginMs));
    this.smoother = options.smooth === false ? null : new Smoother(limits.globalPerSecond, limits.safetyMarginMs);
  }

  private chatWindow(chatId: Recipient): SlidingWindow {
    let window = this.chats.get(chatId);
    if (!window) {
      window = new SlidingWindow(
        isGroupChat(chatId)
          ? windowFor(this.limits.groupChatPerMinute, 60_000, this.limits.safetyMarginMs)
          : windowFor(this.limits.privateChatPerSecond, 1000, this.limits.safetyMarginMs),
      );
      this.chats.set(chatId, window);
    }
    return window;
  }

  /** Milliseconds until a message to this chat may go (0: now). */
  waitMs(chatId: Recipient, now: number): number {
    return Math.max(this.globalWaitMs(now), this.chatWindow(chatId).waitMs(now));
  }

  /** Milliseconds until any message may go, whatever the chat. */
  globalWaitMs(now: number): number {
    return Math.max(this.pausedUntil - now, this.global.waitMs(now), this.smoother?.waitMs(now) ?? 0, 0);
  }

  record(chatId: Recipient, now: number): void {
    this.global.record(now);
    this.smoother?.record(now);
    this.chatWindow(chatId).record(now);
    if (++this.recorded % 1000 === 0) this.forgetIdleChats(now);
  }

  /** After a 429, nothing goes out until Telegram's retry_after has passed. */
  pauseUntil(until: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, until);
  }

  private forgetIdleChats(now: number): void {
    for (const [chatId, window] of this.chats) if (window.idleSince(now)) this.chats.delete(chatId);
  }
}

/** 30 per 1,000 ms stays 30 per 1,000 ms; a rate below one (0.5/s) becomes 1 per 2,000 ms; 1.5/s rounds down. */
function windowFor(perSpan: number, spanMs: number, marginMs: number): Window {
  if (perSpan >= 1) return { limit: Math.floor(perSpan), spanMs: spanMs + marginMs };
  return { limit: 1, spanMs: Math.ceil(spanMs / perSpan) + marginMs };
}
