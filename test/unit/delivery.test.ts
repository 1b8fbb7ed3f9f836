import { GrammyError, HttpError } from "grammy";
import { describe, expect, it } from "vitest";
import { classifySendError } from "../../src/delivery/classify.js";
import { SendPacer } from "../../src/delivery/sendPacer.js";
import { isInSendingWindow } from "../../src/delivery/settings.js";
import { deliveryExpiresOn } from "../../src/domain/delivery.js";
import { collectionRows, overdueRows, type RosterMember } from "../../src/domain/groupLists.js";
import { createI18n } from "../../src/i18n.js";
import { reminderConfigSchema } from "../../src/reminders/config.js";
import { borrowerReminderText, collectionListTexts, splitIntoMessages } from "../../src/reminders/messages.js";
import { collectionListDue, officerSummaryDue, overdueListDue } from "../../src/reminders/rules.js";

const config = reminderConfigSchema.parse({});
const limits = config.telegramLimits;
const i18n = createI18n();
const vi = (key: string, vars?: Record<string, string | number>) => i18n.t("vi", key, vars);
const en = (key: string, vars?: Record<string, string | number>) => i18n.t("en", key, vars);

/** Drives the pacer with a virtual clock: always sends as soon as it allows; returns send times. */
function simulate(pacer: SendPacer, chats: number[], untilMs: number): { at: number; chat: number }[] {
  const sent: { at: number; chat: number }[] = [];
  let now = 0;
  let i = 0;
  while (now < untilMs && i < chats.length) {
    const chat = chats[i] as number;
    const wait = pacer.waitMs(chat, now);
    if (wait > 0) {
      now += wait;
      continue;
    }
    pacer.record(chat, now);
    sent.push({ at: now, chat });
    i++;
  }
  return sent;
}

function maxInAnyWindow(times: number[], spanMs: number): number {
  let max = 0;
  let start = 0;
  for (let end = 0; end < times.length; end++) {
    while ((times[end] as number) - (times[start] as number) >= spanMs) start++;
    max = Math.max(max, end - start + 1);
  }
  return max;
}

describe("pacing messages within Telegram's limits", () => {
  it("never exceeds 30 a second in any window, yet sustains at least 93% of it", () => {
    const chats = Array.from({ length: 5000 }, (_, i) => i + 1);
    const sent = simulate(new SendPacer(limits), chats, 60_000);
    const times = sent.map((s) => s.at);
    expect(maxInAnyWindow(times, 1000)).toBeLessThanOrEqual(30);
    const perSecond = sent.length / 60;
    expect(perSecond).toBeGreaterThanOrEqual(0.93 * 30);
    expect(perSecond).toBeLessThanOrEqual(30);
  });

  it("spreads messages out instead of sending 30 at once", () => {
    const sent = simulate(new SendPacer(limits), [1, 2, 3, 4, 5, 6, 7, 8], 10_000);
    expect(sent.filter((s) => s.at === 0)).toHaveLength(3); // a tenth of a second's worth, no more
    expect((sent[7] as { at: number }).at).toBeGreaterThan(100);
  });

  it("keeps one private chat to one message a second and a group to 20 a minute", () => {
    const pacer = new SendPacer(limits);
    const toOne = simulate(pacer, [7, 7, 7, 7], 10_000).map((s) => s.at);
    for (let i = 1; i < toOne.length; i++) {
      expect((toOne[i] as number) - (toOne[i - 1] as number)).toBeGreaterThanOrEqual(1000);
    }
    const group = simulate(new SendPacer(limits), Array(25).fill(-100123), 200_000).map((s) => s.at);
    expect(maxInAnyWindow(group, 60_000)).toBeLessThanOrEqual(20);
    expect(group[20]).toBeGreaterThanOrEqual(60_000);
  });

  it("stops everything until retry_after has passed after a 429", () => {
    const pacer = new SendPacer(limits);
    pacer.pauseUntil(5_000);
    expect(pacer.waitMs(1, 0)).toBe(5_000);
    expect(pacer.waitMs(2, 4_000)).toBe(1_000);
    expect(pacer.waitMs(2, 5_000)).toBe(0);
  });

  it("scales with the limits (the benchmark's ×10 fake server)", () => {
    const scaled = { ...limits, globalPerSecond: 300, privateChatPerSecond: 10 };
    const sent = simulate(
      new SendPacer(scaled),
      Array.from({ length: 20_000 }, (_, i) => i),
      20_000,
    );
    expect(
      maxInAnyWindow(
        sent.map((s) => s.at),
        1000,
      ),
    ).toBeLessThanOrEqual(300);
    expect(sent.length / 20).toBeGreaterThanOrEqual(0.93 * 300);
  });
});

