import { type InferSchemaType, model, Schema } from "mongoose";

export const GROUP_ROLES = ["head", "deputy", "member"] as const;
export const LANGUAGES = ["vi", "en"] as const;
export const REACHABILITY = ["unknown", "reachable", "unreachable"] as const;

const telegramLinkSchema = new Schema(
  {
    telegramUserId: { type: Number, required: true },
    linkedAt: { type: Date, required: true },
    /** Which second factor proved the link. */
    via: { type: String, required: true, enum: ["contact", "national-id"] },
  },
  { _id: false },
);

/**
 * A borrowing household, represented by its head; `_id` is the bank's customer code (mã khách hàng).
 * Fields above `importHash` come from the bank's data and are rewritten by imports; the fields below
 * it belong to the bot (links, preferences, reachability) and imports never touch them.
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
    importHash: { type: String, required: true },

    telegramLinks: { type: [telegramLinkSchema], default: [] },
    language: { type: String, enum: LANGUAGES, default: "vi" },
    reminders: {
      interest: { type: Boolean, default: true },
      principal: { type: Boolean, default: true },
      overdue: { type: Boolean, default: true },
    },
    reachability: {
      status: { type: String, enum: REACHABILITY, default: "unknown" },
      reason: { type: String, default: null },
      since: { type: Date, default: null },
    },
  },
  { versionKey: false, collection: "households" },
);
householdSchema.index({ groupCode: 1 });
householdSchema.index({ communeCode: 1 });
householdSchema.index({ "telegramLinks.telegramUserId": 1 });
householdSchema.index({ phones: 1 });

export type Household = InferSchemaType<typeof householdSchema>;
export const HouseholdModel = model("Household", householdSchema);
