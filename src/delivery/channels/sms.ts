import smpp from "smpp";
import { appendAudit } from "../../data/audit.js";
import { deliveryByProviderId, optOutNumber, type ReceiptTarget, saveReceipt } from "../../data/channels.js";
import type { Delivery } from "../../data/dispatch.js";
import { normalizeVnPhone } from "../../domain/phone.js";
import { isStopWord } from "../../domain/sms.js";
import type { Logger } from "../../logger.js";
import { safeError } from "../../logger.js";
import { receiptsUnmatched } from "../../metrics.js";
import type { SendFailure } from "../classify.js";
import { ChannelUnavailableError } from "./channel.js";
import { PhoneSendChannel } from "./phone.js";
import type { SmppSettings } from "./settings.js";
import {
  SmppEncodingError,
  SmppLink,
  SmppNoAnswerError,
  SmppNotAcceptedError,
  type SmppReceipt,
  SmppStatusError,
} from "./smppLink.js";

/** SMSC statuses that mean "not now": paced like Telegram's 429, then sent again. */
const PACE_STATUSES = new Set([smpp.ESME_RTHROTTLED, smpp.ESME_RMSGQFUL]);
/** The SMSC could not take it this time (a system error): sent again after the usual delay. */
const RETRY_STATUSES = new Set([smpp.ESME_RSYSERR]);
/** The number itself is wrong: no SMS will reach it. */
const UNREACHABLE_STATUSES = new Set([smpp.ESME_RINVDSTADR]);
/**
 * How long to hold back after a throttling answer. The SMSC gives no figure; its counting second
 * rolls over within one, and the pacer already keeps to the contract, so a short pause suffices.
 */
const THROTTLE_PAUSE_MS = 100;
/** How long a message waits for the link to come back before the channel counts as down. */
const DEFAULT_BIND_WAIT_SECONDS = 10;
/** A channel found without a link is tried again after this pause. */
const DOWN_PAUSE_MS = 10_000;
/**
 * After the SMSC left a submit unanswered, one message at a time probes it, the first after this
 * pause, each next after twice the last, up to the cap: a silent hour costs a handful of messages
 * in doubt, not the day's.
 */
const SILENT_PAUSE_MS = 10_000;
const SILENT_PAUSE_CAP_MS = 10 * 60_000;
/** Receipts usually follow within minutes; ids older than this many messages are looked up in the database. */
const RECENT_IDS = 50_000;

const FINAL_DELIVERED = new Set(["DELIVRD"]);
/** States on the way, after which the SMSC sends another receipt. */
const NOT_FINAL = new Set(["ENROUTE", "ACCEPTD", "UNKNOWN"]);

/** SMS through the provider's SMSC, over SMPP 3.4. */
export class SmsChannel extends PhoneSendChannel {
  readonly name = "sms" as const;
  readonly maxInDoubt: number;
  private readonly link: SmppLink;
  /** The deliveries of recent message ids, for receipts (bounded; the database answers older ones). */
  private readonly recent = new Map<string, ReceiptTarget>();
  private readonly receiptWrites = new Set<Promise<void>>();
  /** Which SMSC this is, in message ids: "<system id>@<host:port>". */
  private readonly smsc: string;
  /** While the SMSC is silent: when the next probe may go, and the pause after it. */
  private probeAt = 0;
  private silentPauseMs = SILENT_PAUSE_MS;

  constructor(
    private readonly settings: SmppSettings,
    private readonly log: Logger,
  ) {
    // The pace at which messages are taken up; the link keeps the contract when each reserves its place.
    super(settings.perSecond);
    // A window of submits awaiting their answer, and as many answered ones awaiting their write.
    this.maxInDoubt = 2 * settings.window;
    this.smsc = `${settings.systemId}@${new URL(settings.url.replace(/^s?smpp:/, "http:")).host}`;
    this.link = new SmppLink(
      settings,
      log,
      (receipt) => this.onReceipt(receipt),
      (from, text) => this.onMessage(from, text),
    );
  }

  async open(): Promise<void> {
    await this.link.open().catch((error) => {
      // The link keeps trying; sends wait for it (WAIT_FOR_BIND_MS) and are queued again meanwhile.
      this.log.warn({ err: safeError(error) }, "SMPP bind failed; sending waits for the link");
    });
  }

  /**
   * A place in the window, once the link is bound. No link within the wait, or an SMSC that left a
   * submit unanswered and has answered none since: the channel is down, the message waits unspent.
   */
  async reserveRoom(): Promise<void> {
    if (!this.link.isBound) await this.link.ready((this.settings.bindWaitSeconds ?? DEFAULT_BIND_WAIT_SECONDS) * 1000);
    if (!this.link.isBound) throw new ChannelUnavailableError("smsc: no connection", DOWN_PAUSE_MS);
    const probe = this.probeSilentSmsc();
    await this.link.reserve();
    // The SMSC may have fallen silent while this one waited for its place.
    if (this.link.isSilent && !probe) {
      this.link.release();
      throw this.notAnswering();
    }
  }

