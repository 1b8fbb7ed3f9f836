import { z } from "zod";
import { isLocalDate, type LocalDate, vietnamInstant } from "./dates.js";

/** Who a broadcast goes to; always narrowed further to the sending officer's scope. */
export type Audience =
  | { kind: "all" }
  | { kind: "overdue" }
  | { kind: "heads" }
  /** Every branch's borrowers, each through their branch's bot (the central office's admins only). */
  | { kind: "national" }
  | { kind: CodedAudienceKind; code: string };

export const AUDIENCE_KINDS = [
  "all",
  "commune",
  "point",
  "group",
  "programme",
  "overdue",
  "heads",
  "national",
] as const;
export type AudienceKind = (typeof AUDIENCE_KINDS)[number];
export type CodedAudienceKind = "commune" | "point" | "group" | "programme";

export function audienceNeedsCode(kind: AudienceKind): kind is CodedAudienceKind {
  return kind === "commune" || kind === "point" || kind === "group" || kind === "programme";
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

/** Room kept for the "(gửi lại)" marker a resend after a crash puts before the text. */
export const RESEND_MARKER_ROOM = 20;

export function broadcastTooLong(body: string, header: string, hasMedia: boolean): boolean {
  return header.length + 2 + body.length + RESEND_MARKER_ROOM > (hasMedia ? MAX_CAPTION_LENGTH : MAX_TEXT_LENGTH);
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

/** "dd/mm/yyyy hh:mm" in Vietnam time → the instant; null when it is not a real date and time. */
export function parseVietnamDateTime(text: string): Date | null {
  const m = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})\s+(\d{1,2})[:h](\d{2})\s*$/.exec(text);
  if (!m) return null;
  const [, d, mo, y, h, mi] = m as unknown as [string, string, string, string, string, string];
  const date = `${y}-${mo.padStart(2, "0")}-${d.padStart(2, "0")}` as LocalDate;
  if (!isLocalDate(date) || Number(h) > 23 || Number(mi) > 59) return null;
  return vietnamInstant(date, `${h}:${mi}`);
}
