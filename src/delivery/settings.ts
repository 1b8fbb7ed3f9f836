import { z } from "zod";
import { addDays, vietnamDate, vietnamInstant, vietnamMinutes } from "../domain/dates.js";
import { DELIVERY_KINDS, type DeliveryKind } from "../domain/delivery.js";
import type { Closure } from "../domain/transactionDay.js";

const inDoubtPolicy = z.enum(["resend-once", "report"]);
export type InDoubtPolicy = z.infer<typeof inDoubtPolicy>;
const DEFAULT_IN_DOUBT_POLICY: Record<DeliveryKind, InDoubtPolicy> = {
  interest: "resend-once",
  principal: "resend-once",
  overdue: "resend-once",
  broadcast: "resend-once",
  "collection-list": "report",
  "overdue-list": "report",
  "officer-summary": "report",
  // Only officers read it; a repeat misleads nobody, and reporting a report would go round in circles.
  "in-doubt-report": "resend-once",
  "channel-alert": "resend-once",
  "disaster-notice": "resend-once",
  "payment-recorded": "resend-once",
};

const TIME_OF_DAY = /^(([01]\d|2[0-3]):[0-5]\d|24:00)$/;
export const timeOfDay = z.string().regex(TIME_OF_DAY, "expected HH:MM (00:00–24:00)");

/**
 * How the dispatcher sends, whatever it sends: the bank's sending windows, Telegram's flood limits,
 * and the outbox's batches and leases. Part of the sending settings file (REMINDERS_CONFIG_FILE).
 */
export const deliverySettingsShape = {
  /** Local (Asia/Ho_Chi_Minh) sending windows, as the bank's SMS service uses. */
  sendingWindows: z
    .array(
      z.object({ from: timeOfDay, to: timeOfDay }).refine(
        // Only once both ends are valid times (a bad one is reported on its own).
        (w) => !TIME_OF_DAY.test(w.from) || !TIME_OF_DAY.test(w.to) || w.from < w.to,
        "a window must end after it starts",
      ),
    )
    .min(1)
    .default([
      { from: "07:00", to: "11:30" },
      { from: "13:00", to: "17:00" },
    ]),
  /** Telegram's flood limits; a benchmark against a scaled fake server scales them together. */
  telegramLimits: z
    .object({
      globalPerSecond: z.number().positive().default(30),
      privateChatPerSecond: z.number().positive().default(1),
      groupChatPerMinute: z.number().positive().default(20),
      /** Added to every window so that network jitter cannot squeeze one message too many into it. */
      safetyMarginMs: z.number().int().min(0).max(1000).default(30),
    })
    .prefault({}),
  dispatch: z
    .object({
      /** Deliveries per batch; a batch is the unit a dispatcher leases. */
      batchSize: z.number().int().min(1).max(10_000).default(500),
      leaseSeconds: z.number().min(1).max(3600).default(60),
      maxAttempts: z.number().int().min(1).max(20).default(5),
      retryBaseSeconds: z.number().min(0).max(600).default(2),
      /**
       * Messages whose attempt is on record but whose outcome is not yet: at most this many. They are
       * the requests in flight plus successes not yet written, so after a crash no more than this many
       * deliveries are in doubt. The pacer, not this, keeps the rate; this must only be large enough
       * for the rate (8 carries 300 messages a second when a round trip and its write take 25 ms).
       */
      maxInDoubt: z.number().int().min(1).max(64).default(8),
      idlePollSeconds: z.number().min(0.05).max(3600).default(30),
    })
    .prefault({}),
  /**
   * What happens, per kind, to a delivery a crash left in doubt (its request may or may not have
   * reached Telegram): "resend-once" sends it again, once for that crash, marked "(gửi lại)" (within
   * dispatch.maxAttempts in all); "report" leaves it unsent and lists it to the officers of its
   * commune the same day. Telegram has no idempotency key,
   * so it is one or the other. A missed payment date costs a borrower more than a repeated reminder;
   * a list or summary sent twice could be read as two.
   */
  inDoubt: z
    .object(
      Object.fromEntries(
        DELIVERY_KINDS.map((kind) => [kind, inDoubtPolicy.default(DEFAULT_IN_DOUBT_POLICY[kind])]),
      ) as Record<DeliveryKind, z.ZodDefault<typeof inDoubtPolicy>>,
    )
    .prefault({}),
};
export const deliverySettingsSchema = z.object(deliverySettingsShape);
export type DeliverySettings = z.infer<typeof deliverySettingsSchema>;

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));

/**
 * The earliest instant at or after `now` inside a sending window on a day that is not a closure
 * (e.g. Tết). Work that falls outside waits for the next window.
 */
export function nextSendingTime(
  now: Date,
  settings: Pick<DeliverySettings, "sendingWindows">,
  closures: readonly Closure[],
): Date {
  const windows = [...settings.sendingWindows].sort((a, b) => (a.from < b.from ? -1 : 1));
  let date = vietnamDate(now);
  for (let i = 0; i < 400; i++, date = addDays(date, 1)) {
    if (closures.some((c) => c.from <= date && date <= c.to)) continue;
    for (const w of windows) {
      const start = vietnamInstant(date, w.from);
      const end = vietnamInstant(date, w.to);
      if (i === 0 && now >= start && now < end) return now;
      if (start >= now) return start;
    }
  }
  throw new Error("no sending window within 400 days");
}

export function isInSendingWindow(
  now: Date,
  settings: Pick<DeliverySettings, "sendingWindows">,
  closures: readonly Closure[],
): boolean {
  const date = vietnamDate(now);
  if (closures.some((c) => c.from <= date && date <= c.to)) return false;
  const minutes = vietnamMinutes(now);
  return settings.sendingWindows.some((w) => minutes >= minutesOf(w.from) && minutes < minutesOf(w.to));
}
