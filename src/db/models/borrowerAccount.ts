import { type InferSchemaType, model, Schema } from "mongoose";

export const LANGUAGES = ["vi", "en"] as const;

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
 * The bot's own data about a household (`_id` = customer code): verified Telegram links, language
 * and reminder preferences (whether Telegram can reach a linked chat is in unreachable_chats). Kept apart from the imported household
 * so that imports, which replace bank data wholesale, can never touch it.
 */
const borrowerAccountSchema = new Schema(
  {
    _id: { type: String, required: true },
    telegramLinks: { type: [telegramLinkSchema], default: [] },
    language: { type: String, enum: LANGUAGES, default: "vi" },
    reminders: {
      interest: { type: Boolean, default: true },
      principal: { type: Boolean, default: true },
      overdue: { type: Boolean, default: true },
    },
  },
  { versionKey: false, collection: "borrower_accounts" },
);
borrowerAccountSchema.index({ "telegramLinks.telegramUserId": 1 });

export type BorrowerAccount = InferSchemaType<typeof borrowerAccountSchema>;
export const BorrowerAccountModel = model("BorrowerAccount", borrowerAccountSchema);
