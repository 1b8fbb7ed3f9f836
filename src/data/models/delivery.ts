import { type InferSchemaType, model, Schema } from "mongoose";

import { CHANNELS } from "../../domain/channels.js";
import { DELIVERY_KINDS } from "../../domain/delivery.js";

export { DELIVERY_KINDS };

/** A photo or document sent with a message (deliveries, broadcasts); the text is then its caption. */
export const mediaSchema = new Schema(
  {
    type: { type: String, required: true, enum: ["photo", "document"] },
    fileId: { type: String, required: true },
  },
  { _id: false },
);

/**
 * One message to send (the outbox). `_id` is the delivery key: recipient, kind, subject and event
 * date (see domain/delivery.ts deliveryKey), so planning the same thing twice inserts nothing new.
 * The text is rendered when planned, in the recipient's language, and never changes afterwards.
 * What happened to it is recorded only by inserts into delivery_attempts and delivery_outcomes, never
 * by updating this document: inserts are atomic and cheap everywhere, updates are not on FerretDB v1.
 */
const deliverySchema = new Schema(
  {
    _id: { type: String, required: true },
    batchId: { type: String, required: true },
    /** "reminders", or "broadcast:<id>" for an officer's broadcast. */
    source: { type: String, required: true },
    kind: { type: String, required: true, enum: DELIVERY_KINDS },
    planDate: { type: String, required: true },
    eventDate: { type: String, required: true },
    /** Not sent after this local date (a reminder about a passed date is noise). */
    expiresOn: { type: String, required: true },
    /** The Telegram chat, for the telegram channel; null for SMS and Zalo (see `address`). */
    chatId: { type: Number, default: null },
    /** How it goes, chosen when it is planned (domain/channels.ts chooseChannel). */
    channel: { type: String, enum: CHANNELS, default: "telegram" },
    /** The phone ("+84…") for SMS and Zalo; null for Telegram. */
    address: { type: String, default: null },
    /** A Zalo notification's template parameters (its template comes from the kind, in settings). */
    templateData: { type: Schema.Types.Mixed, default: null },
    /** SMS segments the text is billed as (1 for Telegram and Zalo): counted when planned, for costs. */
    segments: { type: Number, default: 1 },
    /** The household it is about or for (reachability, /find); null for officer summaries. */
    householdCode: { type: String, default: null },
    groupCode: { type: String, default: null },
    communeCode: { type: String, default: null },
    /** The text, or the caption when a photo or document goes with it. */
    text: { type: String, required: true },
    /** The recipient's language, which the text is in (the "(gửi lại)" marker of a resend follows it). */
    language: { type: String, default: "vi" },
    media: { type: mediaSchema, default: null },
    /** Inline buttons under a Telegram message, one per row (not nested arrays: FerretDB v1 stores none). */
    buttons: {
      type: [
        new Schema({ text: { type: String, required: true }, data: { type: String, required: true } }, { _id: false }),
      ],
      default: undefined,
    },
    createdAt: { type: Date, required: true },
  },
  { versionKey: false, collection: "deliveries" },
);
deliverySchema.index({ batchId: 1 });
deliverySchema.index({ planDate: 1, kind: 1 });
deliverySchema.index({ householdCode: 1, planDate: -1 });
// What /unlink and /deletemydata cancel or erase: the deliveries to one chat.
deliverySchema.index({ chatId: 1 });

/**
 * A batch of deliveries and its lease: a dispatcher takes a batch by setting owner and leaseUntil in
 * one findOneAndUpdate, renews the lease while it works, and marks the batch done. A batch whose lease
 * ran out (its dispatcher died) is taken over and resumed from the attempts and outcomes.
 */
const deliveryBatchSchema = new Schema(
  {
    _id: { type: String, required: true },
    source: { type: String, required: true },
    planDate: { type: String, required: true },
    size: { type: Number, required: true },
    /** Every delivery of a batch goes by this channel: each channel's dispatcher leases its own. */
    channel: { type: String, enum: CHANNELS, default: "telegram" },
    /** "cancelled": an officer stopped the broadcast; what was not sent stays unsent. */
    status: { type: String, required: true, enum: ["planning", "pending", "done", "cancelled"] },
    owner: { type: String, default: null },
    leaseUntil: { type: Date, default: null },
    /** Not before this instant (the next sending window, or a scheduled broadcast). */
    notBefore: { type: Date, required: true },
    createdAt: { type: Date, required: true },
    finishedAt: { type: Date, default: null },
    /** Final outcomes of the batch's deliveries, written when it is done (broadcast progress). */
    counts: { type: Schema.Types.Mixed, default: null },
    /** How many times a dispatcher has taken the batch; on the first, nothing of it can have been sent yet. */
    claims: { type: Number, default: 0 },
  },
  { versionKey: false, collection: "delivery_batches" },
);
deliveryBatchSchema.index({ channel: 1, status: 1, notBefore: 1 });
// FerretDB's claim path reads the pending batches of every channel at once (data/dispatch.ts).
deliveryBatchSchema.index({ status: 1, notBefore: 1 });
deliveryBatchSchema.index({ source: 1 });

