import { randomUUID } from "node:crypto";
import type { I18n } from "@grammyjs/i18n";
import { Api } from "grammy";
import { loadHolidays } from "../catalogue/load.js";
import {
  announceAttempt,
  batchDeliveries,
  batchHistory,
  type Delivery,
  type DeliveryBatch,
  leaseNextBatch,
  markBatchDone,
  type Outcome,
  releaseBatchLease,
  renewBatchLease,
  saveOutcomes,
} from "../data/dispatch.js";
import { LockHeldError, withLock } from "../data/lock.js";
import { type OutcomeDoc, outcomeDoc } from "../data/outbox.js";
import { type LocalDate, vietnamDate } from "../domain/dates.js";
import type { DeliveryKind } from "../domain/delivery.js";
import type { Closure } from "../domain/transactionDay.js";
import { createI18n, isLocale } from "../i18n.js";
import { type Logger, safeError } from "../logger.js";
import { countApiCalls, deliveriesTotal } from "../metrics.js";
import type { SendChannel } from "./channels/channel.js";
import { TelegramChannel } from "./channels/telegram.js";
import type { BroadcastCounts } from "./counters.js";
import { reportInDoubt } from "./inDoubtReport.js";
import { IN_DOUBT_RESENT, recordsOf, resumeDecision } from "./resume.js";
import { SendPacer } from "./sendPacer.js";
import type { DeliverySettings } from "./settings.js";
import { isInSendingWindow, nextSendingTime } from "./settings.js";

/**
 * The Api the dispatcher sends through: no auto-retry (the dispatcher paces and retries itself and
 * must know whether a message may have left), a 30 s timeout, and the outgoing-call metrics.
 */
export function createSendingApi(token: string, apiRoot: string | undefined): Api {
  const api = new Api(token, { ...(apiRoot ? { apiRoot } : {}), timeoutSeconds: 30 });
  api.config.use(countApiCalls);
  return api;
}

export interface DispatcherOptions {
  /** Telegram: a plain grammY Api (no auto-retry: the dispatcher handles 429 and retries itself). */
  api?: Api;
  /** Another channel (SMS, Zalo) instead of Telegram through `api`. */
  channel?: SendChannel;
  config: DeliverySettings;
  /** Fixed closures (tests); without them, the holidays as they are now, officers' additions included. */
  closures?: readonly Closure[] | undefined;
  log: Logger;
  /** Identifies this dispatcher in leases and attempts (default: a random id). */
  owner?: string;
  /** The wall clock (tests move it); pacing always uses real time. */
  now?: () => Date;
  /** The texts of the "(gửi lại)" marker and of the in-doubt list (default: built here). */
  i18n?: I18n;
  /** Admins get the in-doubt list of what no officer's scope covers (ADMIN_TELEGRAM_IDS). */
  adminIds?: readonly number[];
}

export interface DispatchReport {
  /** False when another dispatcher holds the sending lease (this one did nothing). */
  leader: boolean;
  batches: number;
  sent: number;
  retries: number;
  rateLimited: number;
  failed: Record<string, number>;
  unreachable: number;
  uncertain: number;
  /** Deliveries a crash left in doubt that were sent again, once, marked as such. */
  resent: number;
  /** Readers (officers, admins) told of the deliveries in doubt that were not sent again. */
  inDoubtListed: number;
  expired: number;
  skippedUnreachable: number;
  skippedUnlinked: number;
  /** Attempts another dispatcher had already started (the unique attempt id stopped a double send). */
  takenByOther: number;
  /** Set when sending stopped because the window closed; work resumes at this instant. */
  resumesAt: Date | null;
  /** Milliseconds spent on the database work around the sending (what grows with the outbox shows here). */
  timingsMs: { claim: number; load: number; history: number; checks: number; finish: number; renew: number };
}

/** Runs `work`, adding the time it took to `report.timingsMs[phase]`. */
async function timed<T>(report: DispatchReport, phase: keyof DispatchReport["timingsMs"], work: () => Promise<T>) {
  const started = performance.now();
  try {
    return await work();
  } finally {
    report.timingsMs[phase] += Math.round(performance.now() - started);
  }
}