describe("what a failed send means", () => {
  const telegram = (code: number, description: string, retryAfter?: number) =>
    new GrammyError(
      "call failed",
      {
        ok: false,
        error_code: code,
        description,
        ...(retryAfter ? { parameters: { retry_after: retryAfter } } : {}),
      },
      "sendMessage",
      {},
    );

  it.each([
    [telegram(429, "Too Many Requests: retry after 7", 7), { outcome: "retry", reason: "429", retryAfterMs: 7000 }],
    [telegram(403, "Forbidden: bot was blocked by the user"), { outcome: "unreachable", reason: "403" }],
    [telegram(400, "Bad Request: chat not found"), { outcome: "unreachable", reason: "400" }],
    [telegram(400, "Bad Request: can't parse entities"), { outcome: "failed", reason: "400" }],
    [telegram(502, "Bad Gateway"), { outcome: "retry", reason: "502" }],
    [
      new HttpError("network", Object.assign(new Error("refused"), { code: "ECONNREFUSED" })),
      { outcome: "retry", reason: "ECONNREFUSED" },
    ],
    [
      new HttpError("network", Object.assign(new Error("reset"), { code: "ECONNRESET" })),
      { outcome: "uncertain", reason: "ECONNRESET" },
    ],
    [new HttpError("timed out", new Error("aborted")), { outcome: "uncertain", reason: "network" }],
  ])("%s", (error, expected) => {
    expect(classifySendError(error)).toEqual(expected);
  });
});

describe("group-head and officer rules", () => {
  it("sends the collection list 2 days before the session", () => {
    expect(collectionListDue("2026-12-18", "2026-12-20", config)).toBe(true);
    expect(collectionListDue("2026-12-17", "2026-12-20", config)).toBe(false);
    expect(collectionListDue("2026-12-18", null, config)).toBe(false);
  });

  it("sends the overdue list on Mondays when there is overdue debt, and the day after someone falls overdue", () => {
    expect(overdueListDue("2026-12-21", ["2026-11-01"], config)).toBe("weekly"); // Monday
    expect(overdueListDue("2026-12-21", [], config)).toBeNull();
    expect(overdueListDue("2026-12-17", ["2026-12-16"], config)).toBe("new-overdue");
    expect(overdueListDue("2026-12-17", ["2026-12-10"], config)).toBeNull();
    expect(officerSummaryDue("2026-12-21", config)).toBe(true);
    expect(officerSummaryDue("2026-12-22", config)).toBe(false);
  });

  it("lets a reminder about a date go until that date, overdue notices and lists for a week", () => {
    expect(deliveryExpiresOn("interest", "2026-12-20", "2026-12-17")).toBe("2026-12-20");
    expect(deliveryExpiresOn("collection-list", "2026-12-20", "2026-12-18")).toBe("2026-12-20");
    expect(deliveryExpiresOn("overdue", "2026-11-01", "2026-12-17")).toBe("2026-12-23");
  });

  it("validates the configuration: times of day, windows that end after they start, 24:00 allowed", () => {
    expect(reminderConfigSchema.safeParse({ sendingWindows: [{ from: "07:00", to: "25:00" }] }).success).toBe(false);
    expect(reminderConfigSchema.safeParse({ sendingWindows: [{ from: "13:00", to: "11:00" }] }).success).toBe(false);
    expect(reminderConfigSchema.safeParse({ groupHeadOverdueWeekday: 8 }).success).toBe(false);
    const allDay = reminderConfigSchema.parse({ sendingWindows: [{ from: "00:00", to: "24:00" }] });
    expect(isInSendingWindow(new Date("2026-12-17T16:59:00Z"), allDay, [])).toBe(true); // 23:59 local
  });
});

