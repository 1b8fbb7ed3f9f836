import { describe, expect, it } from "vitest";
import {
  addDays,
  addMonths,
  daysBetween,
  formatDateVi,
  formatVietnamDateTime,
  isLocalDate,
  parseDateVi,
  vietnamDate,
  vietnamInstant,
  vietnamMinutes,
  vietnamTimeOfDay,
} from "../../src/domain/dates.js";
import { formatVnd, parseDong } from "../../src/domain/money.js";
import { isNationalId, protectNationalId } from "../../src/domain/nationalId.js";
import { daysPastDue, interestForDays, overdueBucket, penaltyInterest } from "../../src/domain/overdue.js";
import { formatVnPhone, normalizeVnPhone } from "../../src/domain/phone.js";
import {
  annualFromMonthly,
  formatRate,
  monthlyRate,
  parsePercent,
  penaltyRate,
  percentOfRate,
} from "../../src/domain/rates.js";
import { nextTransactionDate, transactionDateInMonth } from "../../src/domain/transactionDay.js";

describe("money", () => {
  it.each([
    [0, "0 ₫"],
    [999, "999 ₫"],
    [1000, "1.000 ₫"],
    [1_250_000, "1.250.000 ₫"],
    [100_000_000, "100.000.000 ₫"],
    [-5_000, "-5.000 ₫"],
  ])("formats %d as %s", (amount, text) => {
    expect(formatVnd(amount)).toBe(text);
  });

  it("refuses fractional đồng", () => {
    expect(() => formatVnd(1.5)).toThrow(RangeError);
  });

  it.each([
    ["1250000", 1_250_000],
    ["1.250.000", 1_250_000],
    ["1,250,000", 1_250_000],
    ["1 250 000", 1_250_000],
    ["1.250.000 ₫", 1_250_000],
    ["500000đ", 500_000],
  ])("reads %s", (text, amount) => {
    expect(parseDong(text)).toBe(amount);
  });

  it.each(["1.5", "1.25.000", "1.250,000", "-100", "abc", "12,5"])("rejects %s", (text) => {
    expect(parseDong(text)).toBeNull();
  });
});

describe("dates in Vietnam", () => {
  it("takes the calendar date in Asia/Ho_Chi_Minh, not UTC", () => {
    // 18:30 UTC on 31 Dec is already 01:30 on 1 Jan in Vietnam (UTC+7).
    expect(vietnamDate(new Date("2026-12-31T18:30:00Z"))).toBe("2027-01-01");
    expect(vietnamDate(new Date("2026-12-31T16:59:00Z"))).toBe("2026-12-31");
    expect(vietnamDate(new Date("2026-12-31T17:00:00Z"))).toBe("2027-01-01");
  });

  it("converts times of day both ways at UTC+7, across the day boundary", () => {
    // Late evening of 8 Feb 2027 in UTC is the morning of the 9th (Tết) in Vietnam.
    const instant = new Date("2027-02-08T23:30:00Z");
    expect(vietnamDate(instant)).toBe("2027-02-09");
    expect(vietnamTimeOfDay(instant)).toBe("06:30");
    expect(vietnamMinutes(instant)).toBe(390);
    expect(vietnamInstant("2027-02-09", "06:30").toISOString()).toBe("2027-02-08T23:30:00.000Z");
    expect(vietnamInstant("2027-02-09").toISOString()).toBe("2027-02-08T17:00:00.000Z");
    expect(vietnamInstant("2027-02-09", "24:00").toISOString()).toBe("2027-02-09T17:00:00.000Z");
    expect(formatVietnamDateTime(new Date("2026-03-05T07:07:00Z"))).toBe("05/03/2026 14:07");
    expect(vietnamDate(new Date("1969-12-31T18:00:00Z"))).toBe("1970-01-01");
  });

  it("validates and formats", () => {
    expect(isLocalDate("2026-02-29")).toBe(false);
    expect(isLocalDate("2028-02-29")).toBe(true);
    expect(formatDateVi("2026-03-05")).toBe("05/03/2026");
    expect(parseDateVi("5/3/2026")).toBe("2026-03-05");
    expect(parseDateVi("31/04/2026")).toBeNull();
    expect(parseDateVi("2026-13-01")).toBeNull();
  });

  it("adds days and months across boundaries", () => {
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDays("2028-03-01", -1)).toBe("2028-02-29");
    expect(daysBetween("2026-01-01", "2027-01-01")).toBe(365);
    expect(addMonths("2026-01-31", 1)).toBe("2026-02-28");
    expect(addMonths("2026-11-15", 3)).toBe("2027-02-15");
    expect(addMonths("2026-03-15", -3)).toBe("2025-12-15");
  });
});

