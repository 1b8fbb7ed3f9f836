import type { CarriesKind, PhoneChannel } from "../../domain/channels.js";

/** The SMS and Zalo settings (read from the environment by app/channelConfig.ts). */

export interface SmppSettings {
  url: string;
  systemId: string;
  password: string;
  bind: "transceiver" | "transmitter";
  sender: string;
  perSecond: number;
  window: number;
  enquireLinkSeconds: number;
  /** A submit unanswered this long is in doubt, and the SMSC is taken as silent (default 30). */
  answerTimeoutSeconds?: number;
  /** How long a message waits for a lost link to bind again before its channel counts as down (default 10). */
  bindWaitSeconds?: number;
}

export interface ZnsSettings {
  appId: string;
  secretKey: string;
  refreshToken: string;
  templates: { interest?: string; principal?: string; overdue?: string };
  perSecond: number;
  /** The bank's templates show the customer code: only then does it go to Zalo. */
  customerCodeInTemplates?: boolean;
  apiRoot: string;
  oauthRoot: string;
}

export interface ChannelSettings {
  /** Phone channels in use, in the order they are tried. */
  order: PhoneChannel[];
  smpp: SmppSettings | null;
  zns: ZnsSettings | null;
  /** Whole đồng; null when not set (costs are then counted but not priced). */
  prices: { smsPerSegment: number | null; znsPerMessage: number | null };
}

/** SMS carries any text; Zalo only the kinds the bank registered a template for. */
export function carriesKind(settings: ChannelSettings): CarriesKind {
  return (channel, kind) =>
    channel === "sms" || Boolean(settings.zns?.templates[kind as keyof ZnsSettings["templates"]]);
}
