import { z } from "zod";
import { isLocalDate, type LocalDate } from "./dates.js";

/** Who a broadcast goes to; always narrowed further to the sending officer's scope. */
export type Audience =
  | { kind: "all" }
  | { kind: "overdue" }
  | { kind: "heads" }
  | { kind: "commune" | "group" | "programme"; code: string };

export const AUDIENCE_KINDS = ["all", "commune", "group", "programme", "overdue", "heads"] as const;
export type AudienceKind = (typeof AUDIENCE_KINDS)[number];

export function audienceNeedsCode(kind: AudienceKind): kind is "commune" | "group" | "programme" {
  return kind === "commune" || kind === "group" || kind === "programme";
}

export function describeAudience(audience: Audience): string {
  return "code" in audience ? `${audience.kind}:${audience.code}` : audience.kind;
}

export const broadcastConfigSchema = z.object({
  /** Broadcasts to more people than this need a second officer's approval (maker-checker). */
  approvalThreshold: z.number().int().min(0).default(500),
  /** A broadcast not sent within this many days of its date is dropped (old news). */
  expiryDays: z.number().int().min(1).max(60).default(3),
  /** Deliveries per batch: smaller than reminders' so that progress moves in small steps. */
  batchSize: z.number().int().min(1).max(10_000).default(100),
  /** The progress message is edited at most this often (Telegram limits edits like messages). */
  progressEverySeconds: z.number().min(1).max(600).default(5),
});
export type BroadcastConfig = z.infer<typeof broadcastConfigSchema>;

/** Telegram's limits on what a broadcast can carry (the header line is counted in). */
export const MAX_TEXT_LENGTH = 4096;
export const MAX_CAPTION_LENGTH = 1024;

export function broadcastTooLong(body: string, header: string, hasMedia: boolean): boolean {
  return header.length + 2 + body.length > (hasMedia ? MAX_CAPTION_LENGTH : MAX_TEXT_LENGTH);
}

/** One recipient chat per broadcast: the key that keeps a restart from sending it twice. */
export function broadcastDeliveryKey(broadcastId: string, chatId: number): string {
  return `broadcast:${broadcastId}:${chatId}`;
}

export function broadcastSource(broadcastId: string): string {
  return `broadcast:${broadcastId}`;
}

export function needsApproval(recipients: number, config: BroadcastConfig): boolean {
  return recipients > config.approvalThreshold;
}

/**
 * "dd/mm/yyyy hh:mm" in Vietnam time → the instant; null when it is not a real date and time.
 * Vietnam has no daylight saving, so the offset is always +07:00.
 */
export function parseVietnamDateTime(text: string): Date | null {
  const m = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})\s+(\d{1,2})[:h](\d{2})\s*$/.exec(text);
  if (!m) return null;
  const [, d, mo, y, h, mi] = m as unknown as [string, string, string, string, string, string];
  const date = `${y}-${mo.padStart(2, "0")}-${d.padStart(2, "0")}` as LocalDate;
  if (!isLocalDate(date) || Number(h) > 23 || Number(mi) > 59) return null;
  return new Date(`${date}T${h.padStart(2, "0")}:${mi}:00+07:00`);
}

export interface BroadcastCounts {
  sent: number;
  failed: number;
  unreachable: number;
  uncertain: number;
  expired: number;
  skipped: number;
}

export function emptyCounts(): BroadcastCounts {
  return { sent: 0, failed: 0, unreachable: 0, uncertain: 0, expired: 0, skipped: 0 };
}

export function settledCount(c: BroadcastCounts): number {
  return c.sent + c.failed + c.unreachable + c.uncertain + c.expired + c.skipped;
}

/** "▓▓▓▓▓░░░░░ 50%" */
export function progressBar(done: number, total: number, width = 10): string {
  const ratio = total > 0 ? Math.min(1, done / total) : 1;
  const filled = Math.round(ratio * width);
  return `${"▓".repeat(filled)}${"░".repeat(width - filled)} ${Math.floor(ratio * 100)}%`;
}

/** Seconds left at the rate seen so far, or at the nominal rate before any is seen; null when done. */
export function secondsLeft(left: number, observedPerSecond: number | null, nominalPerSecond: number): number | null {
  if (left <= 0) return null;
  const rate = observedPerSecond && observedPerSecond > 0 ? observedPerSecond : nominalPerSecond;
  return Math.ceil(left / rate);
}

/** "1 giờ 5 phút" style durations are localised by the caller; this splits the seconds. */
export function splitDuration(seconds: number): { hours: number; minutes: number; seconds: number } {
  return { hours: Math.floor(seconds / 3600), minutes: Math.floor((seconds % 3600) / 60), seconds: seconds % 60 };
}
