import { describe, expect, it } from "vitest";
import { type DeliveryRecord, type ResumeFacts, recordsOf, resumeDecision } from "../../src/delivery/resume.js";

const today = "2026-12-02";
const delivery = { expiresOn: "2026-12-05" };
const facts = (over: Partial<ResumeFacts> = {}): ResumeFacts => ({
  today,
  unreachable: false,
  unlinked: false,
  policy: "resend-once",
  maxAttempts: 5,
  retryAt: (at, attempt) => at.getTime() + 1000 * attempt,
  ...over,
});
const inDoubt = (lastAttempt: number, resent = false): DeliveryRecord => ({
  lastAttempt,
  lastOutcome: null,
  settled: false,
  resent,
});

describe("what a dispatcher taking a batch over does with each delivery", () => {
  it("sends a delivery left in doubt again, marked, when its kind resends", () => {
    expect(resumeDecision(delivery, inDoubt(1), facts())).toEqual({
      action: "send",
      attempt: 2,
      readyAt: 0,
      resend: true,
      closeInDoubt: true,
    });
  });

  it("sends it again once per crash, until maxAttempts; then it is uncertain and listed", () => {
    expect(resumeDecision(delivery, inDoubt(4, true), facts())).toMatchObject({ action: "send", attempt: 5 });
    expect(resumeDecision(delivery, inDoubt(5, true), facts())).toEqual({
      action: "settle",
      attempt: 5,
      outcome: "uncertain",
      reason: "dispatcher-stopped",
      listInDoubt: true,
    });
  });

  it("under the report policy, or past its date, never resends: uncertain and listed", () => {
    expect(resumeDecision(delivery, inDoubt(1), facts({ policy: "report" }))).toMatchObject({
      action: "settle",
      outcome: "uncertain",
      listInDoubt: true,
    });
    expect(resumeDecision(delivery, inDoubt(1), facts({ today: "2026-12-06" }))).toMatchObject({
      outcome: "uncertain",
      listInDoubt: true,
    });
  });

  it("expires, skips the unreachable and the unlinked, in that order, without listing them", () => {
    const fresh = { lastAttempt: 0, lastOutcome: null, settled: false, resent: false };
    expect(resumeDecision(delivery, fresh, facts({ today: "2026-12-06", unreachable: true }))).toMatchObject({
      outcome: "expired",
      attempt: 1,
      listInDoubt: false,
    });
    expect(resumeDecision(delivery, fresh, facts({ unreachable: true, unlinked: true }))).toMatchObject({
      outcome: "skipped",
      reason: "unreachable",
    });
    expect(resumeDecision(delivery, fresh, facts({ unlinked: true }))).toMatchObject({ reason: "unlinked" });
  });

  it("retries after its delay, and keeps the marker on a resend that Telegram asked to retry", () => {
    const at = new Date("2026-12-02T03:00:00Z");
    const retried = { lastAttempt: 2, lastOutcome: { outcome: "retry", at }, settled: false, resent: true };
    expect(resumeDecision(delivery, retried, facts())).toEqual({
      action: "send",
      attempt: 3,
      // Attempt 2's delay under these facts is 2 s after the retry was recorded.
      readyAt: Date.parse("2026-12-02T03:00:02Z"),
      resend: true,
      closeInDoubt: false,
    });
  });

  it("reads a batch's history: last attempt, its outcome, final outcomes counted once, resends seen", () => {
    const at = new Date("2026-12-02T03:00:00Z");
    const { recordOf, counts } = recordsOf(
      [
        { deliveryId: "a", attempt: 1 },
        { deliveryId: "a", attempt: 2 },
        { deliveryId: "b", attempt: 1 },
        { deliveryId: "c", attempt: 1 },
      ],
      [
        { deliveryId: "a", attempt: 1, outcome: "retry", reason: "in-doubt-resent", at },
        { deliveryId: "b", attempt: 1, outcome: "sent", reason: null, at },
      ],
    );
    expect(recordOf("a")).toEqual({ lastAttempt: 2, lastOutcome: null, settled: false, resent: true });
    expect(recordOf("b")).toMatchObject({ lastAttempt: 1, settled: true, resent: false });
    expect(recordOf("c")).toEqual({ lastAttempt: 1, lastOutcome: null, settled: false, resent: false });
    expect(counts.sent).toBe(1);
  });
});