interface ActiveBatch {
  batch: DeliveryBatch;
  /** Deliveries not yet settled. */
  remaining: number;
  /** Final outcomes so far, including those an earlier owner recorded; stored when the batch is done. */
  counts: BroadcastCounts;
}

type FinalOutcome = Exclude<Outcome, "retry">;
/** What sending one message came to: settled with an outcome, settled by another dispatcher, or queued again. */
type SendResult = FinalOutcome | "taken" | "requeued";

interface QueueItem {
  delivery: Delivery;
  attempt: number;
  readyAt: number;
  /** A crash left an earlier attempt in doubt: this one goes out marked "(gửi lại)". */
  resend?: boolean;
}

/** Counts a delivery settled without sending in the run's report. */
function countSettled(report: DispatchReport, outcome: string, reason: string): void {
  if (outcome === "uncertain") report.uncertain++;
  else if (outcome === "expired") report.expired++;
  else if (reason === "unreachable") report.skippedUnreachable++;
  else report.skippedUnlinked++;
}

/** One sending leader per channel (Telegram's lock keeps the name it had before channels existed). */
const leaderLock = (channel: SendChannel) =>
  channel.name === "telegram" ? "delivery-dispatcher" : `delivery-dispatcher:${channel.name}`;
/** How far down the queue to look for a chat that may receive a message now. */
const LOOKAHEAD = 256;
const MAX_BACKOFF_MS = 5 * 60_000;

/** A pause that ends after `ms`, or earlier when the function handed to `onWake` is called. */
function wakeableSleep(ms: number, onWake: (wake: () => void) => void): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    onWake(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}

function emptyReport(): DispatchReport {
  return {
    leader: true,
    batches: 0,
    sent: 0,
    retries: 0,
    rateLimited: 0,
    failed: {},
    unreachable: 0,
    uncertain: 0,
    resent: 0,
    inDoubtListed: 0,
    expired: 0,
    skippedUnreachable: 0,
    skippedUnlinked: 0,
    takenByOther: 0,
    resumesAt: null,
    timingsMs: { claim: 0, load: 0, history: 0, checks: 0, finish: 0, renew: 0 },
  };
}

function telegramChannelOf(options: DispatcherOptions): SendChannel {
  if (!options.api) throw new Error("a dispatcher needs a channel, or a Telegram Api");
  return new TelegramChannel(options.api, options.config.telegramLimits);
}

/**
 * Sends what the planner (or a broadcast) put in the outbox, within Telegram's flood limits and the
 * sending window. One dispatcher sends at a time (a lease), because Telegram's 30 messages a second
 * are per bot, not per process; others stand by and take over when its lease runs out. Work is leased
 * batch by batch; every attempt is announced by inserting its unique id first, so even two
 * dispatchers holding the same batch could not send one message twice; a dispatcher that dies
 * mid-send leaves an attempt without an outcome, which its successor records as uncertain instead of
 * sending again.
 */
export class Dispatcher {
  private readonly owner: string;
  /** Paces when messages are taken up (before their attempt is written)… */
  private readonly pacer: SendPacer;
  /** …and this checks the instant each request really leaves, after that write took however long. */
  private readonly departures: SendPacer;
  private readonly leaseMs: number;
  private readonly now: () => Date;
  private stopping = false;
  private wakeUp: (() => void) | null = null;
  private sentBuffer: OutcomeDoc[] = [];
  private flushing: Promise<void> | null = null;
  /** Attempts on record whose outcome is not (yet) written: at most `maxInDoubt`. */
  private inDoubt = 0;
  private onDoubtReleased: (() => void) | null = null;
  private readonly i18n: I18n;
  readonly channel: SendChannel;
  private readonly maxInDoubt: number;

  constructor(private readonly options: DispatcherOptions) {
    this.owner = options.owner ?? randomUUID();
    this.channel = options.channel ?? telegramChannelOf(options);
    this.pacer = new SendPacer(this.channel.limits);
    this.departures = new SendPacer(this.channel.limits, { smooth: false });
    this.maxInDoubt = this.channel.maxInDoubt ?? options.config.dispatch.maxInDoubt;
    this.leaseMs = options.config.dispatch.leaseSeconds * 1000;
    this.now = options.now ?? (() => new Date());
    this.i18n = options.i18n ?? createI18n();
  }

