import { randomBytes } from "node:crypto";
import type { I18n } from "@grammyjs/i18n";
import {
  audienceRecords,
  type Broadcast,
  batchesOf,
  cancelBatchesOf,
  insertBroadcast,
  outcomeTotalsOf,
  refusedHouseholdsOf,
  transitionBroadcast,
  updateBroadcast,
} from "../../data/broadcasts.js";
import { enqueueDeliveries, type NewDelivery, releasePlanningBatches } from "../../data/outbox.js";
import { type BroadcastCounts, emptyCounts, settledCount } from "../../delivery/counters.js";
import { type DeliveryMedia, mediaOf } from "../../delivery/send.js";
import { nextSendingTime } from "../../delivery/settings.js";
import { type Audience, broadcastDeliveryKey, broadcastSource, describeAudience } from "../../domain/broadcast.js";
import { addDays, vietnamDate } from "../../domain/dates.js";
import type { Place } from "../../domain/scope.js";
import type { Closure } from "../../domain/transactionDay.js";
import { isLocale, type Locale } from "../../i18n.js";
import type { ReminderConfig } from "../../reminders/config.js";
import { audit, inScope, type Scope, type Staff } from "../../staff/roles.js";

export { audienceCodeExists } from "../../data/broadcasts.js";

export interface Recipient {
  chatId: number;
  householdCode: string;
  groupCode: string;
  communeCode: string;
  language: Locale;
}

export type { Place } from "../../domain/scope.js";

export interface AudienceResult {
  recipients: Recipient[];
  /** Linked chats in the audience that Telegram refused before; they are left out. */
  unreachable: number;
  places: Place[];
}

/**
 * The linked chats an audience reaches within a scope, one per chat (a chat linked to two
 * households gets the notice once). Reads whole collections and filters in memory, as the planner
 * does: every filtered query is a full scan on FerretDB, and on MongoDB the reads take seconds.
 */
export async function resolveAudience(scope: Scope, audience: Audience): Promise<AudienceResult> {
  const { households, loanHouseholds, linked: accounts, unreachable } = await audienceRecords(scope, audience);
  const linked = new Map<string, { chats: number[]; language: Locale }>();
  for (const a of accounts) linked.set(a.code, { chats: a.chats, language: isLocale(a.language) ? a.language : "vi" });
  const seen = new Set<number>();
  const places = new Map<string, Place>();
  const recipients: Recipient[] = [];
  let unreachableCount = 0;
  for (const h of households) {
    const code = h.code;
    if (loanHouseholds && !loanHouseholds.has(code)) continue;
    const account = linked.get(code);
    if (!account) continue;
    for (const chatId of account.chats) {
      if (seen.has(chatId)) continue;
      seen.add(chatId);
      if (unreachable.has(chatId)) {
        unreachableCount++;
        continue;
      }
      recipients.push({
        chatId,
        householdCode: code,
        groupCode: h.groupCode,
        communeCode: h.communeCode,
        language: account.language,
      });
      places.set(h.groupCode, { communeCode: h.communeCode, officeCode: h.officeCode, groupCode: h.groupCode });
    }
  }
  return { recipients, unreachable: unreachableCount, places: [...places.values()] };
}

export function newBroadcastId(): string {
  return randomBytes(4).toString("hex");
}

export interface DraftInput {
  staff: Staff;
  scope: string;
  body: string;
  media: DeliveryMedia | null;
  language: Locale;
  chatId: number;
}

export async function createDraft(input: DraftInput): Promise<Broadcast> {
  return insertBroadcast({
    _id: newBroadcastId(),
    status: "draft",
    createdBy: input.staff.telegramUserId,
    createdAt: new Date(),
    scope: input.scope,
    body: input.body,
    media: input.media,
    progress: { chatId: input.chatId, messageId: null, language: input.language },
  });
}

/** The header every recipient sees above the officer's words, in their language. */
export function broadcastText(i18n: I18n, locale: Locale, body: string): string {
  return `${i18n.t(locale, "broadcast-header")}\n\n${body}`;
}

/** Whether an approver's scope covers every group the broadcast reaches. */
export function coversPlaces(scope: Scope, places: readonly Place[]): boolean {
  return places.every((p) => inScope(scope, p));
}

export interface QueueResult {
  recipients: number;
  inserted: number;
  /** When sending may start: the scheduled time or now, moved to the next sending window. */
  startsAt: Date;
}

/**
 * Writes one delivery per recipient chat to the outbox, with the audience as it is now. Idempotent
 * (the delivery key is broadcast and chat), so a crash half-way is repaired by queueing again.
 */
