import { markChannelFailure, optedOutAmong, phoneRecipientFacts } from "../../data/channels.js";
import type { Delivery } from "../../data/dispatch.js";
import { type PhoneChannel, phoneRecipientNow } from "../../domain/channels.js";
import type { SendFailure } from "../classify.js";
import type { TelegramLimits } from "../sendPacer.js";
import type { Confirmation, Exclusion, SendChannel } from "./channel.js";

/**
 * What SMS and Zalo share: they reach a household's phone, pace at the provider's rate (one message
 * a second to one number at most), check each message just before it goes (the household's number
 * now, refusals, muted kinds), record a number the provider refuses for good as a failure of that
 * channel, and never resend a message in doubt.
 */
export abstract class PhoneSendChannel implements SendChannel {
  abstract readonly name: PhoneChannel;
  readonly resendsInDoubt = false;
  readonly limits: TelegramLimits;

  constructor(perSecond: number) {
    this.limits = { globalPerSecond: perSecond, privateChatPerSecond: 1, groupChatPerMinute: 20, safetyMarginMs: 5 };
  }

  recipientOf(delivery: Delivery): string {
    return delivery.address ?? "";
  }

  /** "+84912345678" → "84912345678": the international number without the plus, as providers take it. */
  protected internationalNumber(delivery: Delivery): string {
    return this.recipientOf(delivery).replace(/^\+/, "");
  }

  /** A household that opted out since it was planned gets nothing. */
  async excluded(deliveries: readonly Delivery[]): Promise<Map<string, Exclusion>> {
    const codes = deliveries.flatMap((d) => (d.householdCode ? [d.householdCode] : []));
    const optedOut = await optedOutAmong(codes);
    const excluded = new Map<string, Exclusion>();
    for (const d of deliveries) if (d.householdCode && optedOut.has(d.householdCode)) excluded.set(d._id, "opted-out");
    return excluded;
  }

  /**
   * The number a message goes to is the household's now: a number the bank's data no longer gives
   * it may belong to someone else by now, so a changed number re-addresses the message, and no
   * number at all drops it.
   */
  async confirm(delivery: Delivery): Promise<Confirmation> {
    if (!delivery.householdCode) return { go: true };
    const facts = await phoneRecipientFacts(delivery.householdCode, delivery.address ?? null);
    const now = phoneRecipientNow({ address: delivery.address ?? null, kind: delivery.kind }, facts);
    return now.go ? { go: true, address: now.address } : now;
  }

  async markUnreachable(delivery: Delivery, reason: string): Promise<void> {
    if (delivery.householdCode) await markChannelFailure(this.name, delivery.householdCode, reason);
  }

  abstract send(delivery: Delivery, text: string): Promise<string>;
  abstract classify(error: unknown): SendFailure;
}
