import { createHmac } from "node:crypto";
import { isDuplicateKey } from "../db/errors.js";
import { LinkAttemptSlotModel } from "../db/models/index.js";

/** One limit on linking attempts: at most `max` counted attempts per key within `windowMs`. */
export interface AttemptLimit {
  max: number;
  windowMs: number;
}

const HOUR_MS = 3_600_000;
export const ACCOUNT_LIMIT: AttemptLimit = { max: 5, windowMs: HOUR_MS };
export const CODE_LIMIT: AttemptLimit = { max: 5, windowMs: 24 * HOUR_MS };

/** A keyed hash naming an account or a code in the attempt records without revealing either. */
export function attemptKey(secret: string, kind: "account" | "code", value: string | number): string {
  return createHmac("sha256", secret).update(`link-attempt:${kind}:${value}`).digest("hex").slice(0, 40);
}

const slotIds = (key: string, limit: AttemptLimit) => Array.from({ length: limit.max }, (_, n) => `${key}#${n}`);

/**
 * Takes one attempt slot of `key`, atomically, or returns null when all are taken within the window.
 * A slot is either new (insert; the unique `_id` lets only one of two racing attempts have it) or
 * old enough to reuse (one conditional update, which only one racer can win).
 */
export async function reserveAttempt(key: string, limit: AttemptLimit, now: Date): Promise<string | null> {
  const staleBefore = new Date(now.getTime() - limit.windowMs);
  for (const id of slotIds(key, limit)) {
    const reused = await LinkAttemptSlotModel.updateOne({ _id: id, at: { $lt: staleBefore } }, { $set: { at: now } });
    if (reused.modifiedCount === 1) return id;
    try {
      await LinkAttemptSlotModel.create({ _id: id, at: now });
      return id;
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
  }
  return null;
}

/** Gives a slot back (the attempt succeeded, or was never made), so it does not count. */
export async function releaseAttempt(id: string): Promise<void> {
  await LinkAttemptSlotModel.updateOne({ _id: id }, { $set: { at: new Date(0) } });
}

/** When the key's limit frees a slot again, or null when it is not exhausted now. */
export async function lockedUntil(key: string, limit: AttemptLimit, now: Date): Promise<Date | null> {
  const slots = await LinkAttemptSlotModel.find({ _id: { $in: slotIds(key, limit) } }, { at: 1 }).lean();
  const live = slots.map((s) => s.at.getTime()).filter((at) => at > now.getTime() - limit.windowMs);
  if (live.length < limit.max) return null;
  return new Date(Math.min(...live) + limit.windowMs);
}
