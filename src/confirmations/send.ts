import { createHash } from "node:crypto";
import type { I18n } from "@grammyjs/i18n";
import { firstPhonesOf } from "../data/book.js";
import { allChannelFailures, allOptOuts } from "../data/channels.js";
import { BOOK_WRITE_LOCK, withLock } from "../data/lock.js";
import { deliveriesAlreadyQueued, enqueueFixedBatch, type NewDelivery } from "../data/outbox.js";
import { accountsOf } from "../data/planning.js";
import {
  confirmationOffices,
  eachFiguresBucket,
  type PendingConfirmation,
  savePaymentConfirmations,
  writePending,
} from "../data/recordedFigures.js";
import { allUnreachable } from "../data/unreachable.js";
import { type CarriesKind, chooseChannel, type PhoneChannel, phoneChannelFor } from "../domain/channels.js";
import { addDays, vietnamDate } from "../domain/dates.js";
import { deliveryKey } from "../domain/delivery.js";
import { type ChangeKind, countByKind } from "../domain/recordedChanges.js";
import type { Place } from "../domain/scope.js";
import { smsSegments } from "../domain/sms.js";
import { isLocale, type Locale, translatorFor } from "../i18n.js";
import { confirmationButtons, confirmationSms, confirmationText } from "./messages.js";

/**
 * Approving an import's confirmations (issue 28): the pending confirmations within the approver's
 * scope, of offices whose confirmations are on now, go to the outbox, each once. Deliveries are keyed
 * by the confirmation (household, import, changes), inserted before the confirmation leaves its bucket:
 * a crash in between queues nothing twice when approved again.
 */

export const CONFIRMATION_SOURCE = "confirmations";
/** Days a confirmation is still worth sending after it was approved. */
const KEEP_DAYS = 6;
/** Under the import's lock: an import rewriting a bucket meanwhile would bring back what was sent. */
const LOCK_TTL_MS = 60_000;

export interface SendOptions {
  covers: (place: Place) => boolean;
  i18n: I18n;
  phoneChannels: readonly PhoneChannel[];
  carries: CarriesKind;
  notBefore: Date;
  now: Date;
}

export interface PendingSummary {
  households: number;
  byKind: Partial<Record<ChangeKind, number>>;
}

/** The short id of a confirmation: in its buttons (64 bytes at most) and its delivery keys. */
export function confirmationId(p: Pick<PendingConfirmation, "householdCode" | "importBatchId" | "digest">): string {
  return createHash("sha256")
    .update(`${p.householdCode}|${p.importBatchId}|${p.digest}`)
    .digest("base64url")
    .slice(0, 16);
}

const placeOf = (p: PendingConfirmation): Place => ({
  officeCode: p.officeCode,
  communeCode: p.communeCode,
  groupCode: p.groupCode,
});

/** What approval would send within a scope now. */
export async function pendingWithin(covers: (place: Place) => boolean): Promise<PendingSummary> {
  const on = await officesOn();
  const summary: PendingSummary = { households: 0, byKind: {} };
  for await (const bucket of eachFiguresBucket()) {
    for (const p of bucket.pending) {
      if (!covers(placeOf(p)) || !on.has(p.officeCode)) continue;
      summary.households++;
      countByKind(p.changes, summary.byKind);
    }
  }
  return summary;
}

async function officesOn(): Promise<Set<string>> {
  return new Set([...(await confirmationOffices()).values()].filter((o) => o.state === "on").map((o) => o.officeCode));
}

/** Drops the pending confirmations within a scope (an officer judged the import wrong); how many. */
export async function dropPending(covers: (place: Place) => boolean, now: Date): Promise<number> {
  return withLock(BOOK_WRITE_LOCK, LOCK_TTL_MS, async () => {
    let dropped = 0;
    for await (const bucket of eachFiguresBucket()) {
      const kept = bucket.pending.filter((p) => !covers(placeOf(p)));
      if (kept.length === bucket.pending.length) continue;
      dropped += bucket.pending.length - kept.length;
      await writePending(bucket.bucket, kept, now);
    }
    return dropped;
  });
}

/** Queues the pending confirmations within a scope; how many households they go to. */
export async function sendPending(options: SendOptions): Promise<number> {
  return withLock(BOOK_WRITE_LOCK, LOCK_TTL_MS, async (renew) => {
    const on = await officesOn();
    const facts = await recipientFacts();
    let queued = 0;
    for await (const bucket of eachFiguresBucket()) {
      const chosen = bucket.pending.filter((p) => options.covers(placeOf(p)) && on.has(p.officeCode));
      if (chosen.length === 0) continue;
      await queueConfirmations(chosen, facts, options, bucket.bucket);
      const sent = new Set(chosen);
      await writePending(
        bucket.bucket,
        bucket.pending.filter((p) => !sent.has(p)),
        options.now,
      );
      queued += chosen.length;
      await renew();
    }
    return queued;
  });
}