  /** Sends every batch that may go now; returns when none is left or the window closes. */
  async runOnce(): Promise<DispatchReport> {
    const report = emptyReport();
    try {
      await withLock(leaderLock(this.channel), this.leaseMs, async (renewLeader) => {
        await this.channel.open?.();
        await this.pump(report, renewLeader);
      });
    } catch (error) {
      if (!(error instanceof LockHeldError)) throw error;
      report.leader = false;
    }
    return report;
  }

  /**
   * Runs until stop(): sends what is due, then sleeps until the next window opens, work arrives
   * (wake()) or the idle poll comes round.
   */
  async run(onReport?: (report: DispatchReport) => void): Promise<void> {
    while (!this.stopping) {
      let report: DispatchReport | null = null;
      try {
        report = await this.runOnce();
        onReport?.(report);
      } catch (error) {
        this.options.log.error({ err: safeError(error) }, "dispatch failed");
      }
      if (this.stopping) break;
      const idleMs = this.options.config.dispatch.idlePollSeconds * 1000;
      const untilWindow = report?.resumesAt ? report.resumesAt.getTime() - Date.now() : idleMs;
      await this.sleep(Math.max(50, Math.min(untilWindow, idleMs)));
    }
  }

  /** New work is in the outbox: stop sleeping. */
  wake(): void {
    this.wakeUp?.();
  }

  /** Stops taking new messages; messages in flight finish and are recorded. */
  stop(): void {
    this.stopping = true;
    this.wake();
  }

  private async sleep(ms: number): Promise<void> {
    await wakeableSleep(ms, (wake) => {
      this.wakeUp = wake;
    });
    this.wakeUp = null;
  }

  private async claimBatch(report: DispatchReport): Promise<DeliveryBatch | null> {
    const now = this.now();
    if (!isInSendingWindow(now, this.options.config, this.closures())) {
      report.resumesAt = nextSendingTime(now, this.options.config, this.closures());
      return null;
    }
    return leaseNextBatch(this.channel.name, this.owner, now, this.leaseMs);
  }

  private async renewBatch(batchId: string): Promise<boolean> {
    return renewBatchLease(batchId, this.owner, new Date(this.now().getTime() + this.leaseMs));
  }

  /** Records an outcome now (anything but a plain success: these are rare and must not be lost). */
  private async record(delivery: Delivery, attempt: number, outcome: Outcome, reason: string | null): Promise<void> {
    await this.insertOutcomes([outcomeDoc(delivery, attempt, outcome, reason, null)]);
  }

  /**
   * Successes are written in groups: while one group is being written, the next gathers. The message
   * stays in doubt (and holds its slot) until its group is on record, so a crash leaves at most
   * `maxInDoubt` messages whose fate is unknown.
   */
  private recordSent(delivery: Delivery, attempt: number, messageId: number | string): void {
    this.sentBuffer.push(outcomeDoc(delivery, attempt, "sent", null, messageId));
    this.flushing ??= this.writeSent();
  }

  /**
   * Writes the gathered successes until none is left. `flushing` is cleared in the same step as the
   * last check of the buffer, so a success recorded after that check starts a new write. (With a
   * buffer that is not empty, the first await comes before the `finally`, so the caller's assignment
   * of `flushing` always happens before it is cleared.)
   */
  private async writeSent(): Promise<void> {
    try {
      while (this.sentBuffer.length > 0) {
        const docs = this.sentBuffer.splice(0);
        await this.insertOutcomes(docs);
        this.releaseDoubt(docs.length);
      }
    } catch (error) {
      this.fail(error);
    } finally {
      this.flushing = null;
    }
  }

  private releaseDoubt(count: number): void {
    this.inDoubt -= count;
    this.onDoubtReleased?.();
  }

  /** The first error of a background task (a database write): sending stops and runOnce throws it. */
  private failure: unknown = null;
  private fail(error: unknown): void {
    this.failure ??= error;
  }

