import { describe, expect, it } from "vitest";
import { normalizeCustomerCode, verifySecondFactor } from "../../src/domain/linking.js";

const withPhone = { phones: ["+84912345678"], nationalIdLast4: "4567" };
const withoutPhone = { phones: [], nationalIdLast4: "4567" };
const contact = (phoneNumber: string, contactUserId: number | undefined, senderId = 10) =>
  ({ kind: "contact", phoneNumber, contactUserId, senderId }) as const;

describe("second factor", () => {
  it("accepts the sender's own contact with a phone on file, in any notation Telegram uses", () => {
    expect(verifySecondFactor(withPhone, contact("84912345678", 10))).toBe(true);
    expect(verifySecondFactor(withPhone, contact("+84912345678", 10))).toBe(true);
    expect(verifySecondFactor(withPhone, contact("0912345678", 10))).toBe(true);
  });

  it("refuses someone else's (forwarded) contact, a contact without user id, and another phone", () => {
    expect(verifySecondFactor(withPhone, contact("84912345678", 11))).toBe(false);
    expect(verifySecondFactor(withPhone, contact("84912345678", undefined))).toBe(false);
    expect(verifySecondFactor(withPhone, contact("84987654321", 10))).toBe(false);
  });

  it("accepts the last four CCCD digits only where no phone is on file", () => {
    expect(verifySecondFactor(withoutPhone, { kind: "national-id", last4: "4567" })).toBe(true);
    expect(verifySecondFactor(withoutPhone, { kind: "national-id", last4: "0000" })).toBe(false);
    expect(verifySecondFactor(withPhone, { kind: "national-id", last4: "4567" })).toBe(false);
  });

  it("never verifies an unknown code", () => {
    expect(verifySecondFactor(null, contact("84912345678", 10))).toBe(false);
    expect(verifySecondFactor(null, { kind: "national-id", last4: "4567" })).toBe(false);
  });

  it("normalises typed codes", () => {
    expect(normalizeCustomerCode("  kh 0000 0012 ")).toBe("KH00000012");
  });
});
