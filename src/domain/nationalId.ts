import { createHmac } from "node:crypto";

/** CCCD (căn cước công dân) numbers have 12 digits. */
export function isNationalId(text: string): boolean {
  return /^\d{12}$/.test(text);
}

/**
 * The full ID is never stored: only a keyed hash (HMAC-SHA256 with the deployment's secret, so the
 * same ID always gives the same hash and re-imports stay idempotent) and its last four digits,
 * which borrowers without a phone on file use as their second factor.
 */
export function protectNationalId(id: string, secret: string): { hash: string; last4: string } {
  if (!isNationalId(id)) throw new RangeError("national ID must have 12 digits");
  return { hash: createHmac("sha256", secret).update(id).digest("hex"), last4: id.slice(-4) };
}
