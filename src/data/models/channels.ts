import { type InferSchemaType, model, Schema } from "mongoose";

/**
 * A refusal of SMS and Zalo messages. Of a household, one per who recorded it (`_id` =
 * "hh:<customer code>:<by>": the borrower's own in /settings and an officer's are separate, so one
 * cannot undo the other; refusals written before this scheme have `_id` = the customer code), or of a
 * phone number whose owner answered STOP (`_id` = "tel:+84…"): numbers change hands, and a refusal
 * by text belongs to the number. Kept apart from the imported household record, which every import
 * rewrites: a refusal must outlive the next import.
 */
const contactOptOutSchema = new Schema(
  {
    _id: { type: String, required: true },
    /** "borrower" (their own /settings), "officer" (asked in person), "sms-stop" (answered STOP). */
    by: { type: String, required: true, enum: ["borrower", "officer", "sms-stop"] },
    at: { type: Date, required: true },
  },
  { versionKey: false, collection: "contact_opt_outs" },
);

/**
 * A phone channel that failed for good for a household (`_id` = "<channel>:<customer code>"): an
 * invalid number, a number not on Zalo. The next planning run picks the household's next channel.
 */
const channelFailureSchema = new Schema(
  {
    _id: { type: String, required: true },
    channel: { type: String, required: true },
    householdCode: { type: String, required: true },
    /** The provider's error code. */
    reason: { type: String, required: true },
    since: { type: Date, required: true },
  },
  { versionKey: false, collection: "channel_failures" },
);
channelFailureSchema.index({ householdCode: 1 });

/**
 * A delivery receipt (SMPP deliver_sm) or its like, `_id` = "<channel>:<provider message id>", so a
 * receipt the provider repeats is stored once. The final word on whether a phone got the message.
 */
const deliveryReceiptSchema = new Schema(
  {
    _id: { type: String, required: true },
    channel: { type: String, required: true },
    providerMessageId: { type: String, required: true },
    /** The delivery it answers (a receipt no sent message matches is not stored). */
    deliveryId: { type: String, default: null },
    communeCode: { type: String, default: null },
    planDate: { type: String, default: null },
    /** "delivered", or "undelivered" (expired, rejected, undeliverable) */
    status: { type: String, required: true, enum: ["delivered", "undelivered"] },
    /** The provider's state and error code ("DELIVRD", "UNDELIV/001"). */
    detail: { type: String, default: null },
    /** A final state (delivered, undeliverable, expired), or a step on the way (accepted, en route). */
    final: { type: Boolean, default: true },
    at: { type: Date, required: true },
  },
  { versionKey: false, collection: "delivery_receipts" },
);
// Retention removes receipts by age.
deliveryReceiptSchema.index({ at: 1 });
deliveryReceiptSchema.index({ deliveryId: 1 });

/**
 * A provider's OAuth tokens (`_id` = "zns:<app id>"; formerly "zns"): Zalo's refresh token is single-use, and the one
 * it returns in exchange must be kept, or the next refresh fails and Zalo messages stop.
 */
const channelTokenSchema = new Schema(
  {
    _id: { type: String, required: true },
    accessToken: { type: String, required: true },
    refreshToken: { type: String, required: true },
    expiresAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
  },
  { versionKey: false, collection: "channel_tokens" },
);

/**
 * Whether a phone channel is down (`_id` = the channel): since when and why. Written when a dispatcher
 * finds the provider unavailable and cleared when a message goes again, so that admins are told once
 * that it went down and once that it came back, whichever process noticed.
 */
const channelStatusSchema = new Schema(
  {
    _id: { type: String, required: true },
    downSince: { type: Date, default: null },
    reason: { type: String, default: null },
  },
  { versionKey: false, collection: "channel_status" },
);

export type DeliveryReceipt = InferSchemaType<typeof deliveryReceiptSchema>;
export const ChannelStatusModel = model("ChannelStatus", channelStatusSchema);
export const ContactOptOutModel = model("ContactOptOut", contactOptOutSchema);
export const ChannelFailureModel = model("ChannelFailure", channelFailureSchema);
export const DeliveryReceiptModel = model("DeliveryReceipt", deliveryReceiptSchema);
export const ChannelTokenModel = model("ChannelToken", channelTokenSchema);