  /** Waits until every success gathered so far is written (not after a failed write: runOnce throws). */
  private async flushSent(): Promise<void> {
    while ((this.flushing || this.sentBuffer.length > 0) && this.failure === null) {
      this.flushing ??= this.writeSent();
      await this.flushing;
    }
  }

  private async insertOutcomes(docs: OutcomeDoc[]): Promise<void> {
    await saveOutcomes(docs);
    for (const d of docs) deliveriesTotal.inc({ kind: d.kind, outcome: d.outcome });
  }

  /** The batch's deliveries that still need sending; settles what an earlier owner left behind. */
  private async prepare(
    batch: DeliveryBatch,
    report: DispatchReport,
  ): Promise<{ queue: QueueItem[]; counts: BroadcastCounts }> {
    const batchId = batch._id;
    const { deliveries, copied } = await timed(report, "load", () => batchDeliveries(batchId));
    // Taken for the first time: nothing of it can have been attempted, so there is nothing to read.
    const { attempts, outcomes } =
      copied && batch.claims === 1
        ? { attempts: [], outcomes: [] }
        : await timed(report, "history", () => batchHistory(batchId, deliveries));
    const { recordOf, counts } = recordsOf(attempts, outcomes);
    const open = deliveries.filter((d) => !recordOf(d._id).settled);
    // Its recipient may have unlinked, blocked the bot or opted out since it was planned: checked now.
    const excluded = await timed(report, "checks", () => this.channel.excluded(open));
    const today = vietnamDate(this.now());
    const queue: QueueItem[] = [];
    const settleNow: OutcomeDoc[] = [];
    const notResent: Delivery[] = [];
    for (const delivery of open) {
      const decision = resumeDecision(delivery, recordOf(delivery._id), {
        today,
        unreachable: excluded.get(delivery._id) === "unreachable",
        unlinked: excluded.get(delivery._id) === "unlinked",
        optedOut: excluded.get(delivery._id) === "opted-out",
        policy: this.channel.resendsInDoubt ? this.options.config.inDoubt[delivery.kind as DeliveryKind] : "report",
        maxAttempts: this.options.config.dispatch.maxAttempts,
        retryAt: (at, attempt) => at.getTime() + this.backoffMs(attempt),
      });
      if (decision.action === "send") {
        if (decision.closeInDoubt) {
          settleNow.push(outcomeDoc(delivery, decision.attempt - 1, "retry", IN_DOUBT_RESENT, null));
          report.resent++;
        }
        const { attempt, readyAt, resend } = decision;
        queue.push({ delivery, attempt, readyAt, ...(resend ? { resend } : {}) });
        continue;
      }
      settleNow.push(outcomeDoc(delivery, decision.attempt, decision.outcome, decision.reason, null));
      if (decision.listInDoubt) notResent.push(delivery);
      countSettled(report, decision.outcome, decision.reason);
    }
    // The list goes out before the outcomes are written: a crash in between lists them again, to
    // the same key, which adds nothing; the other way round it could list them never.
    report.inDoubtListed += await this.listInDoubt(batch, notResent, today);
    if (settleNow.length > 0) await this.insertOutcomes(settleNow);
    for (const doc of settleNow) if (doc.outcome !== "retry") counts[doc.outcome as FinalOutcome]++;
    return { queue, counts };
  }

  /** Deliveries in doubt that are not sent again go to the officers of their communes, today. */
  private async listInDoubt(batch: DeliveryBatch, deliveries: Delivery[], today: LocalDate): Promise<number> {
    if (deliveries.length === 0) return 0;
    const listed = await reportInDoubt(deliveries, {
      round: `${batch._id}/${batch.claims}`,
      today,
      notBefore: this.now(),
      i18n: this.i18n,
      adminIds: this.options.adminIds ?? [],
    });
    if (listed === 0)
      this.options.log.warn({ batch: batch._id }, "deliveries in doubt, and no officer or admin to tell");
    return listed;
  }

  private backoffMs(attempt: number): number {
    return Math.min(MAX_BACKOFF_MS, this.options.config.dispatch.retryBaseSeconds * 1000 * 2 ** (attempt - 1));
  }

