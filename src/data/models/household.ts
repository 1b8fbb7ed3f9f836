import { type InferSchemaType, model, Schema } from "mongoose";

export const GROUP_ROLES = ["head", "deputy", "member"] as const;

/**
 * A borrowing household, represented by its head; `_id` is the bank's customer code (mã khách hàng).
 * Every field comes from the bank's data and imports may rewrite the whole document. What belongs
 * to the bot (Telegram links, language, reminder preferences) lives in
 * borrower_accounts under the same code, so no import can ever lose it.
 */
const householdSchema = new Schema(
  {
    _id: { type: String, required: true },
    fullName: { type: String, required: true },
    /** Normalised to +84…; may be empty. */
    phones: { type: [String], default: [] },
    /** Whether group members may be shown this person's phone (relevant for group heads). */
    phoneShareable: { type: Boolean, default: false },
    nationalIdHash: { type: String, default: null },
    nationalIdLast4: { type: String, default: null },
    groupCode: { type: String, required: true },
    communeCode: { type: String, required: true },
    officeCode: { type: String, required: true },
    groupRole: { type: String, required: true, enum: GROUP_ROLES },
    savingsBalance: { type: Number, required: true, min: 0 },
    /**
     * The household's open loan numbers as of the imports so far (may still list a loan closed
     * since; readers check). Lets a balance view read loans by `_id` (see features/statement/loadStatement.ts).
     * Absent on households not imported since it was added.
     */
    loanNumbers: { type: [String], default: undefined },
    importHash: { type: String, required: true },
  },
  { versionKey: false, collection: "households" },
);
householdSchema.index({ groupCode: 1 });
householdSchema.index({ communeCode: 1 });
// Officers scoped to offices: /stats, broadcast audiences and /find read their office's households.
householdSchema.index({ officeCode: 1 });
householdSchema.index({ phones: 1 });

export type Household = InferSchemaType<typeof householdSchema>;
export const HouseholdModel = model("Household", householdSchema);