type Facts = Awaited<ReturnType<typeof recipientFacts>>;

async function recipientFacts() {
  const [unreachable, optedOut, failures] = await Promise.all([allUnreachable(), allOptOuts(), allChannelFailures()]);
  return { unreachable: new Set(unreachable.map((u) => u.chatId)), optedOut, failures };
}

async function queueConfirmations(
  chosen: readonly PendingConfirmation[],
  facts: Facts,
  options: SendOptions,
  bucket: number,
): Promise<void> {
  const codes = chosen.map((p) => p.householdCode);
  const [accounts, phoneOf] = await Promise.all([accountsOf(codes), firstPhonesOf(codes)]);
  const accountOf = new Map(accounts.map((a) => [a.code, a]));
  const deliveries: NewDelivery[] = [];
  for (const p of chosen) {
    const account = accountOf.get(p.householdCode);
    const chats = (account?.chats ?? []).filter((c) => !facts.unreachable.has(c));
    const language: Locale = account && isLocale(account.language) ? account.language : "vi";
    deliveries.push(
      ...deliveriesFor(p, { chats, language, phone: phoneOf.get(p.householdCode) ?? null }, facts, options),
    );
  }
  const existing = await deliveriesAlreadyQueued(deliveries.map((d) => d._id));
  const fresh = deliveries.filter((d) => !existing.has(d._id));
  await savePaymentConfirmations(chosen.map((p) => ({ ...p, id: confirmationId(p), createdAt: options.now })));
  const planDate = vietnamDate(options.now);
  for (const channel of new Set(fresh.map((d) => d.channel ?? "telegram"))) {
    const batch = fresh.filter((d) => (d.channel ?? "telegram") === channel);
    const digest = createHash("sha256")
      .update(batch.map((d) => d._id).join("\n"))
      .digest("base64url")
      .slice(0, 12);
    const batchId = `${CONFIRMATION_SOURCE}:${planDate}:${bucket}:${channel}:${digest}`;
    await enqueueFixedBatch(batchId, CONFIRMATION_SOURCE, planDate, batch, {
      notBefore: options.notBefore,
      now: options.now,
    });
  }
}

interface Recipient {
  chats: number[];
  language: Locale;
  phone: string | null;
}

/** One message per reachable linked chat, else one by the household's phone channel, else none. */
function deliveriesFor(p: PendingConfirmation, to: Recipient, facts: Facts, options: SendOptions): NewDelivery[] {
  const id = confirmationId(p);
  const planDate = vietnamDate(options.now);
  const base = {
    kind: "payment-recorded" as const,
    eventDate: p.eventDate,
    expiresOn: addDays(planDate, KEEP_DAYS),
    householdCode: p.householdCode,
    groupCode: p.groupCode,
    communeCode: p.communeCode,
  };
  const message = { kind: "payment-recorded" as const, subject: id, eventDate: p.eventDate };
  const household = {
    reachableChats: to.chats.length,
    phone: to.phone,
    optedOut: facts.optedOut.has(p.householdCode),
    failed: facts.failures.get(p.householdCode) ?? new Set<PhoneChannel>(),
  };
  const channel = chooseChannel(household, options.phoneChannels);
  if (channel === "telegram") {
    const t = translatorFor(options.i18n, to.language);
    return to.chats.map((chatId) => ({
      ...base,
      _id: deliveryKey(`tg:${chatId}`, message),
      chatId,
      text: confirmationText(t, p),
      language: to.language,
      buttons: confirmationButtons(t, id),
    }));
  }
  if (channel === null) return [];
  const phoneChannel = phoneChannelFor(household, options.phoneChannels, "payment-recorded", options.carries);
  // A Zalo notification needs a template registered for the kind; confirmations have none: SMS only.
  if (phoneChannel !== "sms") return [];
  const text = confirmationSms(translatorFor(options.i18n, "vi"), p);
  return [
    {
      ...base,
      _id: deliveryKey(`hh:${p.householdCode}`, message),
      chatId: null,
      channel: "sms",
      address: to.phone,
      text,
      segments: smsSegments(text),
      language: "vi",
    },
  ];
}