  /**
   * Sends batch after batch. The next batch is claimed and loaded while the current one's last
   * messages go out, so the sending rate does not dip between batches.
   */
  private async pump(report: DispatchReport, renewLeader: () => Promise<void>): Promise<void> {
    const { config } = this.options;
    const closures = this.closures();
    const queue: QueueItem[] = [];
    const active = new Map<string, ActiveBatch>();
    const inflight = new Set<Promise<void>>();
    let refilling: Promise<void> | null = null;
    let exhausted = false;
    let lastRenewal = Date.now();
    let signal: (() => void) | null = null;
    const settle = () => signal?.();
    const lowWater = this.lowWater();

    const refill = async () => {
      const batch = await timed(report, "claim", () => this.claimBatch(report));
      if (!batch) {
        exhausted = true;
        return;
      }
      report.batches++;
      const { queue: items, counts } = await this.prepare(batch, report);
      active.set(batch._id, { batch, remaining: items.length, counts });
      queue.push(...items);
      if (items.length === 0) await this.finishBatch(batch._id, active, report);
    };
    const onSettled = async (item: QueueItem, result: SendResult) => {
      const entry = active.get(item.delivery.batchId);
      if (result === "requeued" || !entry) return;
      if (result !== "taken") entry.counts[result]++;
      entry.remaining--;
      if (entry.remaining === 0) await this.finishBatch(item.delivery.batchId, active, report);
    };
    this.channel.beginRun?.();
    this.acceptCancellations(active, queue, onSettled);
    this.onDoubtReleased = settle;

    await refill();
    while (queue.length > 0 || inflight.size > 0 || refilling) {
      const nowMs = Date.now();
      if (nowMs - lastRenewal > this.leaseMs / 3 && !this.renewing) {
        lastRenewal = nowMs;
        this.renewInBackground(report, renewLeader, active, queue);
      }
      const now = this.now();
      const inWindow = isInSendingWindow(now, config, closures);
      if (!inWindow && queue.length > 0) report.resumesAt = nextSendingTime(now, config, closures);
      const mayPick = !this.stopping && inWindow && this.failure === null;
      if (mayPick && !exhausted && !refilling && queue.length < lowWater) {
        refilling = refill()
          .catch((e) => this.fail(e))
          .finally(() => {
            refilling = null;
            settle();
          });
      }
      const { picked, waitMs } =
        mayPick && this.inDoubt < this.maxInDoubt ? this.pickReady(queue, nowMs) : { picked: -1, waitMs: 1000 };
      if (picked >= 0) {
        const [item] = queue.splice(picked, 1) as [QueueItem];
        this.pacer.record(this.channel.recipientOf(item.delivery), nowMs);
        this.launch(item, queue, report, onSettled, inflight, settle);
        continue;
      }
      if (!mayPick && inflight.size === 0 && !refilling) break;
      await wakeableSleep(Math.max(1, waitMs), (wake) => {
        signal = wake;
      });
      signal = null;
    }

    await this.renewing;
    await this.endPump(active, report);
  }

  private renewing: Promise<void> | null = null;

  /** Extends the leader's and the batches' leases while the sending goes on. */
  private renewInBackground(
    report: DispatchReport,
    renewLeader: () => Promise<void>,
    active: Map<string, ActiveBatch>,
    queue: QueueItem[],
  ): void {
    this.renewing = timed(report, "renew", async () => {
      await renewLeader();
      await this.renewBatches(active, queue);
    })
      .catch((e) => this.fail(e))
      .finally(() => {
        this.renewing = null;
      });
  }

  /** Sends one message in the background; it counts as in doubt from now until its outcome is written. */
  private launch(
    item: QueueItem,
    queue: QueueItem[],
    report: DispatchReport,
    onSettled: (item: QueueItem, result: SendResult) => Promise<void>,
    inflight: Set<Promise<void>>,
    settle: () => void,
  ): void {
    this.inDoubt++;
    const task: Promise<void> = this.sendOne(item, queue, report)
      .then((result) => {
        // A success leaves doubt when its outcome is written (recordSent); anything else already has.
        if (result !== "sent") this.releaseDoubt(1);
        return onSettled(item, result);
      })
      .catch((e) => this.fail(e))
      .finally(() => {
        inflight.delete(task);
        settle();
      });
    inflight.add(task);
  }

