import smpp, { type PDU, type Session } from "smpp";
import type { Logger } from "../../logger.js";
import { SendPacer } from "../sendPacer.js";
import type { SmppSettings } from "./settings.js";

/** The SMSC answered a submit with an error status. */
export class SmppStatusError extends Error {
  constructor(readonly status: number) {
    super(`SMSC answered with status 0x${status.toString(16).padStart(2, "0")}`);
  }
}

/**
 * The submit never reached the SMSC (no bound session, a socket that would not take it), or the
 * connection closed before the SMSC answered. SMPP makes the SMSC responsible for a message only
 * once it answers with a message id, so either way the message is submitted again.
 */
export class SmppNotAcceptedError extends Error {
  constructor(readonly why: "not-bound" | "connection-lost") {
    super(`SMPP submit not accepted: ${why}`);
  }
}

/** The SMSC did not answer a submit in time: it may or may not have taken the message. */
export class SmppNoAnswerError extends Error {
  constructor() {
    super("SMSC gave no answer to a submit in time");
  }
}

/** The library could not encode the message (its text or its fields): no SMSC will take it as it is. */
export class SmppEncodingError extends Error {}

const DEFAULT_ANSWER_TIMEOUT_SECONDS = 30;

export interface SmppReceipt {
  messageId: string;
  /** The final state as the SMSC reports it: DELIVRD, UNDELIV, EXPIRED, REJECTD… */
  state: string;
  error: string | null;
}

/** The SMPP message_state values of a receipt's TLV, by name. */
const MESSAGE_STATES: Record<number, string> = {
  2: "DELIVRD",
  3: "EXPIRED",
  4: "DELETED",
  5: "UNDELIV",
  6: "ACCEPTD",
  7: "UNKNOWN",
  8: "REJECTD",
};

/** The text of a deliver_sm, however the library decoded it. */
function shortMessageText(pdu: PDU): string {
  const body = pdu.short_message as { message?: unknown } | string | Buffer | undefined;
  return typeof body === "string"
    ? body
    : Buffer.isBuffer(body)
      ? body.toString("latin1")
      : String(body?.message ?? "");
}

/** Reads a delivery receipt from a deliver_sm: the TLVs when present, else the text "id:… stat:… err:…". */
export function parseReceipt(pdu: PDU): SmppReceipt | null {
  const text = shortMessageText(pdu);
  const id =
    typeof pdu.receipted_message_id === "string" && pdu.receipted_message_id
      ? pdu.receipted_message_id
      : /\bid:(\S+)/i.exec(text)?.[1];
  if (!id) return null;
  const stateTlv = typeof pdu.message_state === "number" ? MESSAGE_STATES[pdu.message_state] : undefined;
  const state = stateTlv ?? /\bstat:(\w+)/i.exec(text)?.[1]?.toUpperCase() ?? "UNKNOWN";
  const error = /\berr:(\w+)/i.exec(text)?.[1] ?? null;
  return { messageId: id, state, error };
}

type Pending = { resolve: (id: string) => void; reject: (e: Error) => void; timer?: NodeJS.Timeout };

/**
 * One bound SMPP session to the provider, kept up: binds as transceiver (receipts come back on the
 * same session) or transmitter, sends enquire_link to keep idle links open, answers the SMSC's own
 * enquire_link and unbind, and after a lost connection binds again with a growing pause (0.5 s
 * doubling to 30 s). Submits made while it is down fail at once as not accepted: the dispatcher
 * queues them again.
 */
export class SmppLink {
  private session: Session | null = null;
  private bound = false;
  private binding: Promise<void> | null = null;
  private closing = false;
  private backoffMs = 500;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private readonly pending = new Set<Pending>();
  /** Places reserved for submits about to be made (their attempts are being written). */
  private reserved = 0;
  /** Submits waiting for a place in the window (submits the SMSC has not answered yet). */
  private readonly waiting: (() => void)[] = [];
  /**
   * Since a submit went unanswered: the SMSC may be silent. Until it answers one again, a single
   * submit at a time goes, so that silence costs one message in doubt, not a window of them.
   */
  private silent = false;
  /**
   * The contract's rate, kept when places are reserved (just before each attempt is written). The
   * margin absorbs the jitter of that write, which could otherwise push submits of one second into
   * the next one's count at the SMSC.
   */
  private readonly contract: SendPacer;

