import { describe, expect, it } from "vitest";
import { canWithdraw, HARDSHIP_REFERENCE_RE, happenedFrom, hardshipReference } from "../../src/domain/hardship.js";

describe("hardship reports", () => {
  it("have references of the filing day and four characters no one misreads", () => {
    const reference = hardshipReference("2026-12-07", new Uint8Array([0, 1, 30, 31]));
    expect(reference).toBe("KK-261207-23Z2");
    expect(reference).toMatch(HARDSHIP_REFERENCE_RE);
    for (let b = 0; b < 256; b++) {
      const tail = hardshipReference("2026-12-07", new Uint8Array([b, b, b, b])).slice(-4);
      expect(tail).not.toMatch(/[01ILO]/);
    }
  });

  it("keep the period picked, from its first day", () => {
    expect(happenedFrom("this-week", "2026-12-07")).toBe("2026-12-01");
    expect(happenedFrom("this-month", "2026-03-01")).toBe("2026-01-30");
    expect(happenedFrom("earlier", "2026-12-07")).toBeNull();
  });

  it("can be withdrawn until the office has them", () => {
    expect(canWithdraw("awaiting-head")).toBe(true);
    expect(canWithdraw("needs-form")).toBe(true);
    expect(canWithdraw("sent-to-office")).toBe(false);
    expect(canWithdraw("decided")).toBe(false);
    expect(canWithdraw("withdrawn")).toBe(false);
  });
});