  /** How short the queue may get before the next batch is loaded: about two seconds of sending. */
  private lowWater(): number {
    return Math.max(50, Math.ceil(this.channel.limits.globalPerSecond * 2));
  }

  /**
   * The first item of the queue's head that may go now (its retry time passed, its chat's pacing
   * allows it), or how long to wait until one may.
   */
  private pickReady(queue: readonly QueueItem[], nowMs: number): { picked: number; waitMs: number } {
    const globalWait = this.pacer.globalWaitMs(nowMs);
    if (globalWait > 0) return { picked: -1, waitMs: globalWait };
    let waitMs = 1000;
    const end = Math.min(queue.length, LOOKAHEAD);
    for (let i = 0; i < end; i++) {
      const item = queue[i] as QueueItem;
      const wait = Math.max(item.readyAt - nowMs, this.pacer.waitMs(this.channel.recipientOf(item.delivery), nowMs));
      if (wait === 0) return { picked: i, waitMs: 0 };
      waitMs = Math.min(waitMs, wait);
    }
    return { picked: -1, waitMs };
  }

  /** A cancelled broadcast or an unlinked chat leaves the queue of the pump under way. */
  private acceptCancellations(
    active: Map<string, ActiveBatch>,
    queue: QueueItem[],
    onSettled: (item: QueueItem, result: SendResult) => Promise<void>,
  ): void {
    this.dropSource = (source) => {
      for (const [batchId, entry] of active) if (entry.batch.source === source) active.delete(batchId);
      for (let i = queue.length - 1; i >= 0; i--) if (queue[i]?.delivery.source === source) queue.splice(i, 1);
    };
    // The caller has recorded them as skipped (data/outboxForget.ts); here they only leave the queue.
    this.dropChat = (chatId) => {
      for (let i = queue.length - 1; i >= 0; i--) {
        const item = queue[i] as QueueItem;
        if (item.delivery.chatId !== chatId || !item.delivery.householdCode) continue;
        queue.splice(i, 1);
        onSettled(item, "skipped").catch((error) => this.fail(error));
      }
    };
  }

  private async endPump(active: Map<string, ActiveBatch>, report: DispatchReport): Promise<void> {
    this.dropSource = null;
    this.dropChat = null;
    this.onDoubtReleased = null;
    if (this.failure !== null) {
      // Leave the batches leased: their attempts and outcomes tell the next dispatcher where to resume.
      const failure = this.failure;
      this.failure = null;
      throw failure;
    }
    await this.flushSent();
    // Stopped early (window closed, shutting down): hand unfinished batches back for whoever comes next.
    for (const { batch } of active.values()) {
      await releaseBatchLease(batch._id, this.owner, report.resumesAt ?? null);
    }
  }

  private closures(): readonly Closure[] {
    return this.options.closures ?? loadHolidays().closures;
  }

  private dropSource: ((source: string) => void) | null = null;
  private dropChat: ((chatId: number) => void) | null = null;

  /** Stops sending what is queued here about a household to this chat (its owner unlinked). */
  cancelChat(chatId: number): void {
    this.dropChat?.(chatId);
  }

  /**
   * Stops sending what is queued here for a source (a cancelled broadcast). Other processes notice
   * at their next lease renewal, because a cancelled batch's lease cannot be renewed.
   */
  cancelSource(source: string): void {
    this.dropSource?.(source);
  }

  /**
   * Waits for a slot within the flood limits and takes it, for a message sent outside the outbox
   * (a broadcast's progress edit), so that it never pushes the outbox's sending over the limits.
   */
  async reserve(chatId: number): Promise<void> {
    for (;;) {
      const now = Date.now();
      const wait = Math.max(this.pacer.waitMs(chatId, now), this.departures.waitMs(chatId, now));
      if (wait === 0) break;
      await new Promise((r) => setTimeout(r, wait));
    }
    const now = Date.now();
    this.pacer.record(chatId, now);
    this.departures.record(chatId, now);
  }