describe("lists and messages", () => {
  const member = (code: string, name: string, over: Partial<RosterMember["loans"][number]> = {}): RosterMember => ({
    code,
    name,
    linkStatus: "linked",
    loans: [
      {
        loanNumber: `L${code}`,
        interestDueNext: 10_000,
        overduePrincipal: 0,
        overdueSince: null,
        annualRatePpm: 660,
        nextInstallment: null,
        ...over,
      },
    ],
  });

  it("counts principal due by the session only, and orders overdue members longest first", () => {
    const rows = collectionRows(
      [
        member("1", "Bình", { nextInstallment: { dueOn: "2026-12-20", amount: 1_000_000 } }),
        member("2", "An", { nextInstallment: { dueOn: "2027-01-20", amount: 1_000_000 } }),
      ],
      "2026-12-20",
    );
    expect(rows.map((r) => [r.name, r.principal])).toEqual([
      ["An", 0],
      ["Bình", 1_000_000],
    ]);
    const overdue = overdueRows(
      [
        member("1", "Bình", { overduePrincipal: 5, overdueSince: "2026-12-01" }),
        member("2", "An", { overduePrincipal: 7, overdueSince: "2026-11-01" }),
        member("3", "Chi"),
      ],
      "2026-12-21",
    );
    expect(overdue.map((r) => [r.name, r.days])).toEqual([
      ["An", 50],
      ["Bình", 20],
    ]);
  });

  it("splits a long list into numbered messages under Telegram's limit, header on each", () => {
    const rows = Array.from({ length: 120 }, (_, i) => `${i + 1}. ${"Nguyễn Văn Tên Rất Dài ".repeat(3)}`);
    const parts = splitIntoMessages(vi, ["HEADER"], rows, ["FOOTER"], 2000);
    expect(parts.length).toBeGreaterThan(2);
    for (const [i, part] of parts.entries()) {
      expect(part.length).toBeLessThanOrEqual(2000);
      expect(part.startsWith("HEADER")).toBe(true);
      expect(part).toContain(`(phần ${i + 1}/${parts.length})`);
    }
    expect(parts.at(-1)).toContain("FOOTER");
    expect(parts.join("\n").match(/^\d+\. /gm)).toHaveLength(120);
  });

  it("escapes imported names and keeps a 50-member collection list within Telegram's 4,096 characters", () => {
    const members = Array.from({ length: 50 }, (_, i) =>
      member(String(i), `<b>Nguyễn Thị Thanh Hương ${i}</b>`, {
        nextInstallment: { dueOn: "2026-12-20", amount: 12_500_000 },
      }),
    );
    const texts = collectionListTexts(
      vi,
      "Tổ <1>",
      "2026-12-20",
      { place: "Nhà văn hóa", hours: "7:30" },
      collectionRows(members, "2026-12-20"),
    );
    for (const text of texts) expect(text.length).toBeLessThanOrEqual(4096);
    expect(texts.join("")).not.toContain("<b>Nguyễn");
    expect(texts[0]).toContain("&lt;b&gt;Nguyễn");
    expect(texts[0]).toContain("Tổ &lt;1&gt;");
    expect(texts[0]).not.toContain("Tổ Tổ");
  });

  it("writes reminders in English for English speakers, with the amount, date and place", () => {
    const text = borrowerReminderText(
      en,
      "en",
      { kind: "interest", eventDate: "2026-12-20", amount: 1_250_000, subject: "session-3d-before" },
      { place: "Commune hall", hours: "07:30-11:00" },
      { head: "Nguyễn Thị Hoa", group: "Tổ Thôn 1" },
    );
    expect(text).toContain("<b>1.250.000 ₫</b>");
    expect(text).toContain("Sunday, 20/12/2026");
    expect(text).toContain("Commune hall (07:30-11:00)");
    expect(text).toContain("— Nguyễn Thị Hoa, head of group Thôn 1");
  });
});
