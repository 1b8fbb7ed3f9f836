import { describe, expect, it } from "vitest";
import { isInSendingWindow, nextSendingTime } from "../../src/delivery/settings.js";
import { deliveryKey } from "../../src/domain/delivery.js";
import { groupShortName, type ReminderLoan } from "../../src/domain/groupLists.js";
import { createI18n } from "../../src/i18n.js";
import { reminderConfigSchema } from "../../src/reminders/config.js";
import { memberListTexts, overdueListTexts } from "../../src/reminders/messages.js";
import { remindersDueOn } from "../../src/reminders/rules.js";

const config = reminderConfigSchema.parse({});
const loan = (over: Partial<ReminderLoan> = {}): ReminderLoan => ({
  loanNumber: "KU1",
  interestDueNext: 55_000,
  overduePrincipal: 0,
  overdueSince: null,
  annualRatePpm: 62_400,
  nextInstallment: null,
  ...over,
});
const kinds = (today: string, session: string | null, loans: ReminderLoan[]) =>
  remindersDueOn(today, session, loans, config).map((r) => `${r.kind}@${r.eventDate}=${r.amount}`);

describe("which reminders are due on a day", () => {
  it("reminds of interest 3 days and 1 day before the transaction day, not otherwise", () => {
    expect(kinds("2026-12-14", "2026-12-17", [loan(), loan({ loanNumber: "KU2", interestDueNext: 20_000 })])).toEqual([
      "interest@2026-12-17=75000",
    ]);
    expect(kinds("2026-12-16", "2026-12-17", [loan()])).toEqual(["interest@2026-12-17=55000"]);
    expect(kinds("2026-12-15", "2026-12-17", [loan()])).toEqual([]);
    expect(kinds("2026-12-17", "2026-12-17", [loan()])).toEqual([]);
  });

  it("reminds of principal 7 days before, 1 day before and on the day", () => {
    const l = loan({ interestDueNext: 0, nextInstallment: { dueOn: "2027-01-10", amount: 5_000_000 } });
    expect(kinds("2027-01-03", null, [l])).toEqual(["principal@2027-01-10=5000000"]);
    expect(kinds("2027-01-09", null, [l])).toEqual(["principal@2027-01-10=5000000"]);
    expect(kinds("2027-01-10", null, [l])).toEqual(["principal@2027-01-10=5000000"]);
    expect(kinds("2027-01-08", null, [l])).toEqual([]);
  });

  it("sends overdue notices 1, 7 and 30 days after, then monthly", () => {
    const l = loan({ interestDueNext: 0, overduePrincipal: 2_000_000, overdueSince: "2026-11-01" });
    const noticeDays = [];
    for (let d = 1; d <= 95; d++) {
      const day = new Date(Date.UTC(2026, 10, 1 + d)).toISOString().slice(0, 10);
      if (kinds(day, null, [l]).length > 0) noticeDays.push(d);
    }
    expect(noticeDays).toEqual([1, 7, 30, 60, 90]);
  });

  it("gives each delivery a key that repeats when planned twice but differs per reminder step", () => {
    const key = (today: string) => {
      const [r] = remindersDueOn(today, "2026-12-17", [loan()], config);
      return r ? deliveryKey("KH1", r) : null;
    };
    // Planned again on the same day (after a re-import, say), the same key: the outbox adds nothing.
    expect([key("2026-12-14"), key("2026-12-14")]).toEqual([
      "KH1|interest|session-3d-before|2026-12-17",
      "KH1|interest|session-3d-before|2026-12-17",
    ]);
    expect(key("2026-12-16")).toBe("KH1|interest|session-1d-before|2026-12-17");
    expect(deliveryKey("KH2", { kind: "interest", subject: "session-3d-before", eventDate: "2026-12-17" })).toBe(
      "KH2|interest|session-3d-before|2026-12-17",
    );
  });

  it("refuses a bad configuration with a clear message", () => {
    const result = reminderConfigSchema.safeParse({ sendingWindows: [{ from: "17:00", to: "07:00" }] });
    expect(result.success).toBe(false);
    expect(JSON.stringify(result.error?.issues)).toContain("a window must end after it starts");
  });
});

describe("sending window", () => {
  const tet = [{ from: "2027-02-04", to: "2027-02-10", name: "Tết" }];
  // Vietnam is UTC+7: 08:00 local = 01:00 UTC.
  const local = (iso: string) => new Date(`${iso}+07:00`);

  it("sends now inside a window", () => {
    expect(nextSendingTime(local("2026-12-14T08:00:00"), config, [])).toEqual(local("2026-12-14T08:00:00"));
    expect(isInSendingWindow(local("2026-12-14T16:59:00"), config, [])).toBe(true);
  });

  it("waits for the afternoon window at lunch and for the next morning in the evening", () => {
    expect(nextSendingTime(local("2026-12-14T12:00:00"), config, [])).toEqual(local("2026-12-14T13:00:00"));
    expect(nextSendingTime(local("2026-12-14T20:00:00"), config, [])).toEqual(local("2026-12-15T07:00:00"));
    expect(isInSendingWindow(local("2026-12-14T11:30:00"), config, [])).toBe(false);
  });

  it("never sends during Tết", () => {
    expect(nextSendingTime(local("2027-02-03T18:00:00"), config, tet)).toEqual(local("2027-02-11T07:00:00"));
    expect(isInSendingWindow(local("2027-02-05T09:00:00"), config, tet)).toBe(false);
  });
});

describe("group names in texts", () => {
  const i18n = createI18n();
  const t = (key: string, vars?: Record<string, string | number>) => i18n.t("vi", key, vars);

  it("never says 'Tổ Tổ' when the bank's group name starts with 'Tổ'", () => {
    expect(groupShortName("Tổ TK&VV Thôn 3 (Hội Nông dân)")).toBe("TK&VV Thôn 3 (Hội Nông dân)");
    expect(groupShortName("tổ  Thôn 1")).toBe("Thôn 1");
    expect(groupShortName("Thôn Tổ 1")).toBe("Thôn Tổ 1");
    const texts = [
      ...memberListTexts(t, "Tổ TK&VV Thôn 3", [{ name: "A", code: "KH1", linkStatus: "linked" }]),
      ...overdueListTexts(t, "Tổ TK&VV Thôn 3", "2026-12-01", [], "on-request"),
    ].join("\n");
    expect(texts).toContain("Tổ TK&amp;VV Thôn 3");
    expect(texts).not.toMatch(/tổ tổ/i);
  });
});
