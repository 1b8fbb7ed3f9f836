import { type InferSchemaType, model, Schema } from "mongoose";
import { mediaSchema } from "./delivery.js";

export const BROADCAST_STATUSES = [
  "draft",
  "counted",
  "awaiting-approval",
  "rejected",
  "queued",
  "done",
  "cancelled",
] as const;
export type BroadcastStatus = (typeof BROADCAST_STATUSES)[number];

/**
 * An officer's notice to a segment of borrowers. Its messages go through the same outbox and
 * dispatcher as reminders (source "broadcast:<id>", one delivery per recipient chat), so the flood
 * limits, the sending window and the once-only guarantee are the reminders' own. Status moves
 * draft (written) → counted (audience chosen and counted) → (awaiting-approval →) queued → done |
 * cancelled, each step by a conditional update from the status it expects, so a forged or replayed
 * button, two processes or two officers can never skip or repeat a step.
 */
const broadcastSchema = new Schema(
  {
    _id: { type: String, required: true },
    status: { type: String, required: true, enum: BROADCAST_STATUSES },
    createdBy: { type: Number, required: true },
    createdAt: { type: Date, required: true },
    /** The maker's scope when written ("all", "office:…", "commune:…"). */
    scope: { type: String, required: true },
    /** The officer's words, escaped for HTML; the recipient's language adds only the header. */
    body: { type: String, required: true },
    media: { type: mediaSchema, default: null },
    audience: {
      kind: { type: String, default: null },
      code: { type: String, default: null },
    },
    recipients: { type: Number, default: 0 },
    /**
     * The groups the recipients belong to, with their communes and offices: what an approver's scope
     * must cover (older broadcasts have communes only, which no points scope covers).
     */
    places: {
      type: [
        new Schema(
          {
            communeCode: { type: String, required: true },
            officeCode: { type: String, required: true },
            groupCode: { type: String, default: null },
          },
          { _id: false },
        ),
      ],
      default: [],
    },
    scheduledAt: { type: Date, default: null },
    /** When sending may start: the scheduled time (or the queueing) moved into a sending window. */
    startsAt: { type: Date, default: null },
    approvedBy: { type: Number, default: null },
    decidedAt: { type: Date, default: null },
    queuedAt: { type: Date, default: null },
    /** Set once every delivery is in the outbox; a queued broadcast without it is queued again. */
    enqueuedAt: { type: Date, default: null },
    cancelledBy: { type: Number, default: null },
    finishedAt: { type: Date, default: null },
    /** The message edited in place with the progress, in the maker's private chat. */
    progress: {
      chatId: { type: Number, default: null },
      messageId: { type: Number, default: null },
      language: { type: String, default: "vi" },
    },
    counts: { type: Schema.Types.Mixed, default: null },
  },
  { versionKey: false, collection: "broadcasts" },
);
broadcastSchema.index({ status: 1 });
broadcastSchema.index({ createdBy: 1, createdAt: -1 });

export type Broadcast = InferSchemaType<typeof broadcastSchema>;
export const BroadcastModel = model("Broadcast", broadcastSchema);
