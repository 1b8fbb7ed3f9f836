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

/**
 * Which household a Telegram account is linked to (`_id` = the Telegram user id): an index over
 * borrower_accounts.telegramLinks, which stays the record. Every update asks "who is this user?",
 * and a lookup by `_id` answers it: an index seek on MongoDB; on FerretDB v1, which scans even for
 * `_id`, a string `_id` is at least filtered inside SQLite or PostgreSQL rather than by decoding
 * every account. Written after the link and removed after the unlink, so a crash between the two
 * can only leave an entry that the reader checks against the account and ignores, or a missing one
 * that it rebuilds.
 */
const telegramAccountSchema = new Schema(
  {
    _id: { type: String, required: true },
    customerCode: { type: String, required: true },
  },
  { versionKey: false, collection: "telegram_accounts" },
);

export const TelegramAccountModel = model("TelegramAccount", telegramAccountSchema);
