import { randomUUID } from "node:crypto";
import type { I18n } from "@grammyjs/i18n";
import { Api } from "grammy";
import { loadHolidays } from "../catalogue/load.js";
import { LockHeldError, withLock } from "../data/lock.js";
import type { PhoneChannel } from "../domain/channels.js";
import type { Closure } from "../domain/transactionDay.js";
import { createI18n } from "../i18n.js";
import { type Logger, safeError } from "../logger.js";
import { countApiCalls } from "../metrics.js";
import { noteChannelState } from "./channelAlert.js";
import type { SendChannel } from "./channels/channel.js";
import { TelegramChannel } from "./channels/telegram.js";
import type { DispatchContext } from "./dispatch/context.js";
import { OutcomeRecorder } from "./dispatch/outcomes.js";
import { Pacing } from "./dispatch/pacing.js";
import { Pump, wakeableSleep } from "./dispatch/pump.js";
import { type DispatchReport, emptyReport } from "./dispatch/report.js";
import type { DeliverySettings } from "./settings.js";

export type { DispatchReport } from "./dispatch/report.js";

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
  /**
   * Several processes: how long to let another try the lease first (0: this process is first in line
   * for this branch, delivery/spread.ts). The lease alone still decides; this only spreads branches.
   */
  deferMs?: () => number;
}

function telegramChannelOf(options: DispatcherOptions): SendChannel {
  if (!options.api) throw new Error("a dispatcher needs a channel, or a Telegram Api");
  return new TelegramChannel(options.api, options.config.telegramLimits);
}

/** One sending leader per channel (Telegram's lock keeps the name it had before channels existed). */
const leaderLock = (channel: SendChannel) =>
  channel.name === "telegram" ? "delivery-dispatcher" : `delivery-dispatcher:${channel.name}`;

/**
 * Sends what the planner (or a broadcast) put in the outbox, within the channel's flood limits and the
 * sending window. One dispatcher sends at a time (a lease), because Telegram's 30 messages a second
 * are per bot, not per process; others stand by and take over when its lease runs out. Work is leased
 * batch by batch; every attempt is announced by inserting its unique id first, so even two
 * dispatchers holding the same batch could not send one message twice; a dispatcher that dies
 * mid-send leaves an attempt without an outcome, which its successor settles by the kind's policy
 * (delivery/resume.ts). The parts: dispatch/pump.ts (the sending loop, batches and leases),
 * dispatch/prepare.ts (what a batch still needs), dispatch/attempt.ts (one message),
 * dispatch/outcomes.ts (records and the in-doubt cap), dispatch/pacing.ts (flood limits).
 */
export class Dispatcher {
  readonly channel: SendChannel;
  private ctx: DispatchContext;
  private stopping = false;
  private wakeUp: (() => void) | null = null;
  /** Work arrived while a run was under way (it may have been claimed too late for it): run again. */
  private woken = false;
  private pump: Pump | null = null;

  constructor(private readonly options: DispatcherOptions) {
    this.channel = options.channel ?? telegramChannelOf(options);
    const now = options.now ?? (() => new Date());
    this.ctx = {
      owner: options.owner ?? randomUUID(),
      channel: this.channel,
      config: options.config,
      log: options.log,
      adminIds: options.adminIds ?? [],
      i18n: options.i18n ?? createI18n(),
      leaseMs: options.config.dispatch.leaseSeconds * 1000,
      now,
      closures: () => options.closures ?? loadHolidays().closures,
      pacing: new Pacing(this.channel.limits),
      outcomes: this.newRecorder(),
      channelDown: (error) => this.pump?.channelDown(error),
      noteUncertain: (delivery) => this.pump?.noteUncertain(delivery),
    };
  }

  private newRecorder(): OutcomeRecorder {
    return new OutcomeRecorder(this.channel.maxInDoubt ?? this.options.config.dispatch.maxInDoubt);
  }

  /** Sends every batch that may go now; returns when none is left or the window closes. */
  async runOnce(): Promise<DispatchReport> {
    const report = emptyReport();
    try {
      await withLock(leaderLock(this.channel), this.ctx.leaseMs, async (renewLeader) => {
        await this.channel.open?.();
        // A run that failed (the database went away mid-write) may have left slots held and successes
        // unwritten in its recorder: each run counts afresh, and what the failed one left is on record
        // as attempts without outcomes, settled when its batch is claimed again.
        if (this.ctx.outcomes.failed || !this.ctx.outcomes.idle)
          this.ctx = { ...this.ctx, outcomes: this.newRecorder() };
        this.pump = new Pump(this.ctx, report, () => this.stopping);
        try {
          await this.pump.run(renewLeader);
        } finally {
          this.pump = null;
        }
      });
    } catch (error) {
      if (!(error instanceof LockHeldError)) throw error;
      report.leader = false;
    }
    if (report.leader && this.channel.name !== "telegram") await this.noteChannelState(report);
    return report;
  }

  /** An SMS or Zalo provider found down, or working again: admins are told once (delivery/channelAlert.ts). */
  private async noteChannelState(report: DispatchReport): Promise<void> {
    const { i18n, adminIds, log } = this.ctx;
    const context = { channel: this.channel.name as PhoneChannel, i18n, adminIds, log, now: this.ctx.now() };
    await noteChannelState(context, report).catch((error) =>
      log.error({ err: safeError(error) }, "could not record the channel's state"),
    );
  }

  /**
   * Runs until stop(): sends what is due, then sleeps until the next window opens, work arrives
   * (wake()) or the idle poll comes round.
   */
  async run(onReport?: (report: DispatchReport) => void): Promise<void> {
    while (!this.stopping) {
      let report: DispatchReport | null = null;
      this.woken = false;
      const deferMs = this.options.deferMs?.() ?? 0;
      // Not first in line: the preferred process gets the lease when it is alive; this one after, if not.
      if (deferMs > 0) await new Promise((resolve) => setTimeout(resolve, deferMs));
      if (this.stopping) break;
      try {
        report = await this.runOnce();
        onReport?.(report);
      } catch (error) {
        this.options.log.error({ err: safeError(error) }, "dispatch failed");
      }
      if (this.stopping) break;
      if (this.woken) continue;
      const idleMs = this.options.config.dispatch.idlePollSeconds * 1000;
      const untilWindow = report?.resumesAt ? report.resumesAt.getTime() - this.ctx.now().getTime() : idleMs;
      await this.sleep(Math.max(50, Math.min(untilWindow, idleMs)));
    }
  }

  /** New work is in the outbox: stop sleeping, or look again as soon as the run under way ends. */
  wake(): void {
    this.woken = true;
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

  /** Stops sending what is queued here about a household to this chat (its owner unlinked). */
  cancelChat(chatId: number): void {
    this.pump?.dropChat(chatId);
  }

  /**
   * Stops sending what is queued here for a source (a cancelled broadcast). Other processes notice
   * at their next lease renewal, because a cancelled batch's lease cannot be renewed.
   */
  cancelSource(source: string): void {
    this.pump?.dropSource(source);
  }

  /**
   * Waits for a slot within the flood limits and takes it, for a message sent outside the outbox
   * (a broadcast's progress edit), so that it never pushes the outbox's sending over the limits.
   */
  reserve(chatId: number): Promise<void> {
    return this.ctx.pacing.reserve(chatId);
  }
}
