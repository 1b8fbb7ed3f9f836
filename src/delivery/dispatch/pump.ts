import {
  type Delivery,
  type DeliveryBatch,
  leaseNextBatch,
  markBatchDone,
  releaseBatchLease,
  renewBatchLease,
} from "../../data/dispatch.js";
import { vietnamDate } from "../../domain/dates.js";
import type { ChannelUnavailableError } from "../channels/channel.js";
import type { BroadcastCounts } from "../counters.js";
import { isInSendingWindow, nextSendingTime } from "../settings.js";
import { sendOne } from "./attempt.js";
import type { DispatchContext, QueueItem, SendResult } from "./context.js";
import { listInDoubt, prepareBatch } from "./prepare.js";
import { type DispatchReport, timed } from "./report.js";

interface ActiveBatch {
  batch: DeliveryBatch;
  /** Deliveries not yet settled. */
  remaining: number;
  /** Final outcomes so far, including those an earlier owner recorded; stored when the batch is done. */
  counts: BroadcastCounts;
}

/** How far down the queue to look for a chat that may receive a message now. */
const LOOKAHEAD = 256;

/** A pause that ends after `ms`, or earlier when the function handed to `onWake` is called. */
export function wakeableSleep(ms: number, onWake: (wake: () => void) => void): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    onWake(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/**
 * One run of sending: batch after batch, while the leader's lease holds. The next batch is claimed
 * and loaded while the current one's last messages go out, so the sending rate does not dip between
 * batches.
 */
export class Pump {
  private readonly queue: QueueItem[] = [];
  private readonly active = new Map<string, ActiveBatch>();
  private readonly inflight = new Set<Promise<void>>();
  private refilling: Promise<void> | null = null;
  private renewing: Promise<void> | null = null;
  private exhausted = false;
  private signal: (() => void) | null = null;
  /** The channel said it cannot take messages: nothing more is picked this run. */
  private down: ChannelUnavailableError | null = null;
  /** Per batch, its messages whose request got no answer, listed to the officers when it ends. */
  private readonly unanswered = new Map<string, Delivery[]>();

  constructor(
    private readonly ctx: DispatchContext,
    private readonly report: DispatchReport,
    private readonly isStopping: () => boolean,
  ) {}

  async run(renewLeader: () => Promise<void>): Promise<void> {
    const { ctx, queue, report } = this;
    const closures = ctx.closures();
    let lastRenewal = Date.now();
    ctx.channel.beginRun?.();
    ctx.outcomes.onReleased = this.settle;
    await this.refill();
    while (queue.length > 0 || this.inflight.size > 0 || this.refilling) {
      const nowMs = Date.now();
      if (nowMs - lastRenewal > ctx.leaseMs / 3 && !this.renewing) {
        lastRenewal = nowMs;
        this.renewInBackground(renewLeader);
      }
      const now = ctx.now();
      const inWindow = isInSendingWindow(now, ctx.config, closures);
      if (!inWindow && queue.length > 0) report.resumesAt = nextSendingTime(now, ctx.config, closures);
      const mayPick = !this.isStopping() && inWindow && !ctx.outcomes.failed && !this.down;
      if (mayPick && !this.exhausted && !this.refilling && queue.length < this.lowWater()) this.refillInBackground();
      const { picked, waitMs } = mayPick && ctx.outcomes.hasRoom ? this.pickReady(nowMs) : { picked: -1, waitMs: 1000 };
      if (picked >= 0) {
        const [item] = queue.splice(picked, 1) as [QueueItem];
        ctx.pacing.pacer.record(ctx.channel.recipientOf(item.delivery), nowMs);
        this.launch(item);
        continue;
      }
      if (!mayPick && this.inflight.size === 0 && !this.refilling) break;
      // Never past the next renewal: a long pause would let the leases run out under us.
      await wakeableSleep(Math.max(1, Math.min(waitMs, ctx.leaseMs / 3)), (wake) => {
        this.signal = wake;
      });
      this.signal = null;
    }
    await this.renewing;
    await this.end();
  }

  /** The channel is down: the messages wait unspent, and the run ends once what is in flight is done. */
  channelDown(error: ChannelUnavailableError): void {
    if (this.down) return;
    this.down = error;
    this.report.channelDown = { reason: error.reason, retryAfterMs: error.retryAfterMs };
    const resumesAt = new Date(this.ctx.now().getTime() + error.retryAfterMs);
    if (!this.report.resumesAt || this.report.resumesAt < resumesAt) this.report.resumesAt = resumesAt;
    this.settle();
  }

  noteUncertain(delivery: Delivery): void {
    this.unanswered.set(delivery.batchId, [...(this.unanswered.get(delivery.batchId) ?? []), delivery]);
  }

  /** The batch's messages left unanswered go to their officers today, like those a crash left. */
  private async listUnanswered(batch: DeliveryBatch): Promise<void> {
    const deliveries = this.unanswered.get(batch._id);
    if (!deliveries) return;
    this.unanswered.delete(batch._id);
    const today = vietnamDate(this.ctx.now());
    this.report.inDoubtListed += await listInDoubt(this.ctx, batch, deliveries, today, "/unanswered");
  }

  /** Something settled or arrived: the loop looks again now instead of at the end of its pause. */
  private readonly settle = () => this.signal?.();

  private async refill(): Promise<void> {
    const batch = await timed(this.report, "claim", () => this.claimBatch());
    if (!batch) {
      this.exhausted = true;
      return;
    }
    this.report.batches++;
    const { queue: items, counts } = await prepareBatch(this.ctx, batch, this.report);
    this.active.set(batch._id, { batch, remaining: items.length, counts });
    this.queue.push(...items);
    if (items.length === 0) await this.finishBatch(batch._id);
  }

  private refillInBackground(): void {
    this.refilling = this.refill()
      .catch((e) => this.ctx.outcomes.fail(e))
      .finally(() => {
        this.refilling = null;
        this.settle();
      });
  }

  private async claimBatch(): Promise<DeliveryBatch | null> {
    const { ctx } = this;
    const now = ctx.now();
    if (!isInSendingWindow(now, ctx.config, ctx.closures())) {
      this.report.resumesAt = nextSendingTime(now, ctx.config, ctx.closures());
      return null;
    }
    for (;;) {
      const batch = await leaseNextBatch(ctx.channel.name, ctx.owner, now, ctx.leaseMs);
      if (!batch || !this.active.has(batch._id)) return batch;
      // Its own batch, whose lease ran out before a renewal came (a stall): the claim has renewed it.
      // Preparing it again would take the messages in flight for ones a dead dispatcher left in doubt.
      this.report.leaseLapses++;
      ctx.log.warn({ batch: batch._id, leaseSeconds: ctx.leaseMs / 1000 }, "a batch lease ran out while held");
    }
  }

  private async onSettled(item: QueueItem, result: SendResult): Promise<void> {
    const entry = this.active.get(item.delivery.batchId);
    if (result === "requeued" || result === "held" || !entry) return;
    if (result !== "taken") entry.counts[result]++;
    entry.remaining--;
    if (entry.remaining === 0) await this.finishBatch(item.delivery.batchId);
  }

  /** Sends one message in the background; it counts as in doubt from now until its outcome is written. */
  private launch(item: QueueItem): void {
    const { outcomes } = this.ctx;
    outcomes.holdSlot();
    const task: Promise<void> = sendOne(this.ctx, item, this.queue, this.report)
      .then((result) => {
        // A success leaves doubt when its outcome is written (recordSent); anything else already has.
        if (result !== "sent") outcomes.release(1);
        return this.onSettled(item, result);
      })
      .catch((e) => outcomes.fail(e))
      .finally(() => {
        this.inflight.delete(task);
        this.settle();
      });
    this.inflight.add(task);
  }

  /** How short the queue may get before the next batch is loaded: about two seconds of sending. */
  private lowWater(): number {
    return Math.max(50, Math.ceil(this.ctx.channel.limits.globalPerSecond * 2));
  }

  /**
   * The first item of the queue's head that may go now (its retry time passed, its chat's pacing
   * allows it), or how long to wait until one may.
   */
  private pickReady(nowMs: number): { picked: number; waitMs: number } {
    const { pacer } = this.ctx.pacing;
    const globalWait = pacer.globalWaitMs(nowMs);
    if (globalWait > 0) return { picked: -1, waitMs: globalWait };
    let waitMs = 1000;
    const end = Math.min(this.queue.length, LOOKAHEAD);
    for (let i = 0; i < end; i++) {
      const item = this.queue[i] as QueueItem;
      const wait = Math.max(item.readyAt - nowMs, pacer.waitMs(this.ctx.channel.recipientOf(item.delivery), nowMs));
      if (wait === 0) return { picked: i, waitMs: 0 };
      waitMs = Math.min(waitMs, wait);
    }
    return { picked: -1, waitMs };
  }

  /** A cancelled broadcast leaves the queue; other processes notice at their next lease renewal. */
  dropSource(source: string): void {
    for (const [batchId, entry] of this.active) if (entry.batch.source === source) this.active.delete(batchId);
    this.removeQueued((item) => item.delivery.source === source);
  }

  /** An unlinked chat's messages about its household leave the queue (the caller recorded them skipped). */
  dropChat(chatId: number): void {
    for (const item of this.removeQueued((i) => i.delivery.chatId === chatId && !!i.delivery.householdCode)) {
      this.onSettled(item, "skipped").catch((error) => this.ctx.outcomes.fail(error));
    }
  }

  private removeQueued(matches: (item: QueueItem) => boolean): QueueItem[] {
    const removed: QueueItem[] = [];
    for (let i = this.queue.length - 1; i >= 0; i--) {
      const item = this.queue[i] as QueueItem;
      if (!matches(item)) continue;
      this.queue.splice(i, 1);
      removed.push(item);
    }
    return removed;
  }

  /** Extends the leader's and the batches' leases while the sending goes on. */
  private renewInBackground(renewLeader: () => Promise<void>): void {
    this.renewing = timed(this.report, "renew", async () => {
      await renewLeader();
      await this.renewBatches();
    })
      .catch((e) => this.ctx.outcomes.fail(e))
      .finally(() => {
        this.renewing = null;
      });
  }

  /** Extends the leases of the batches in hand; drops the messages of any batch taken over meanwhile. */
  private async renewBatches(): Promise<void> {
    const { ctx } = this;
    for (const batchId of [...this.active.keys()]) {
      const until = new Date(ctx.now().getTime() + ctx.leaseMs);
      if (await renewBatchLease(batchId, ctx.owner, until)) continue;
      this.active.delete(batchId);
      this.removeQueued((item) => item.delivery.batchId === batchId);
    }
  }

  private async finishBatch(batchId: string): Promise<void> {
    const entry = this.active.get(batchId);
    this.active.delete(batchId);
    if (entry) await this.listUnanswered(entry.batch);
    await this.ctx.outcomes.flush();
    // Successes that could not be written leave the batch leased: its next owner settles them.
    if (this.ctx.outcomes.failed) return;
    await timed(this.report, "finish", () => markBatchDone(batchId, this.ctx.owner, entry?.counts ?? null));
  }

  private async end(): Promise<void> {
    const { outcomes } = this.ctx;
    outcomes.onReleased = null;
    if (outcomes.failed) {
      // Leave the batches leased: their attempts and outcomes tell the next dispatcher where to resume.
      throw outcomes.takeFailure();
    }
    await outcomes.flush();
    // Stopped early (window closed, shutting down, channel down): hand unfinished batches back for
    // whoever comes next. A closed window holds them until it opens; a channel that is down here
    // holds nothing back: the next leader may find it working.
    const notBefore = this.down ? null : (this.report.resumesAt ?? null);
    for (const { batch } of this.active.values()) {
      await this.listUnanswered(batch);
      await releaseBatchLease(batch._id, this.ctx.owner, notBefore);
    }
  }
}
