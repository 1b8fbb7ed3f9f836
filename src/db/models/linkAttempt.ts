import { model, Schema } from "mongoose";

/**
 * Every attempt to link a Telegram account to a customer code, kept to enforce the attempt limits
 * (per Telegram account per hour, per customer code per day). The code is stored as typed, which
 * may not exist: that is the point of rate-limiting by code.
 */
const linkAttemptSchema = new Schema(
  {
    telegramUserId: { type: Number, required: true },
    customerCode: { type: String, required: true },
    at: { type: Date, required: true },
    ok: { type: Boolean, required: true },
  },
  { versionKey: false, collection: "link_attempts" },
);
linkAttemptSchema.index({ telegramUserId: 1, at: -1 });
linkAttemptSchema.index({ customerCode: 1, at: -1 });

export const LinkAttemptModel = model("LinkAttempt", linkAttemptSchema);

/** A lock-out, for officers to review (who tried too often, on which code, from which account). */
const linkLockoutSchema = new Schema(
  {
    telegramUserId: { type: Number, required: true },
    customerCode: { type: String, required: true },
    reason: { type: String, required: true, enum: ["account-hourly", "code-daily"] },
    at: { type: Date, required: true },
  },
  { versionKey: false, collection: "link_lockouts" },
);
linkLockoutSchema.index({ at: -1 });

export const LinkLockoutModel = model("LinkLockout", linkLockoutSchema);
