import type { AddressInfo } from "node:net";
import smpp, { type PDU, type Server, type Session } from "smpp";

/**
 * A short-message service centre on loopback, built on the `smpp` package's server side, for tests
 * and the SMS benchmark. It accepts binds with the right credentials, answers submit_sm with a
 * message id, sends delivery receipts, and can be told to throttle, to refuse numbers, to drop every
 * connection in the middle of a window, and to stop and start again on the same port.
 *
 * What it counts as accepted is exactly what it answered with a message id: a submit it read but did
 * not answer (the connection dropped first) was not taken, as an SMSC's contract says.
 */

export interface AcceptedSms {
  messageId: string;
  sender: string;
  destination: string;
  text: string;
  at: number;
}

export interface SmscOptions {
  systemId?: string;
  password?: string;
  /** Submits above this many per second are answered ESME_RTHROTTLED (default: no limit). */
  throttlePerSecond?: number;
  /** Delay before a receipt is sent, ms (default 20). */
  receiptDelayMs?: number;
  /** Numbers (as submitted, "849…") answered ESME_RINVDSTADR. */
  invalidNumbers?: Iterable<string>;
  /** Receipt state per number (default DELIVRD). */
  receiptStateOf?: (destination: string) => string;
  /** Called as each message is accepted, before its answer is written (a test kills the sender here). */
  onAccepted?: (accepted: number) => void;
  /** Delay before each submit is answered, ms (default 0: at once). */
  answerDelayMs?: number;
  /** An error status to answer for a number (a permanent refusal), instead of accepting it. */
  statusFor?: (destination: string) => number | undefined;
  /** The n-th submit received (1-based) is not answered until `releaseAnswers()`: always true is an SMSC gone silent. */
  holdAnswer?: (submitted: number) => boolean;
}

export class Smsc {
  readonly accepted: AcceptedSms[] = [];
  throttled = 0;
  binds = 0;
  enquireLinks = 0;
  /** The most submits read and not yet answered at any one time (the client's window). */
  maxUnanswered = 0;
  private unanswered = 0;
  refusedBinds = 0;
  receiptsSent = 0;
  private server: Server | null = null;
  private port = 0;
  private nextId = 1;
  private dropAfterTotal: number | null = null;
  private readonly sessions = new Set<Session>();
  private readonly dead = new WeakSet<Session>();
  private readonly invalid: Set<string>;
  private second = 0;
  private inSecond = 0;
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(private readonly options: SmscOptions = {}) {
    this.invalid = new Set(options.invalidNumbers ?? []);
  }

  get url(): string {
    return `smpp://127.0.0.1:${this.port}`;
  }

  async start(port = 0): Promise<this> {
    const server = smpp.createServer((session) => this.onSession(session));
    await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", () => resolve()));
    this.server = server;
    this.port = (server.address() as AddressInfo).port;
    return this;
  }

  /** Stops listening and drops every connection (a crash of the SMSC); `start()` again on the same port. */
  async stop(): Promise<void> {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.dropConnections();
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  async restart(): Promise<void> {
    const port = this.port;
    await this.stop();
    await this.start(port);
  }

  /** Once `total` submits have been accepted in all, the next one drops every connection unanswered. */
  dropAfter(total: number): void {
    this.dropAfterTotal = total;
  }

  /**
   * `answered`: the answers already written reach the client before the connection ends (dropAfter:
   * destroyed at once, the last few accepted submits lost their answers and were rightly sent again,
   * counted twice, in loaded runs); otherwise it is a crash and everything in flight is lost.
   */
  dropConnections(answered = false): void {
    for (const session of this.sessions) {
      this.dead.add(session);
      if (answered) session.close();
      else session.destroy();
    }
    this.sessions.clear();
  }

  /** Messages accepted per destination (duplicates show as counts above one). */
  countsByDestination(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const m of this.accepted) counts.set(m.destination, (counts.get(m.destination) ?? 0) + 1);
    return counts;
  }

  private onSession(session: Session): void {
    this.sessions.add(session);
    session.on("close", () => this.sessions.delete(session));
    session.on("error", () => this.sessions.delete(session));
    const bind = (pdu: PDU) => {
      const ok =
        (this.options.systemId === undefined || pdu.system_id === this.options.systemId) &&
        (this.options.password === undefined || pdu.password === this.options.password);
      if (!ok) {
        this.refusedBinds++;
        session.send(pdu.response({ command_status: smpp.ESME_RBINDFAIL }));
        session.close();
        return;
      }
      this.binds++;
      session.send(pdu.response({ system_id: "SIMSMSC" }));
    };
    session.on("bind_transceiver", bind);
    session.on("bind_transmitter", bind);
    session.on("enquire_link", (pdu: PDU) => {
      this.enquireLinks++;
      session.send(pdu.response());
    });
    session.on("unbind", (pdu: PDU) => {
      session.send(pdu.response());
      session.close();
    });
    session.on("deliver_sm_resp", () => {});
    session.on("submit_sm", (pdu: PDU) => this.onSubmit(session, pdu));
  }

