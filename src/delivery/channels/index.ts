import type { Logger } from "../../logger.js";
import type { SendChannel } from "./channel.js";
import type { ChannelSettings } from "./settings.js";
import { SmsChannel } from "./sms.js";
import { ZnsChannel } from "./zns.js";

/** The SMS and Zalo channels the bank has configured, each to get its own dispatcher. */
export function phoneSendChannels(settings: ChannelSettings, log: Logger): SendChannel[] {
  const channels: SendChannel[] = [];
  if (settings.smpp) channels.push(new SmsChannel(settings.smpp, log.child({ channel: "sms" })));
  if (settings.zns) channels.push(new ZnsChannel(settings.zns, log.child({ channel: "zns" })));
  return channels;
}
