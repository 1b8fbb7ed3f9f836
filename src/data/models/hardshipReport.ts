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

export type HardshipReportRecord = InferSchemaType<typeof hardshipReportSchema>;
export const HardshipReportModel = model("HardshipReport", hardshipReportSchema);
export const HardshipListModel = model("HardshipList", hardshipListSchema);
