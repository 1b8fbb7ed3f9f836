import { expect, it } from "vitest";
import type { Delivery } from "../../src/data/dispatch.js";
import { DeliveryBatchModel, DeliveryOutcomeModel } from "../../src/data/models/index.js";
import { enqueueDeliveries, type NewDelivery } from "../../src/data/outbox.js";
import type { Exclusion, SendChannel } from "../../src/delivery/channels/channel.js";
import { classifySendError } from "../../src/delivery/classify.js";
import { Dispatcher } from "../../src/delivery/dispatcher.js";
import { addDays, vietnamDate } from "../../src/domain/dates.js";
import { logger } from "../../src/logger.js";
import { reminderConfigSchema } from "../../src/reminders/config.js";
import { WORKING_DAY_10AM } from "../support/clock.js";
import { useTestDatabase } from "../support/database.js";

useTestDatabase();

const MESSAGES = 60;
/** The queue is refilled when it is shorter than 50 (the dispatcher's low water at this pace). */
const REFILL_AT = MESSAGES - 49;

/**
 * A Telegram-like channel with one message in doubt at a time. The clock jumps past the lease while
 * the 10th message goes (a stall: a paused VM, a long GC, a renewal stuck behind a slow disk), and
 * the message during which the queue is refilled is held until that refill has read the batch's
 * history or has warned of the lapse, so that the message is in flight, unrecorded, meanwhile.
 */
class StallingChannel implements SendChannel {
  readonly name = "telegram" as const;
  readonly limits = { globalPerSecond: 20, privateChatPerSecond: 1, groupChatPerMinute: 20, safetyMarginMs: 0 };
  readonly maxInDoubt = 1;
  readonly resendsInDoubt = true;
  readonly sent: string[] = [];
  private preparations = 0;
  /** The refill is done with the batch: prepared it again, or told of the lapse and left it as it was. */
  refilled: () => void = () => {};
  private readonly batchPreparedAgain = new Promise<void>((resolve) => {
    this.refilled = resolve;
  });

  constructor(private readonly stall: () => void) {}

  recipientOf(delivery: Delivery): number {
    return delivery.chatId ?? 0;
  }

  async send(_delivery: Delivery, text: string): Promise<number> {
    this.sent.push(text);
    if (this.sent.length === REFILL_AT - 1) this.stall();
    if (this.sent.length === REFILL_AT) await this.batchPreparedAgain;
    return this.sent.length;
  }

  classify(error: unknown) {
    return classifySendError(error);
  }

  /** A batch's preparation asks this after reading its history: the second time, the refill's. */
  async excluded(): Promise<Map<string, Exclusion>> {
    if (++this.preparations === 2) this.refilled();
    return new Map();
  }

  async markUnreachable(): Promise<void> {}
}

it("a dispatcher whose batch lease ran out during a stall takes its own batch back without resending what it has in flight", {
  timeout: 60_000,
}, async () => {
  let now = new Date(WORKING_DAY_10AM);
  const config = reminderConfigSchema.parse({
    sendingWindows: [{ from: "00:00", to: "24:00" }],
    dispatch: { leaseSeconds: 60 },
    inDoubt: { broadcast: "resend-once" },
  });
  const today = vietnamDate(now);
  const deliveries: NewDelivery[] = Array.from({ length: MESSAGES }, (_, i) => ({
    _id: `lapse:${i}`,
    kind: "broadcast",
    eventDate: today,
    expiresOn: addDays(today, 1),
    chatId: 9_000 + i,
    householdCode: null,
    groupCode: null,
    communeCode: null,
    text: `Thông báo ${i}`,
    language: "vi",
  }));
  await enqueueDeliveries("lapse", today, deliveries, { batchSize: MESSAGES, notBefore: now, now });
  // Real time barely moves; the dispatcher's clock jumps ten minutes, past its sixty-second lease.
  const channel = new StallingChannel(() => {
    now = new Date(now.getTime() + 10 * 60_000);
  });
  const warnings: string[] = [];
  const log = Object.assign(Object.create(logger), {
    warn: (_fields: object, message: string) => {
      warnings.push(message);
      channel.refilled();
    },
  });
  const dispatcher = new Dispatcher({ channel, config, closures: [], log, now: () => now });

  const report = await dispatcher.runOnce();

  // The refill found the batch's lease run out and claimed it: its own, with a message in flight.
  expect((await DeliveryBatchModel.findOne({}).lean())?.claims).toBeGreaterThanOrEqual(2);
  expect(channel.sent).toHaveLength(MESSAGES);
  expect(new Set(channel.sent).size).toBe(MESSAGES);
  expect(report).toMatchObject({ sent: MESSAGES, uncertain: 0, resent: 0, leaseLapses: 1 });
  expect(warnings).toEqual(["a batch lease ran out while held"]);
  const outcomes = await DeliveryOutcomeModel.find({}, { outcome: 1 }).lean();
  expect(outcomes.map((o) => o.outcome)).toEqual(Array(MESSAGES).fill("sent"));
});
