import { model, Schema } from "mongoose";

/**
 * What payment confirmations are worked out from (issue 28, data/recordedFigures.ts): every
 * household's figures as the last import left them, in 256 buckets (`_id` = "b:<00..ff>") each packed
 * into one string, and, in the same document, the confirmations worked out and not yet sent or
 * dropped. One document holds both so that one write moves a bucket's figures on and records what
 * changed: a killed import leaves each bucket either before or after, never half.
 */
const recordedFiguresSchema = new Schema(
  {
    _id: { type: String, required: true },
    figures: { type: String, default: "{}" },
    pending: { type: String, default: "[]" },
    updatedAt: { type: Date, required: true },
  },
  { versionKey: false, collection: "recorded_figures" },
);

/** An office's confirmations: off until an officer asks and another staff member approves. */
const confirmationOfficeSchema = new Schema(
  {
    _id: { type: String, required: true },
    state: { type: String, required: true, enum: ["off", "requested", "on"] },
    requestedBy: { type: Number, default: null },
    decidedBy: { type: Number, default: null },
    at: { type: Date, required: true },
  },
  { versionKey: false, collection: "confirmation_offices" },
);

/**
 * A confirmation as it was sent (`_id` = its short id, in its buttons): what "why this amount?" and
 * "this is wrong" read, by `_id`, and check against the household the pressing chat is linked to now.
 */
const paymentConfirmationSchema = new Schema(
  {
    _id: { type: String, required: true },
    householdCode: { type: String, required: true },
    importBatchId: { type: String, required: true },
    officeCode: { type: String, required: true },
    eventDate: { type: String, required: true },
    /** The changes and the paid loans' figures before, as JSON (FerretDB v1 stores no nested arrays). */
    changes: { type: String, required: true },
    loansBefore: { type: String, required: true },
    outstanding: { type: Number, required: true },
    createdAt: { type: Date, required: true },
    disputedAt: { type: Date, default: null },
  },
  { versionKey: false, collection: "payment_confirmations" },
);

export const RecordedFiguresModel = model("RecordedFigures", recordedFiguresSchema);
export const ConfirmationOfficeModel = model("ConfirmationOffice", confirmationOfficeSchema);
export const PaymentConfirmationModel = model("PaymentConfirmation", paymentConfirmationSchema);