/**
 * A batch's deliveries in one document (`_id` = batch id), written with them: what a dispatcher
 * reads to send the batch, by `_id`. FerretDB v1 answers every query other than one by `_id` with a
 * full scan, so reading a batch by `batchId` from `deliveries` costs a scan of the whole outbox per
 * batch; this costs one lookup. `deliveries` remains the record that reports and /find query.
 */
const deliveryBatchItemsSchema = new Schema(
  {
    _id: { type: String, required: true },
    items: { type: [Schema.Types.Mixed], default: [] },
  },
  { versionKey: false, collection: "delivery_batch_items" },
);

/**
 * Written just before a message goes to Telegram, `_id` = "<delivery key>#<attempt>". The unique
 * `_id` is the guarantee against double sending: whoever inserts it is the only one allowed to make
 * that attempt, even if two dispatchers ever held the same batch.
 */
const deliveryAttemptSchema = new Schema(
  {
    _id: { type: String, required: true },
    deliveryId: { type: String, required: true },
    batchId: { type: String, required: true },
    attempt: { type: Number, required: true },
    owner: { type: String, required: true },
    startedAt: { type: Date, required: true },
  },
  { versionKey: false, collection: "delivery_attempts" },
);
deliveryAttemptSchema.index({ batchId: 1 });
// What /unlink and /deletemydata settle or erase: the attempts at the deliveries to one chat.
deliveryAttemptSchema.index({ deliveryId: 1 });

export const OUTCOMES = ["sent", "retry", "failed", "unreachable", "uncertain", "expired", "skipped"] as const;
export type Outcome = (typeof OUTCOMES)[number];

/**
 * What one attempt came to, `_id` as its attempt. `retry` means Telegram certainly did not take the
 * message (429, 5xx, connection refused) and another attempt follows; every other outcome is final.
 * `uncertain`: a dispatcher died between asking Telegram and hearing back; it is not sent again,
 * because sending twice is worse than asking an officer to check.
 */
const deliveryOutcomeSchema = new Schema(
  {
    _id: { type: String, required: true },
    deliveryId: { type: String, required: true },
    batchId: { type: String, required: true },
    source: { type: String, default: null },
    /** The delivery's commune and group (statistics within an officer's scope). */
    communeCode: { type: String, default: null },
    groupCode: { type: String, default: null },
    planDate: { type: String, required: true },
    kind: { type: String, required: true },
    attempt: { type: Number, required: true },
    outcome: { type: String, required: true, enum: OUTCOMES },
    /** Telegram's error code, or a short reason of ours ("expired", "muted"…); never message text. */
    reason: { type: String, default: null },
    messageId: { type: Number, default: null },
    /** The SMSC's or Zalo's id of a message it accepted: what its delivery receipt refers to. */
    providerMessageId: { type: String },
    channel: { type: String, enum: CHANNELS, default: "telegram" },
    /** SMS segments billed for a message sent (costs); 1 otherwise. */
    segments: { type: Number, default: 1 },
    at: { type: Date, required: true },
  },
  { versionKey: false, collection: "delivery_outcomes" },
);
deliveryOutcomeSchema.index({ batchId: 1 });
deliveryOutcomeSchema.index({ planDate: 1, outcome: 1 });
deliveryOutcomeSchema.index({ deliveryId: 1 });
deliveryOutcomeSchema.index({ source: 1, outcome: 1 });
// A delivery receipt names the message by the provider's id; only SMS and Zalo outcomes have one.
deliveryOutcomeSchema.index({ providerMessageId: 1 }, { sparse: true });

/**
 * Chats Telegram refused (403 blocked, 400 chat not found, user deactivated). Nothing more is sent to
 * them until the user writes to the bot again (/start), which removes the entry.
 */
const unreachableChatSchema = new Schema(
  {
    _id: { type: Number, required: true },
    householdCode: { type: String, default: null },
    reason: { type: String, required: true },
    since: { type: Date, required: true },
  },
  { versionKey: false, collection: "unreachable_chats" },
);
unreachableChatSchema.index({ householdCode: 1 });

/** One planning run per local date: what was planned and what was skipped, and why. */
const planRunSchema = new Schema(
  {
    _id: { type: String, required: true },
    startedAt: { type: Date, required: true },
    finishedAt: { type: Date, required: true },
    durationMs: { type: Number, required: true },
    planned: { type: Schema.Types.Mixed, default: {} },
    alreadyPlanned: { type: Number, default: 0 },
    skipped: { type: Schema.Types.Mixed, default: {} },
    runs: { type: Number, default: 1 },
  },
  { versionKey: false, collection: "plan_runs" },
);

export type Delivery = InferSchemaType<typeof deliverySchema>;
export type DeliveryBatch = InferSchemaType<typeof deliveryBatchSchema>;
export const DeliveryModel = model("Delivery", deliverySchema);
export const DeliveryBatchModel = model("DeliveryBatch", deliveryBatchSchema);
export const DeliveryBatchItemsModel = model("DeliveryBatchItems", deliveryBatchItemsSchema);
export const DeliveryAttemptModel = model("DeliveryAttempt", deliveryAttemptSchema);
export const DeliveryOutcomeModel = model("DeliveryOutcome", deliveryOutcomeSchema);
export const UnreachableChatModel = model("UnreachableChat", unreachableChatSchema);
export const PlanRunModel = model("PlanRun", planRunSchema);
