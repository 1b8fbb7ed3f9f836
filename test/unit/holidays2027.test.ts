/**
 * Issue 24: the holiday data covers all of 2027, each day marked fixed by law, announced or expected
 * with its basis; the schema holds weekend days made working days (làm bù), and transaction days
 * move by them both ways.
 */
import { describe, expect, it } from "vitest";
import { calendarOf, loadHolidays } from "../../src/catalogue/load.js";
import { holidaysSchema } from "../../src/catalogue/schema.js";
import { addDays, isoWeekday, type LocalDate } from "../../src/domain/dates.js";
import {
  beyondCoverage,
  type Closure,
  holidayDataRunsShort,
  transactionDateInMonth,
} from "../../src/domain/transactionDay.js";
import { nextSessionOf } from "../../src/domain/transactionPoint.js";

const holidays = loadHolidays();
const closed = (date: LocalDate) => holidays.closures.find((c) => c.from <= date && date <= c.to);

describe("the holiday data for 2027", () => {
  it("reaches the end of 2027", () => {
    expect(holidays.coversUntil >= "2027-12-31").toBe(true);
  });

  it.each([
    // [date, weekday (1 = Monday), status, what]
    ["2027-01-01", 5, "fixed-by-law", "Tết Dương lịch"],
    ["2027-04-16", 5, "fixed-by-law", "Giỗ Tổ Hùng Vương (10/3 lunar)"],
    ["2027-04-30", 5, "fixed-by-law", "30/4"],
    ["2027-05-01", 6, "fixed-by-law", "1/5, a Saturday"],
    ["2027-05-03", 1, "fixed-by-law", "the day in lieu of 1/5 (Labour Code Art. 111.3)"],
    ["2027-09-02", 4, "fixed-by-law", "Quốc khánh"],
    ["2027-09-03", 5, "expected", "the day next to Quốc khánh, until the Prime Minister picks it"],
  ] as const)("closes %s (%s) as %s: %s", (date, weekday, status, _what) => {
    expect(isoWeekday(date)).toBe(weekday);
    const closure = closed(date);
    expect(closure?.status).toBe(status);
    expect(closure?.basis).toMatch(/Art\. 11[12]/);
  });

  it("closes five working days around Tết Đinh Mùi (6/2/2027), marked expected until announced", () => {
    const tet = closed("2027-02-06");
    expect(tet?.status).toBe("expected");
    const days: LocalDate[] = [];
    for (let d = tet?.from as LocalDate; d <= (tet?.to as LocalDate); d = addDays(d, 1)) days.push(d);
    expect(days.filter((d) => isoWeekday(d) <= 5)).toHaveLength(5);
    expect(days).toContain("2027-02-06");
  });

  it("keeps ordinary working days open: 4 Jan, 15 Apr, 4 May and 6 Sep 2027", () => {
    for (const date of ["2027-01-04", "2027-04-15", "2027-05-04", "2027-09-06"])
      expect(closed(date), date).toBeUndefined();
  });
});

describe("weekend days made working days (làm bù)", () => {
  const base = { asOf: "2026-12-06", coversUntil: "2027-12-31", source: "test", closures: [] };

  it("accepts a Saturday and refuses a weekday or a day inside a closure", () => {
    const day = (date: string) => ({ date, name: "Làm bù", status: "announced", basis: "test" });
    expect(holidaysSchema.safeParse({ ...base, workingDays: [day("2027-01-09")] }).success).toBe(true);
    expect(holidaysSchema.safeParse({ ...base, workingDays: [day("2027-01-08")] }).success).toBe(false);
    const closure = { from: "2027-01-09", to: "2027-01-10", name: "x", status: "announced", basis: "test" };
    expect(holidaysSchema.safeParse({ ...base, closures: [closure], workingDays: [day("2027-01-09")] }).success).toBe(
      false,
    );
  });

  it("keeps a transaction day that falls on a working Saturday, where it would otherwise move off the weekend", () => {
    const after = { onClosure: "after", onWeekend: "after" } as const;
    // Sat 9/1/2027.
    expect(transactionDateInMonth(2027, 1, 9, [], after)).toBe("2027-01-11");
    expect(transactionDateInMonth(2027, 1, 9, [], after, ["2027-01-09"])).toBe("2027-01-09");
  });

  it("moves a day out of a closure onto a working Saturday rather than past the weekend", () => {
    const closures: Closure[] = [{ from: "2027-03-04", to: "2027-03-05", name: "nghỉ bù" }];
    const after = { onClosure: "after", onWeekend: "after" } as const;
    expect(transactionDateInMonth(2027, 3, 5, closures, after)).toBe("2027-03-08");
    expect(transactionDateInMonth(2027, 3, 5, closures, after, ["2027-03-06"])).toBe("2027-03-06");
  });

  it("moves a point's days by the 2027 data: the 1st of January to the 2nd, the 16th of April to the 17th", () => {
    const calendar = calendarOf(holidays);
    const onThe = (day: number) => ({ schedule: { kind: "day" as const, day }, closureRule: null, weekendRule: null });
    expect(nextSessionOf("2026-12-25", onThe(1), calendar)).toBe("2027-01-02");
    expect(nextSessionOf("2027-04-01", onThe(16), calendar)).toBe("2027-04-17");
    // A point that does not work on weekends goes on to the Monday.
    expect(nextSessionOf("2026-12-25", { ...onThe(1), weekendRule: "after" as const }, calendar)).toBe("2027-01-04");
    // Tết: the 5th is in the break; the first day after it is Thu 11/2.
    expect(nextSessionOf("2027-02-01", onThe(5), calendar)).toBe("2027-02-11");
  });
});

describe("when the holiday data runs out", () => {
  it("warns from 90 days before its last day, and every day after", () => {
    expect(holidayDataRunsShort("2027-10-02", "2027-12-31")).toBe(false);
    expect(holidayDataRunsShort("2027-10-03", "2027-12-31")).toBe(true);
    expect(holidayDataRunsShort("2028-03-01", "2027-12-31")).toBe(true);
  });

  it("marks a session past the data as worked out without it", () => {
    const calendar = calendarOf(holidays);
    expect(beyondCoverage("2027-12-31", calendar)).toBe(false);
    expect(beyondCoverage("2028-01-20", calendar)).toBe(true);
  });
});
