import { createHmac } from "node:crypto";
import { freeSlot, slotTimes, takeFreeSlot } from "../../data/linkAttempts.js";

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

/** Takes one attempt slot of `key`, atomically, or returns null when all are taken within the window. */
export async function reserveAttempt(key: string, limit: AttemptLimit, now: Date): Promise<string | null> {
  return takeFreeSlot(slotIds(key, limit), new Date(now.getTime() - limit.windowMs), now);
}

/** Gives a slot back (the attempt succeeded, or was never made), so it does not count. */
export async function releaseAttempt(id: string): Promise<void> {
  await freeSlot(id);
}

/** When the key's limit frees a slot again, or null when it is not exhausted now. */
export async function lockedUntil(key: string, limit: AttemptLimit, now: Date): Promise<Date | null> {
  const live = (await slotTimes(slotIds(key, limit)))
    .map((at) => at.getTime())
    .filter((at) => at > now.getTime() - limit.windowMs);
  if (live.length < limit.max) return null;
  return new Date(Math.min(...live) + limit.windowMs);
}
