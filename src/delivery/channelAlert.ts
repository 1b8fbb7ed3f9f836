import type { I18n } from "@grammyjs/i18n";
import { markChannelDown, markChannelUp } from "../data/channels.js";
import { enqueueFixedBatch, type NewDelivery } from "../data/outbox.js";
import type { PhoneChannel } from "../domain/channels.js";
import { formatVietnamDateTime, vietnamDate } from "../domain/dates.js";
import { deliveryExpiresOn, deliveryKey } from "../domain/delivery.js";
import { escapeHtml } from "../domain/html.js";
import type { Logger } from "../logger.js";

const CHANNEL_NAMES: Record<PhoneChannel, string> = { sms: "SMS", zns: "Zalo" };

export interface AlertContext {
  channel: PhoneChannel;
  i18n: I18n;
  adminIds: readonly number[];
  log: Logger;
  now: Date;
}

/** The alert to each admin, by Telegram, once per event (its key names the channel and the instant). */
async function tellAdmins(ctx: AlertContext, key: "channel-down-alert" | "channel-up-alert", since: Date, reason = "") {
  if (ctx.adminIds.length === 0) return;
  const today = vietnamDate(ctx.now);
  const subject = `${ctx.channel}/${key}/${since.toISOString()}`;
  const text = ctx.i18n.t("vi", key, {
    channel: CHANNEL_NAMES[ctx.channel],
    since: formatVietnamDateTime(since),
    reason: escapeHtml(reason),
  });
  const deliveries: NewDelivery[] = ctx.adminIds.map((chatId) => ({
    _id: deliveryKey(`tg:${chatId}`, { kind: "channel-alert", subject, eventDate: today }),
    kind: "channel-alert",
    eventDate: today,
    expiresOn: deliveryExpiresOn("channel-alert", today, today),
    chatId,
    householdCode: null,
    groupCode: null,
    communeCode: null,
    text,
    language: "vi",
  }));
  await enqueueFixedBatch(`alert:${subject}`, "channel-alert", today, deliveries, { notBefore: ctx.now, now: ctx.now });
}

/**
 * After a run of a phone channel's dispatcher: the first process to find the provider down logs it at
 * error and tells the admins since when; the first message that goes again clears it and says so.
 */
export async function noteChannelState(
  ctx: AlertContext,
  report: { channelDown: { reason: string } | null; sent: number },
): Promise<void> {
  if (report.channelDown) {
    if (await markChannelDown(ctx.channel, report.channelDown.reason, ctx.now)) {
      ctx.log.error({ channel: ctx.channel, reason: report.channelDown.reason }, "channel down: its messages wait");
      await tellAdmins(ctx, "channel-down-alert", ctx.now, report.channelDown.reason);
    }
    return;
  }
  if (report.sent === 0) return;
  const since = await markChannelUp(ctx.channel);
  if (!since) return;
  ctx.log.info({ channel: ctx.channel, downSince: since }, "channel working again");
  await tellAdmins(ctx, "channel-up-alert", since);
}
