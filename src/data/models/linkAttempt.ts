import { model, Schema } from "mongoose";

/**
 * One slot of a linking attempt limit, `_id` = "<keyed hash>#<n>" with n < the limit. The hash is
 * an HMAC (ID_HASH_SECRET) of the Telegram account or of the typed customer code, so the records
 * hold no personal data and nothing a user can name; `/deletemydata` therefore leaves them, and a
 * lock-out cannot be reset by deleting one's data. An attempt takes a free slot (one whose `at` is
 * older than the window) before it is verified: inserting a new slot is atomic through the unique
 * `_id`, and retaking an old one is one conditional update, so concurrent guesses cannot overrun the
 * limit. A successful link gives its slots back. Lookups are by `_id`.
 */
const linkAttemptSlotSchema = new Schema(
  {
    _id: { type: String, required: true },
    at: { type: Date, required: true },
  },
  { versionKey: false, collection: "link_attempt_slots" },
);

export const LinkAttemptSlotModel = model("LinkAttemptSlot", linkAttemptSlotSchema);

/**
 * A lock-out, for officers to review: which limit, when, the hashed account, and the customer code
 * only when it is a real household's (then with its place, for the officer's scope). A code that
 * matches no household may be anything a person typed, so it is kept only as its hash.
 */
const linkLockoutSchema = new Schema(
  {
    accountHash: { type: String, required: true },
    codeHash: { type: String, required: true },
    customerCode: { type: String, default: null },
    communeCode: { type: String, default: null },
    officeCode: { type: String, default: null },
    groupCode: { type: String, default: null },
    reason: { type: String, required: true, enum: ["account-hourly", "code-daily"] },
    at: { type: Date, required: true },
  },
  { versionKey: false, collection: "link_lockouts" },
);
linkLockoutSchema.index({ at: -1 });

export const LinkLockoutModel = model("LinkLockout", linkLockoutSchema);
