import { normalizeVnPhone } from "./phone.js";

/** What the bank's data says about the household whose code was typed; null when the code is unknown. */
export interface LinkCandidate {
  phones: readonly string[];
  nationalIdLast4: string | null;
}

export type SecondFactor =
  | { kind: "contact"; contactUserId: number | undefined; phoneNumber: string; senderId: number }
  | { kind: "national-id"; last4: string };

/**
 * Whether the second factor proves the sender owns the household. The contact must be the sender's
 * own (not a forwarded one) and its phone one on file; the last four CCCD digits count only for
 * households with no phone on file. An unknown code (null) never verifies, and the caller answers
 * every failure the same way.
 */
export function verifySecondFactor(candidate: LinkCandidate | null, factor: SecondFactor): boolean {
  if (!candidate) return false;
  if (factor.kind === "contact") {
    if (factor.contactUserId === undefined || factor.contactUserId !== factor.senderId) return false;
    const phone = normalizeVnPhone(factor.phoneNumber.startsWith("84") ? `+${factor.phoneNumber}` : factor.phoneNumber);
    return phone !== null && candidate.phones.includes(phone);
  }
  return (
    candidate.phones.length === 0 && candidate.nationalIdLast4 !== null && factor.last4 === candidate.nationalIdLast4
  );
}

/** Customer codes as people type them: trimmed, upper case, inner spaces removed. */
export function normalizeCustomerCode(text: string): string {
  return text.trim().toUpperCase().replace(/\s+/g, "");
}
