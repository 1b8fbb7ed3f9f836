import type { I18n } from "@grammyjs/i18n";
import type { Api } from "grammy";
import { loadHolidays } from "../../catalogue/load.js";
import { type Broadcast, broadcastsToFollow, transitionBroadcast } from "../../data/broadcasts.js";
import { type BroadcastCounts, settledCount } from "../../delivery/counters.js";
import { formatDateVi, vietnamDate, vietnamTimeOfDay } from "../../domain/dates.js";
import { escapeHtml } from "../../domain/html.js";
import type { Closure } from "../../domain/transactionDay.js";
import type { Locale } from "../../i18n.js";
import { type Logger, safeError } from "../../logger.js";
import type { ReminderConfig } from "../../reminders/config.js";
import { audit, type Scope } from "../../staff/roles.js";
import { progressBar, secondsLeft, splitDuration } from "./progress.js";
import {
  auditBroadcast,
  type BroadcastProgress,
  broadcastProgress,
  enqueueBroadcast,
  makerLocale,
  outcomeCounts,
  transition,
  unreachableRecipients,
} from "./service.js";

const MAX_LISTED_UNREACHABLE = 30;
/** A broadcast queued this long ago whose deliveries are still not all written was left half-queued by a crash. */
const REQUEUE_AFTER_MS = 2 * 60_000;

export interface MonitorOptions {
  /** The bot's Api (edits the progress message, sends the final report). */
  api: Api;
  i18n: I18n;
  config: ReminderConfig;
  /** Fixed closures (tests); without them, the holidays as they are now. */
  closures?: readonly Closure[] | undefined;
  log: Logger;
  /** The maker's scope as it is now (null: no longer an officer); queueing uses it, not the saved one. */
  makerScope: (telegramUserId: number) => Promise<Scope | null>;
  /** Takes a slot within the flood limits before each edit (the dispatcher's pacer). */
  reserve?: (chatId: number) => Promise<void>;
  now?: () => Date;
}

function formatEta(i18n: I18n, locale: Locale, seconds: number | null): string {
  if (seconds === null) return "—";
  const { hours, minutes, seconds: s } = splitDuration(seconds);
  return i18n.t(locale, "broadcast-eta", { hours, minutes, seconds: s });
}

export function progressText(
  i18n: I18n,
  locale: Locale,
  broadcast: Pick<Broadcast, "_id" | "startsAt">,
  progress: BroadcastProgress,
  observedPerSecond: number | null,
  nominalPerSecond: number,
  now: Date,
): string {
  const { counts, total, left } = progress;
  const lines = [i18n.t(locale, "broadcast-progress-title", { id: broadcast._id })];
  if (broadcast.startsAt && broadcast.startsAt > now && settledCount(counts) === 0) {
    lines.push(
      i18n.t(locale, "broadcast-progress-scheduled", {
        date: formatDateVi(vietnamDate(broadcast.startsAt)),
        time: vietnamTimeOfDay(broadcast.startsAt),
        total,
      }),
    );
    return lines.join("\n");
  }
  lines.push(
    progressBar(settledCount(counts), total),
    i18n.t(locale, "broadcast-progress-counts", {
      sent: counts.sent,
      failed: counts.failed + counts.unreachable + counts.uncertain + counts.expired + counts.skipped,
      left,
    }),
    i18n.t(locale, "broadcast-progress-eta", {
      eta: formatEta(i18n, locale, secondsLeft(left, observedPerSecond, nominalPerSecond)),
    }),
  );
  return lines.join("\n");
}

/** "Đã gửi: 3 · Không gửi: 2": what was sent, then only the other counters that are not zero. */
function reportCounts(i18n: I18n, locale: Locale, counts: BroadcastCounts & { notSent: number }): string {
  const labels: [keyof typeof counts, string][] = [
    ["sent", "broadcast-report-sent"],
    ["unreachable", "broadcast-report-unreachable-count"],
    ["failed", "broadcast-report-failed"],
    ["uncertain", "broadcast-report-uncertain"],
    ["expired", "broadcast-report-expired"],
    ["skipped", "broadcast-report-skipped"],
    ["notSent", "broadcast-report-not-sent"],
  ];
  return labels
    .filter(([key]) => key === "sent" || counts[key] > 0)
    .map(([key, label]) => i18n.t(locale, label, { count: counts[key] }))
    .join(" · ");
}

export function finalReportText(
  i18n: I18n,
  locale: Locale,
  broadcast: Pick<Broadcast, "_id" | "status">,
  counts: BroadcastCounts,
  notSent: number,
  unreachable: readonly string[],
): string {
  const lines = [
    i18n.t(locale, broadcast.status === "cancelled" ? "broadcast-report-cancelled" : "broadcast-report-done", {
      id: broadcast._id,
    }),
    reportCounts(i18n, locale, { ...counts, notSent }),
  ];
  if (unreachable.length > 0) {
    const shown = unreachable.slice(0, MAX_LISTED_UNREACHABLE).map(escapeHtml).join(", ");
    lines.push(i18n.t(locale, "broadcast-report-unreachable", { count: unreachable.length, codes: shown }));
    if (unreachable.length > MAX_LISTED_UNREACHABLE) {
      lines.push(i18n.t(locale, "broadcast-report-more", { count: unreachable.length - MAX_LISTED_UNREACHABLE }));
    }
  }
  return lines.join("\n");
}