  private async finishBatch(batchId: string, active: Map<string, ActiveBatch>, report: DispatchReport): Promise<void> {
    const entry = active.get(batchId);
    active.delete(batchId);
    await this.flushSent();
    await timed(report, "finish", () => markBatchDone(batchId, this.owner, entry?.counts ?? null));
  }

  /** Extends the leases of the batches in hand; drops the messages of any batch taken over meanwhile. */
  private async renewBatches(active: Map<string, ActiveBatch>, queue: QueueItem[]): Promise<void> {
    for (const batchId of [...active.keys()]) {
      if (await this.renewBatch(batchId)) continue;
      active.delete(batchId);
      for (let i = queue.length - 1; i >= 0; i--) if (queue[i]?.delivery.batchId === batchId) queue.splice(i, 1);
    }
  }

  /** Sends one message; resolves true when the delivery is settled (false: it went back in the queue). */
  private async sendOne(item: QueueItem, queue: QueueItem[], report: DispatchReport): Promise<SendResult> {
    const { delivery, attempt } = item;
    const recipient = this.channel.recipientOf(delivery);
    // Wait for a departure slot before announcing the attempt, so that a crash finds as few messages
    // announced but not yet sent (uncertain, and so never sent) as possible.
    await this.waitForDeparture(recipient);
    // Where a message in doubt is never sent again (SMS, Zalo), the slot is taken now and the request
    // follows the attempt's write at once: nothing may wait in between. Telegram, whose flood limits
    // are strict, checks the slot again after the write, which a slow write may have bunched up.
    const reserveFirst = !this.channel.resendsInDoubt;
    if (reserveFirst) this.departures.record(recipient, Date.now());
    await this.channel.reserveRoom?.();
    const announced = await announceAttempt(delivery, attempt, this.owner).catch((error: unknown) => {
      this.channel.releaseRoom?.();
      throw error;
    });
    if (!announced) {
      this.channel.releaseRoom?.();
      report.takenByOther++;
      return "taken";
    }
    if (!reserveFirst) {
      await this.waitForDeparture(recipient);
      this.departures.record(recipient, Date.now());
    }
    let messageId: number | string;
    try {
      messageId = await this.channel.send(delivery, item.resend ? this.resentText(delivery) : delivery.text);
    } catch (error) {
      const failure = this.channel.classify(error);
      if (failure.outcome === "retry") {
        if (failure.retryAfterMs) {
          report.rateLimited++;
          this.pacer.pauseUntil(Date.now() + failure.retryAfterMs);
          this.departures.pauseUntil(Date.now() + failure.retryAfterMs);
        }
        if (attempt >= this.options.config.dispatch.maxAttempts) {
          await this.record(delivery, attempt, "failed", failure.reason);
          report.failed[failure.reason] = (report.failed[failure.reason] ?? 0) + 1;
          return "failed";
        }
        await this.record(delivery, attempt, "retry", failure.reason);
        report.retries++;
        queue.push({
          delivery,
          attempt: attempt + 1,
          readyAt: Date.now() + (failure.retryAfterMs ?? this.backoffMs(attempt)),
          ...(item.resend ? { resend: true } : {}),
        });
        return "requeued";
      }
      await this.record(delivery, attempt, failure.outcome, failure.reason);
      if (failure.outcome === "unreachable") {
        report.unreachable++;
        await this.channel.markUnreachable(delivery, failure.reason);
      } else if (failure.outcome === "uncertain") report.uncertain++;
      else report.failed[failure.reason] = (report.failed[failure.reason] ?? 0) + 1;
      return failure.outcome;
    }
    this.recordSent(delivery, attempt, messageId);
    report.sent++;
    return "sent";
  }

  /** The text again, marked so that a reader who got both understands: "(gửi lại) …". */
  private resentText(delivery: Delivery): string {
    const language = isLocale(delivery.language) ? delivery.language : "vi";
    return `${this.i18n.t(language, "resend-marker")} ${delivery.text}`;
  }

  private async waitForDeparture(recipient: number | string): Promise<void> {
    for (let wait = this.departures.waitMs(recipient, Date.now()); wait > 0; ) {
      await new Promise((r) => setTimeout(r, wait));
      wait = this.departures.waitMs(recipient, Date.now());
    }
  }
}