  constructor(
    private readonly settings: SmppSettings,
    private readonly log: Logger,
    private readonly onReceipt: (receipt: SmppReceipt) => void,
    /** A message a phone sent to the brandname (an answer such as STOP). */
    private readonly onMessage: (from: string, text: string) => void = () => undefined,
  ) {
    const perSecond = settings.perSecond;
    this.contract = new SendPacer(
      {
        globalPerSecond: perSecond,
        privateChatPerSecond: perSecond,
        groupChatPerMinute: perSecond,
        safetyMarginMs: 25,
      },
      { smooth: false },
    );
  }

  /** Binds, unless bound already; resolves once bound, rejects when the bind is refused. */
  open(): Promise<void> {
    this.closing = false;
    if (this.bound) return Promise.resolve();
    this.binding ??= this.bind().finally(() => {
      this.binding = null;
    });
    return this.binding;
  }

  get isBound(): boolean {
    return this.bound;
  }

  /** A submit went unanswered, and none has been answered since. */
  get isSilent(): boolean {
    return this.silent;
  }

  /** Submits reserved or awaiting their answer. */
  get outstanding(): number {
    return this.reserved + this.pending.size;
  }

  /**
   * Waits for a place: at most `window` submits reserved or unanswered (the provider's contract),
   * and the contract's rate. Called before the attempt is written, so that nothing waits between
   * that write and the submit; every reservation is followed by `submit` or `release`.
   */
  async reserve(): Promise<void> {
    while (this.reserved + this.pending.size >= (this.silent ? 1 : this.settings.window)) {
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
    // Taken at once: another reservation checking the window while this one waits for the rate sees it.
    this.reserved++;
    for (let wait = this.contract.globalWaitMs(Date.now()); wait > 0; wait = this.contract.globalWaitMs(Date.now())) {
      await new Promise((r) => setTimeout(r, wait));
    }
    this.contract.record("smsc", Date.now());
  }

  /** A reserved place not used after all (another dispatcher had started the attempt). */
  release(): void {
    this.reserved = Math.max(0, this.reserved - 1);
    this.waiting.shift()?.();
  }

  /** Submits one message in a reserved place; resolves with the SMSC's message id. */
  submit(fields: Record<string, unknown>, onAccepted: (messageId: string) => void): Promise<string> {
    this.reserved = Math.max(0, this.reserved - 1);
    const session = this.session;
    if (!session || !this.bound) {
      this.waiting.shift()?.();
      return Promise.reject(new SmppNotAcceptedError("not-bound"));
    }
    return new Promise<string>((resolve, reject) => {
      const entry: Pending = { resolve, reject };
      this.pending.add(entry);
      let written: boolean;
      try {
        written = session.submit_sm(fields, (pdu) => {
          if (!this.pending.has(entry)) return; // answered after it timed out: already in doubt
          this.leaveWindow(entry);
          this.silent = false;
          if (pdu.command_status !== 0) return reject(new SmppStatusError(pdu.command_status));
          const id = String(pdu.message_id ?? "");
          // Before anything else runs: a receipt read in the same chunk as this answer must find it.
          onAccepted(id);
          resolve(id);
        });
      } catch (error) {
        this.leaveWindow(entry);
        return reject(new SmppEncodingError((error as Error).message));
      }
      if (!written) {
        this.leaveWindow(entry);
        return reject(new SmppNotAcceptedError("not-bound"));
      }
      const timeoutMs = (this.settings.answerTimeoutSeconds ?? DEFAULT_ANSWER_TIMEOUT_SECONDS) * 1000;
      entry.timer = setTimeout(() => this.answerTimedOut(entry), timeoutMs);
    });
  }

  /** No answer in time: the message is in doubt, its place is free, and the SMSC counts as silent. */
  private answerTimedOut(entry: Pending): void {
    if (!this.pending.has(entry)) return;
    this.leaveWindow(entry);
    this.silent = true;
    this.log.warn({ window: this.pending.size }, "the SMSC did not answer a submit in time");
    entry.reject(new SmppNoAnswerError());
  }

  private leaveWindow(entry: Pending): void {
    clearTimeout(entry.timer);
    this.pending.delete(entry);
    this.waiting.shift()?.();
  }

  async close(): Promise<void> {
    this.closing = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    const session = this.session;
    if (!session) return;
    // A polite unbind, or, when the SMSC does not answer within 2 s, the socket closed under it.
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => session.destroy(() => resolve()), 2_000);
      const done = () => {
        clearTimeout(timer);
        resolve();
      };
      const sent = this.bound && session.unbind({}, () => session.close(done));
      if (!sent) session.destroy(done);
    });
  }

  private bind(): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const session = smpp.connect({
        url: this.settings.url,
        auto_enquire_link_period: this.settings.enquireLinkSeconds * 1000,
      });
      this.session = session;
      let settled = false;
      const fail = (error: Error) => {
        if (settled) return;
        settled = true;
        reject(error);
      };
      session.on("connect", () => {
        const bindFields = { system_id: this.settings.systemId, password: this.settings.password, system_type: "" };
        const method = this.settings.bind === "transceiver" ? "bind_transceiver" : "bind_transmitter";
        session[method](bindFields, (pdu) => {
          if (pdu.command_status !== 0) {
            this.log.error({ status: pdu.command_status }, "SMPP bind refused");
            fail(new SmppStatusError(pdu.command_status));
            session.destroy();
            return;
          }
          this.bound = true;
          this.backoffMs = 500;
          settled = true;
          resolve();
        });
      });
      session.on("deliver_sm", (pdu) => this.onDeliverSm(session, pdu));
      session.on("enquire_link", (pdu) => session.send(pdu.response()));
      session.on("unbind", (pdu) => {
        session.send(pdu.response());
        session.close();
      });
      session.on("error", (error: Error) => {
        this.log.warn({ err: { message: error.message } }, "SMPP connection error");
        fail(new SmppNotAcceptedError("not-bound"));
      });
      session.on("close", () => {
        fail(new SmppNotAcceptedError("not-bound"));
        this.onClosed(session);
      });
    });
  }

  private onDeliverSm(session: Session, pdu: PDU): void {
    session.send(pdu.response());
    const esmClass = typeof pdu.esm_class === "number" ? pdu.esm_class : 0;
    if ((esmClass & smpp.ESM_CLASS.MC_DELIVERY_RECEIPT) === 0) {
      this.onMessage(String(pdu.source_addr ?? ""), shortMessageText(pdu));
      return;
    }
    const receipt = parseReceipt(pdu);
    if (receipt) this.onReceipt(receipt);
  }

  /** Every submit still waiting for its answer fails as not accepted; then bind again, after a pause. */
  private onClosed(session: Session): void {
    if (this.session !== session) return;
    this.session = null;
    this.bound = false;
    for (const entry of this.pending) {
      clearTimeout(entry.timer);
      entry.reject(new SmppNotAcceptedError("connection-lost"));
    }
    this.pending.clear();
    for (const wake of this.waiting.splice(0)) wake();
    if (this.closing) return;
    const wait = this.backoffMs;
    this.backoffMs = Math.min(30_000, this.backoffMs * 2);
    this.log.warn({ retryInMs: wait }, "SMPP connection lost; binding again");
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      // A failed bind closes its socket, and onClosed schedules the next try.
      if (!this.closing) this.open().catch(() => {});
    }, wait);
    this.reconnectTimer.unref();
  }

  /** Resolves once bound, or after `timeoutMs` (then the submit fails as not accepted and is queued again). */
  async ready(timeoutMs: number): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (!this.bound && !this.closing && Date.now() < until) {
      if (!this.session && !this.reconnectTimer) await this.open().catch(() => {});
      else await new Promise((r) => setTimeout(r, 100));
    }
  }
}