describe("commune transaction day", () => {
  const tet = [{ from: "2026-02-14", to: "2026-02-22", name: "Tết" }];

  it("falls on the last day of a month that lacks the day", () => {
    expect(transactionDateInMonth(2026, 4, 31, [])).toBe("2026-04-30");
    expect(transactionDateInMonth(2026, 2, 30, [])).toBe("2026-02-28");
    expect(transactionDateInMonth(2028, 2, 31, [])).toBe("2028-02-29");
  });

  it("moves past a closure such as Tết", () => {
    expect(transactionDateInMonth(2026, 2, 17, tet)).toBe("2026-02-23");
    expect(transactionDateInMonth(2026, 2, 10, tet)).toBe("2026-02-10");
  });

  it("finds the next session on or after today", () => {
    expect(nextTransactionDate("2026-11-28", 17, [])).toBe("2026-12-17");
    expect(nextTransactionDate("2026-12-17", 17, [])).toBe("2026-12-17");
    expect(nextTransactionDate("2026-04-15", 31, [])).toBe("2026-04-30");
    // January's session pushed into February by a closure is still the next one.
    const longClosure = [{ from: "2026-01-20", to: "2026-02-03", name: "closed" }];
    expect(nextTransactionDate("2026-02-01", 20, longClosure)).toBe("2026-02-04");
    expect(nextTransactionDate("2026-02-16", 17, tet)).toBe("2026-02-23");
  });
});

describe("overdue and penalty interest", () => {
  it("counts days past due", () => {
    expect(daysPastDue("2026-11-20", "2026-11-28")).toBe(8);
    expect(daysPastDue("2026-12-01", "2026-11-28")).toBe(0);
  });

  it.each([
    [0, "current"],
    [1, "1-30"],
    [30, "1-30"],
    [31, "31-90"],
    [90, "31-90"],
    [91, "91-180"],
    [181, "181-360"],
    [361, "over-360"],
  ] as const)("puts %d days in bucket %s", (days, bucket) => {
    expect(overdueBucket(days)).toBe(bucket);
  });

  it("charges 130% of the loan rate on overdue principal, exactly (6.24 % → 8.112 %)", () => {
    expect(penaltyRate(62_400)).toBe(81_120);
    expect(formatRate(penaltyRate(62_400), "vi")).toBe("8,112");
    // 10,000,000 đ at 6.24 %/year for 30 days = 0.52 % = 52,000 đ; overdue: 67,600 đ.
    expect(interestForDays(10_000_000, 62_400, 30)).toBe(52_000);
    expect(penaltyInterest(10_000_000, 62_400, 30)).toBe(67_600);
    expect(penaltyInterest(0, 62_400, 30)).toBe(0);
  });

  it("stays exact for large balances", () => {
    // 9e12 × 85,800 × 3650 exceeds 2^53; 9e12 × 8.58 % / 360 × 3650 = 7.82925e12 exactly.
    expect(interestForDays(9_000_000_000_000, 85_800, 3650)).toBe(7_829_250_000_000);
  });
});