  /** Submits received, answered or not. */
  submitted = 0;
  private readonly heldAnswers: (() => void)[] = [];

  /** Answers the submits held so far. */
  releaseAnswers(): void {
    for (const answer of this.heldAnswers.splice(0)) answer();
  }

  private onSubmit(session: Session, pdu: PDU): void {
    if (this.dead.has(session)) return;
    this.submitted++;
    if (this.options.holdAnswer?.(this.submitted)) {
      this.heldAnswers.push(() => {
        this.answerSubmit(session, pdu);
      });
      return;
    }
    const delay = this.options.answerDelayMs ?? 0;
    if (delay === 0) {
      this.answerSubmit(session, pdu);
      return;
    }
    this.unanswered++;
    this.maxUnanswered = Math.max(this.maxUnanswered, this.unanswered);
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.unanswered--;
      this.answerSubmit(session, pdu);
    }, delay);
    this.timers.add(timer);
  }

  private answerSubmit(session: Session, pdu: PDU): void {
    // A submit read in the same chunk as the one that dropped the connection: the smpp package's parse
    // loop still emits it after destroy(). Never answered, so not taken (counted, it showed as a
    // duplicate when the dispatcher rightly sent it again: seen twice in loaded runs).
    if (this.dead.has(session)) return;
    if (this.dropAfterTotal !== null && this.accepted.length >= this.dropAfterTotal) {
      this.dropAfterTotal = null;
      this.dropConnections(true);
      return;
    }
    const destination = String(pdu.destination_addr);
    if (this.overThrottle()) {
      this.throttled++;
      session.send(pdu.response({ command_status: smpp.ESME_RTHROTTLED }));
      return;
    }
    if (this.invalid.has(destination)) {
      session.send(pdu.response({ command_status: smpp.ESME_RINVDSTADR }));
      return;
    }
    const refusal = this.options.statusFor?.(destination);
    if (refusal !== undefined) {
      session.send(pdu.response({ command_status: refusal }));
      return;
    }
    const messageId = `sim${(this.nextId++).toString(16)}`;
    const body = pdu.short_message as { message?: unknown } | string;
    const text = typeof body === "string" ? body : String(body?.message ?? "");
    this.accepted.push({ messageId, sender: String(pdu.source_addr), destination, text, at: Date.now() });
    this.options.onAccepted?.(this.accepted.length);
    session.send(pdu.response({ message_id: messageId }));
    const registered = typeof pdu.registered_delivery === "number" ? pdu.registered_delivery : 0;
    if (registered & 1) this.sendReceipt(session, messageId, destination);
  }

  /**
   * The contract as SMSCs usually word it, "N messages per second": submits counted per second of
   * the clock, and those over N in that second answered ESME_RTHROTTLED.
   */
  private overThrottle(): boolean {
    const limit = this.options.throttlePerSecond;
    if (limit === undefined) return false;
    const second = Math.floor(Date.now() / 1000);
    if (second !== this.second) {
      this.second = second;
      this.inSecond = 0;
    }
    this.inSecond++;
    return this.inSecond > limit;
  }

  /** A phone texts the brandname (mobile-originated): delivered on every live session. */
  moMessage(from: string, text: string): void {
    for (const session of this.sessions) {
      if (this.dead.has(session)) continue;
      session.deliver_sm({ source_addr: from, destination_addr: "NHCSXH", esm_class: 0, short_message: text });
    }
  }

  /** Sends, on every live session, a receipt for an id this SMSC never gave (a stray or forged one). */
  strayReceipt(messageId: string, state = "DELIVRD"): void {
    for (const session of this.sessions) {
      if (this.dead.has(session)) continue;
      session.deliver_sm({
        source_addr: "84900000000",
        destination_addr: "SIM",
        esm_class: smpp.ESM_CLASS.MC_DELIVERY_RECEIPT,
        short_message: `id:${messageId} sub:001 dlvrd:001 submit date:2612020900 done date:2612020900 stat:${state} err:000 text:`,
      });
    }
  }

  private sendReceipt(session: Session, messageId: string, destination: string): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (this.dead.has(session)) return;
      const state = this.options.receiptStateOf?.(destination) ?? "DELIVRD";
      const error = state === "DELIVRD" ? "000" : "001";
      session.deliver_sm({
        source_addr: destination,
        destination_addr: "SIM",
        esm_class: smpp.ESM_CLASS.MC_DELIVERY_RECEIPT,
        short_message: `id:${messageId} sub:001 dlvrd:001 submit date:2612020900 done date:2612020900 stat:${state} err:${error} text:`,
      });
      this.receiptsSent++;
    }, this.options.receiptDelayMs ?? 20);
    this.timers.add(timer);
  }
}