export async function enqueueBroadcast(
  broadcast: Broadcast,
  scope: Scope,
  options: { i18n: I18n; config: ReminderConfig; closures: readonly Closure[]; now?: Date },
): Promise<QueueResult> {
  const now = options.now ?? new Date();
  const config = options.config.broadcasts;
  // Batches an earlier, crashed queueing left half-written: their deliveries are in, so they can go.
  await releasePlanningBatches(broadcastSource(broadcast._id));
  const audience = toAudience(broadcast);
  const { recipients } = await resolveAudience(scope, audience);
  const requested = broadcast.scheduledAt && broadcast.scheduledAt > now ? broadcast.scheduledAt : now;
  // Outside the sending hours (or on a holiday) it waits for the next window, as reminders do.
  const sendAt = nextSendingTime(requested, options.config, options.closures);
  const eventDate = vietnamDate(sendAt);
  const texts = new Map<Locale, string>(
    (["vi", "en"] as const).map((l) => [l, broadcastText(options.i18n, l, broadcast.body)]),
  );
  const media = mediaOf(broadcast.media);
  const deliveries: NewDelivery[] = recipients.map((r) => ({
    _id: broadcastDeliveryKey(broadcast._id, r.chatId),
    kind: "broadcast",
    eventDate,
    expiresOn: addDays(eventDate, config.expiryDays),
    chatId: r.chatId,
    householdCode: r.householdCode,
    groupCode: r.groupCode,
    communeCode: r.communeCode,
    text: texts.get(r.language) as string,
    language: r.language,
    media,
  }));
  const result = await enqueueDeliveries(broadcastSource(broadcast._id), eventDate, deliveries, {
    batchSize: config.batchSize,
    notBefore: sendAt,
    now,
  });
  await updateBroadcast(broadcast._id, { recipients: recipients.length, startsAt: sendAt, enqueuedAt: new Date() });
  return { recipients: recipients.length, inserted: result.inserted, startsAt: sendAt };
}

/** The maker's language, kept with the progress message (Vietnamese when unknown). */
export function makerLocale(broadcast: Pick<Broadcast, "progress">): Locale {
  const language = broadcast.progress?.language;
  return isLocale(language) ? language : "vi";
}

/** Appends a step of a broadcast to the audit log: which one, its audience and how many it reaches. */
export async function auditBroadcast(
  actor: number,
  action: string,
  broadcast: Broadcast,
  details: Record<string, string> = {},
): Promise<void> {
  await audit(
    actor,
    action,
    broadcast.scope,
    { recipients: broadcast.recipients },
    {
      broadcast: broadcast._id,
      audience: describeAudience(toAudience(broadcast)),
      ...details,
    },
  );
}

export function toAudience(broadcast: Pick<Broadcast, "audience">): Audience {
  const { kind, code } = broadcast.audience ?? {};
  if ((kind === "commune" || kind === "point" || kind === "group" || kind === "programme") && code) {
    return { kind, code };
  }
  if (kind === "overdue" || kind === "heads") return { kind };
  return { kind: "all" };
}

/**
 * Moves a broadcast from one status to the next if, and only if, it is still in the expected one:
 * the single place where two officers (or two processes) racing for the same step are told apart.
 */
export async function transition(
  id: string,
  from: Broadcast["status"] | Broadcast["status"][],
  set: Partial<Broadcast>,
): Promise<Broadcast | null> {
  return transitionBroadcast(id, from, set);
}

/** Stops a broadcast: nothing not yet sent is sent. Returns null when it was not running or waiting. */
export async function cancelBroadcast(id: string, by: Staff): Promise<Broadcast | null> {
  const cancelled = await transition(id, ["draft", "counted", "awaiting-approval", "queued"], {
    status: "cancelled",
    cancelledBy: by.telegramUserId,
    finishedAt: new Date(),
  });
  if (!cancelled) return null;
  await cancelBatchesOf(broadcastSource(id));
  await auditBroadcast(by.telegramUserId, "broadcast-cancel", cancelled);
  return cancelled;
}

export interface BroadcastProgress {
  total: number;
  counts: BroadcastCounts;
  /** Not yet settled (cancelled: never will be). */
  left: number;
  /** Every batch is done or cancelled. */
  finished: boolean;
}

/** Progress from the batch records (their counts are written as each batch finishes). */
export async function broadcastProgress(id: string): Promise<BroadcastProgress> {
  const batches = await batchesOf(broadcastSource(id));
  const counts = emptyCounts();
  let total = 0;
  let finished = true;
  for (const b of batches) {
    total += b.size;
    if (b.status !== "done" && b.status !== "cancelled") finished = false;
    for (const key of Object.keys(counts) as (keyof BroadcastCounts)[]) counts[key] += b.counts[key] ?? 0;
  }
  return { total, counts, left: total - settledCount(counts), finished };
}

/** Final outcomes of a broadcast's deliveries, counted from the outcome records. */
export async function outcomeCounts(id: string): Promise<BroadcastCounts> {
  const counts = emptyCounts();
  for (const [outcome, n] of await outcomeTotalsOf(broadcastSource(id)))
    if (outcome in counts) counts[outcome as keyof BroadcastCounts] += n;
  return counts;
}

/** Household codes whose chats Telegram refused during this broadcast (for the final report). */
export async function unreachableRecipients(id: string): Promise<string[]> {
  return refusedHouseholdsOf(broadcastSource(id));
}