/**
 * Keeps each running broadcast's progress message up to date (edited in place, no more often than
 * `progressEverySeconds`, only when its text changed) and, once every batch is done or cancelled,
 * marks the broadcast finished and sends the officer the final report. Progress is read from the
 * batch records, so it is right whichever process sends and survives restarts. A queued broadcast
 * whose deliveries were not all written (a crash while queueing) is queued again here; queueing is
 * idempotent.
 */
export class BroadcastMonitor {
  private readonly shown = new Map<string, string>();
  private readonly rate = new Map<string, { settled: number; at: number; perSecond: number | null }>();
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> = Promise.resolve();
  private readonly now: () => Date;

  constructor(private readonly options: MonitorOptions) {
    this.now = options.now ?? (() => new Date());
  }

  start(): void {
    const every = this.options.config.broadcasts.progressEverySeconds * 1000;
    const loop = () => {
      this.running = this.tick()
        .catch((error) => this.options.log.error({ err: safeError(error) }, "broadcast monitor failed"))
        .finally(() => {
          if (this.timer !== null) this.timer = setTimeout(loop, every);
        });
    };
    this.timer = setTimeout(loop, 0);
  }

  async stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  /** One round: every queued broadcast, and any cancelled one whose report is still owed. */
  async tick(): Promise<void> {
    const broadcasts = await broadcastsToFollow();
    for (const broadcast of broadcasts) await this.follow(broadcast);
  }

  private async follow(broadcast: Broadcast): Promise<void> {
    const { i18n, config } = this.options;
    if (broadcast.status === "queued" && !broadcast.enqueuedAt) {
      // Being queued right now (by the bot) is not the same as a queueing that died: give it time.
      const queuedAt = broadcast.queuedAt?.getTime() ?? 0;
      if (this.now().getTime() - queuedAt < REQUEUE_AFTER_MS) return;
      const scope = await this.options.makerScope(broadcast.createdBy);
      if (!scope) {
        await transition(broadcast._id, "queued", { status: "cancelled", finishedAt: new Date() });
        await auditBroadcast(broadcast.createdBy, "broadcast-dropped", broadcast, { reason: "maker-revoked" });
        return;
      }
      const closures = this.options.closures ?? loadHolidays().closures;
      await enqueueBroadcast(broadcast, scope, { i18n, config, closures, now: this.now() });
      return;
    }
    const progress = await broadcastProgress(broadcast._id);
    const locale = makerLocale(broadcast);
    if (progress.finished || broadcast.status === "cancelled") {
      await this.finish(broadcast, progress, locale);
      return;
    }
    const settled = settledCount(progress.counts);
    const nowMs = Date.now();
    const last = this.rate.get(broadcast._id);
    let perSecond = last?.perSecond ?? null;
    if (last && settled > last.settled && nowMs > last.at)
      perSecond = ((settled - last.settled) * 1000) / (nowMs - last.at);
    this.rate.set(broadcast._id, { settled, at: nowMs, perSecond });
    const text = progressText(
      i18n,
      locale,
      broadcast,
      progress,
      perSecond,
      config.telegramLimits.globalPerSecond,
      this.now(),
    );
    await this.show(broadcast, text);
  }

  private async finish(broadcast: Broadcast, progress: BroadcastProgress, locale: Locale): Promise<void> {
    const cancelled = broadcast.status === "cancelled";
    // A cancelled broadcast's last batch may never record its counts: count its outcomes instead.
    if (cancelled) {
      progress.counts = await outcomeCounts(broadcast._id);
      progress.left = progress.total - settledCount(progress.counts);
    }
    // Only the process that makes this step reports, so the officer gets one report.
    const done = cancelled
      ? await transitionBroadcast(broadcast._id, "cancelled", { counts: progress.counts }, { counts: null })
      : await transitionBroadcast(broadcast._id, "queued", {
          counts: progress.counts,
          status: "done",
          finishedAt: new Date(),
        });
    if (!done) return;
    const unreachable = await unreachableRecipients(broadcast._id);
    const text = finalReportText(this.options.i18n, locale, done, progress.counts, progress.left, unreachable);
    await this.show(
      done,
      [
        this.options.i18n.t(locale, "broadcast-progress-title", { id: done._id }),
        progressBar(settledCount(progress.counts), progress.total),
      ].join("\n"),
    );
    const chatId = done.progress?.chatId;
    if (chatId) {
      await this.options.reserve?.(chatId);
      await this.options.api.sendMessage(chatId, text, { parse_mode: "HTML" });
    }
    await audit(
      done.createdBy,
      "broadcast-finished",
      done.scope,
      { ...progress.counts, notSent: progress.left },
      {
        broadcast: done._id,
      },
    );
    this.shown.delete(done._id);
    this.rate.delete(done._id);
  }

  private async show(broadcast: Broadcast, text: string): Promise<void> {
    const { chatId, messageId } = broadcast.progress ?? {};
    if (!chatId || !messageId || this.shown.get(broadcast._id) === text) return;
    this.shown.set(broadcast._id, text);
    await this.options.reserve?.(chatId);
    await this.options.api.editMessageText(chatId, messageId, text).catch((error: unknown) => {
      // "message is not modified" after a restart, or the officer deleted it: progress is not worth failing for.
      this.options.log.warn({ broadcast: broadcast._id, err: safeError(error) }, "progress edit failed");
    });
  }
}