describe("rates in millionths", () => {
  it("reads the bank's precise rates and writes them back as people do", () => {
    expect(parsePercent("7,9248")).toBe(79_248);
    expect(parsePercent("7.488 %")).toBe(74_880);
    expect(parsePercent("6,24")).toBe(62_400);
    expect(parsePercent("6")).toBe(60_000);
    expect(parsePercent("7,92481")).toBeNull();
    expect(parsePercent("abc")).toBeNull();
    expect(formatRate(79_248, "vi")).toBe("7,9248");
    expect(formatRate(74_880, "en")).toBe("7.488");
    expect(formatRate(60_000, "vi")).toBe("6");
  });

  it("computes shares and monthly rates as the decisions state them", () => {
    expect(percentOfRate(62_400, 120)).toBe(74_880); // near-poor 7.488 %
    expect(percentOfRate(62_400, 125)).toBe(78_000); // recently out of poverty 7.8 %
    expect(percentOfRate(62_400, 127)).toBe(79_248); // job creation 7.9248 %
    expect(monthlyRate(62_400)).toBe(5_200); // 0.52 %/month
    expect(monthlyRate(79_248)).toBe(6_604);
    expect(annualFromMonthly(5_200)).toBe(62_400);
  });
});

describe("personal identifiers", () => {
  it.each([
    ["0912 345 678", "+84912345678"],
    ["0912.345.678", "+84912345678"],
    ["+84 912 345 678", "+84912345678"],
    ["84912345678", "+84912345678"],
    ["0243 826 1234", "+842438261234"],
  ])("normalises %s", (text, e164) => {
    expect(normalizeVnPhone(text)).toBe(e164);
  });

  it.each(["12345", "0112345678", "+1 202 555 0100", "phone"])("rejects %s", (text) => {
    expect(normalizeVnPhone(text)).toBeNull();
  });

  it("writes phones as Vietnamese do", () => {
    expect(formatVnPhone("+84867207431")).toBe("0867 207 431");
    expect(formatVnPhone("+842438251234")).toBe("024 3825 1234");
    expect(formatVnPhone("12345")).toBe("12345");
  });

  it("keeps only a keyed hash and the last four digits of a CCCD", () => {
    const a = protectNationalId("001203004567", "secret-one-123456");
    expect(a.last4).toBe("4567");
    expect(a.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(a.hash).not.toContain("001203004567");
    expect(protectNationalId("001203004567", "secret-one-123456").hash).toBe(a.hash);
    expect(protectNationalId("001203004567", "secret-two-123456").hash).not.toBe(a.hash);
    expect(isNationalId("12345678901")).toBe(false);
  });
});

describe("a transaction day in a closure or on a weekend (a setting: the bank's rule is unconfirmed)", () => {
  const tet = [{ from: "2027-02-04", to: "2027-02-10", name: "Tết" }];
  it("moves out of a closure after it by default, or before it when set", () => {
    expect(transactionDateInMonth(2027, 2, 6, tet)).toBe("2027-02-11");
    expect(transactionDateInMonth(2027, 2, 6, tet, { onClosure: "before", onWeekend: "keep" })).toBe("2027-02-03");
  });

  it("keeps a weekend day by default, or moves it to the Monday after or the Friday before", () => {
    // 20/12/2026 is a Sunday.
    expect(transactionDateInMonth(2026, 12, 20, [])).toBe("2026-12-20");
    expect(transactionDateInMonth(2026, 12, 20, [], { onClosure: "after", onWeekend: "after" })).toBe("2026-12-21");
    expect(transactionDateInMonth(2026, 12, 20, [], { onClosure: "after", onWeekend: "before" })).toBe("2026-12-18");
  });

  it("leaves a closure that ends on a Saturday for the Monday when weekends move too", () => {
    const closure = [{ from: "2026-12-16", to: "2026-12-19", name: "x" }]; // Wed–Sat
    expect(transactionDateInMonth(2026, 12, 17, closure, { onClosure: "after", onWeekend: "after" })).toBe(
      "2026-12-21",
    );
  });
});
