import type { Api } from "grammy";
import type { Delivery } from "../../data/dispatch.js";
import { unlinkedDeliveries } from "../../data/outboxForget.js";
import { markUnreachable, UnreachableMarks } from "../../data/unreachable.js";
import { classifySendError, type SendFailure } from "../classify.js";
import { mediaOf, sendRendered } from "../send.js";
import type { TelegramLimits } from "../sendPacer.js";
import type { Exclusion, SendChannel } from "./channel.js";

/** Telegram chats through the Bot API. */
export class TelegramChannel implements SendChannel {
  readonly name = "telegram" as const;
  readonly resendsInDoubt = true;
  /** The unreachable marks as this run of sending sees them (fresh for each run). */
  private unreachable = new UnreachableMarks();

  constructor(
    private readonly api: Api,
    readonly limits: TelegramLimits,
  ) {}

  recipientOf(delivery: Delivery): number {
    return delivery.chatId ?? 0;
  }

  async send(delivery: Delivery, text: string): Promise<number> {
    const buttons = (delivery as { buttons?: { text: string; data: string }[] | null }).buttons;
    const sent = await sendRendered(this.api, this.recipientOf(delivery), text, mediaOf(delivery.media), buttons);
    return sent.message_id;
  }

  classify(error: unknown): SendFailure {
    return classifySendError(error);
  }

  beginRun(): void {
    this.unreachable = new UnreachableMarks();
  }

  /** Its owner may have unlinked since it was planned, or the chat blocked the bot. */
  async excluded(deliveries: readonly Delivery[]): Promise<Map<string, Exclusion>> {
    const withChat = deliveries.filter((d): d is Delivery & { chatId: number } => typeof d.chatId === "number");
    const [unreachable, unlinked] = await Promise.all([
      this.unreachable.among(withChat.map((d) => d.chatId)),
      unlinkedDeliveries(withChat),
    ]);
    const excluded = new Map<string, Exclusion>();
    for (const d of withChat) {
      if (unreachable.has(d.chatId)) excluded.set(d._id, "unreachable");
      else if (unlinked.has(d._id)) excluded.set(d._id, "unlinked");
    }
    return excluded;
  }

  async markUnreachable(delivery: Delivery, reason: string): Promise<void> {
    const chatId = this.recipientOf(delivery);
    await markUnreachable(chatId, delivery.householdCode ?? null, reason);
    this.unreachable.add(chatId);
  }
}
