import { type InferSchemaType, model, Schema } from "mongoose";
import { HARDSHIP_DECISIONS, HARDSHIP_REASONS, HARDSHIP_STATUSES, HARDSHIP_WHEN } from "../../domain/hardship.js";

/**
 * A hardship report (issue 26), `_id` = its reference ("KK-251207-7QF3"). Personal data: read only by
 * the borrower who filed it, and by their head and officers in scope once those steps exist; removed
 * with /deletemydata by the user who filed it.
 */
const hardshipReportSchema = new Schema(
  {
    _id: { type: String, required: true },
    householdCode: { type: String, required: true },
    groupCode: { type: String, required: true },
    communeCode: { type: String, required: true },
    officeCode: { type: String, required: true },
    /** The Telegram user who filed it (the household's linked user). */
    filedBy: { type: Number, required: true },
    reason: { type: String, enum: HARDSHIP_REASONS, required: true },
    when: { type: String, enum: HARDSHIP_WHEN, required: true },
    /** The first day of the period picked ("this week": today − 6), null for "earlier". */
    happenedFrom: { type: String, default: null },
    /** The loan it affects, or null (all of them, or the borrower does not know). */
    loanNumber: { type: String, default: null },
    text: { type: String, default: "" },
    status: { type: String, enum: HARDSHIP_STATUSES, required: true },
    /** True once the group head confirmed it; a report gone on unanswered keeps null. */
    headConfirmed: { type: Boolean, default: null },
    /** The bank's decision, once decided. */
    decision: { type: String, enum: [...HARDSHIP_DECISIONS, null], default: null },
    /** The number of the bank's decision, as the officer typed it. */
    decisionNumber: { type: String, default: null },
    /** What the paper form still lacks, as the officer wrote it (told to the borrower). */
    missing: { type: String, default: null },
    history: {
      type: [{ _id: false, at: Date, status: String, by: String }],
      default: [],
    },
    filedAt: { type: Date, required: true },
    /** How many photos are stored with it (hardship_photos `<reference>/1` …). */
    photos: { type: Number, default: 0 },
    /** The borrower agreed to keep where the photos were taken (otherwise that metadata was removed). */
    locationKept: { type: Boolean, default: false },
    /** A group head filed it for a member who has no phone (the head's Telegram user in filedBy). */
    filedByHead: { type: Boolean, default: false },
    /** What the group head added when answering, as they typed it. */
    headNote: { type: String, default: null },
  },
  { versionKey: false, collection: "hardship_reports" },
);

/**
 * References of reports, by who reads them (`_id` = a household code, or "group:", "commune:",
 * "office:" and a code, or "all"), so that every list is read by `_id`.
 */
const hardshipListSchema = new Schema(
  {
    _id: { type: String, required: true },
    references: { type: [String], default: [] },
  },
  { versionKey: false, collection: "hardship_lists" },
);

/**
 * A photo of a report, `_id` = "<reference>/<n>" (n from 1), read and removed by `_id` only. Not
 * GridFS: its driver reads chunks by `files_id`, which FerretDB v1 answers by reading the whole
 * collection (docs/ferretdb.md); a photo is at most 5 MB, well inside one document.
 */
const hardshipPhotoSchema = new Schema(
  {
    _id: { type: String, required: true },
    type: { type: String, enum: ["jpeg", "png"], required: true },
    data: { type: Buffer, required: true },
  },
  { versionKey: false, collection: "hardship_photos" },
);

export const HardshipPhotoModel = model("HardshipPhoto", hardshipPhotoSchema);
export type HardshipReportRecord = InferSchemaType<typeof hardshipReportSchema>;
export const HardshipReportModel = model("HardshipReport", hardshipReportSchema);
export const HardshipListModel = model("HardshipList", hardshipListSchema);