  /**
   * While the SMSC is silent, only a probe now and then goes; the others wait. Returns whether this
   * message is the probe; throws when it must wait.
   */
  private probeSilentSmsc(): boolean {
    if (!this.link.isSilent) {
      this.probeAt = 0;
      this.silentPauseMs = SILENT_PAUSE_MS;
      return false;
    }
    const now = Date.now();
    if (this.probeAt === 0) this.probeAt = now + this.silentPauseMs;
    if (now < this.probeAt || this.link.outstanding > 0) throw this.notAnswering();
    this.silentPauseMs = Math.min(SILENT_PAUSE_CAP_MS, this.silentPauseMs * 2);
    this.probeAt = now + this.silentPauseMs;
    return true;
  }

  private notAnswering(): ChannelUnavailableError {
    if (this.probeAt === 0) this.probeAt = Date.now() + this.silentPauseMs;
    return new ChannelUnavailableError("smsc: not answering", Math.max(1_000, this.probeAt - Date.now()));
  }

  releaseRoom(): void {
    this.link.release();
  }

  /** A message id as this SMSC gave it, qualified by the SMSC (its account and address). */
  private qualified(messageId: string): string {
    return `${this.smsc}/${messageId}`;
  }

  async send(delivery: Delivery, text: string): Promise<string> {
    const target = { deliveryId: delivery._id, communeCode: delivery.communeCode ?? null, planDate: delivery.planDate };
    const messageId = await this.link.submit(
      {
        source_addr_ton: 5, // alphanumeric: the brandname
        source_addr_npi: 0,
        source_addr: this.settings.sender,
        dest_addr_ton: 1, // international
        dest_addr_npi: 1,
        destination_addr: this.internationalNumber(delivery),
        registered_delivery: smpp.REGISTERED_DELIVERY.FINAL,
        data_coding: 0,
        short_message: text,
      },
      (id) => this.remember(this.qualified(id), target),
    );
    return this.qualified(messageId);
  }

  classify(error: unknown): SendFailure {
    if (error instanceof SmppNotAcceptedError) return { outcome: "retry", reason: `smpp-${error.why}` };
    if (error instanceof SmppNoAnswerError) return { outcome: "uncertain", reason: "smpp-no-answer" };
    if (error instanceof SmppEncodingError) return { outcome: "failed", reason: "smpp-encoding" };
    if (error instanceof SmppStatusError) {
      const reason = `smpp-0x${error.status.toString(16).padStart(2, "0")}`;
      if (PACE_STATUSES.has(error.status)) return { outcome: "retry", reason, retryAfterMs: THROTTLE_PAUSE_MS };
      if (RETRY_STATUSES.has(error.status)) return { outcome: "retry", reason };
      if (UNREACHABLE_STATUSES.has(error.status)) return { outcome: "unreachable", reason };
      return { outcome: "failed", reason };
    }
    return { outcome: "uncertain", reason: "unexpected" };
  }

  async close(): Promise<void> {
    await this.link.close();
    await Promise.all(this.receiptWrites);
  }

  private remember(messageId: string, target: ReceiptTarget): void {
    this.recent.set(messageId, target);
    if (this.recent.size > RECENT_IDS) this.recent.delete(this.recent.keys().next().value as string);
  }

  /** A phone answered the brandname: STOP (or its Vietnamese words) refuses that number at once. */
  private onMessage(from: string, text: string): void {
    if (!isStopWord(text)) return;
    const phone = normalizeVnPhone(/^84\d+$/.test(from) ? `+${from}` : from);
    if (!phone) return;
    const write = (async () => {
      await optOutNumber(phone);
      await appendAudit({ actor: { kind: "system", id: "sms" }, action: "sms-stop", counts: { numbers: 1 } });
      this.log.info("a number answered STOP: refused from now on");
    })()
      .catch((error) => this.log.error({ err: safeError(error) }, "could not record an SMS refusal"))
      .finally(() => this.receiptWrites.delete(write));
    this.receiptWrites.add(write);
  }

  /**
   * A receipt names a message by the id this SMSC gave it: it is matched within this SMSC's ids (the
   * same id from another SMSC is another message), and one that matches no message sent is counted
   * and dropped.
   */
  private onReceipt(receipt: SmppReceipt): void {
    const write = (async () => {
      const providerMessageId = this.qualified(receipt.messageId);
      const target = this.recent.get(providerMessageId) ?? (await deliveryByProviderId(providerMessageId));
      if (!target) {
        receiptsUnmatched.inc({ channel: "sms" });
        this.log.info("a receipt for a message id no sent SMS carries: ignored");
        return;
      }
      await saveReceipt(
        {
          channel: "sms",
          providerMessageId,
          status: FINAL_DELIVERED.has(receipt.state) ? "delivered" : "undelivered",
          detail: receipt.error ? `${receipt.state}/${receipt.error}` : receipt.state,
          final: !NOT_FINAL.has(receipt.state),
        },
        target,
      );
    })()
      .catch((error) => this.log.error({ err: safeError(error) }, "could not record an SMS receipt"))
      .finally(() => this.receiptWrites.delete(write));
    this.receiptWrites.add(write);
  }
}
