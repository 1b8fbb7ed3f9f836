import { describe, expect, it } from "vitest";
import {
  armForNewcomer,
  armResults,
  assignArms,
  assignmentHash,
  type EnroleeOutcome,
  newcombe,
  outcomeOf,
  wilson,
} from "../../src/domain/experiments.js";

const close = (actual: { low: number; high: number }, low: number, high: number) => {
  expect(actual.low).toBeCloseTo(low, 4);
  expect(actual.high).toBeCloseTo(high, 4);
};

describe("confidence intervals, against Newcombe (1998)'s published examples", () => {
  it("Wilson's interval for one proportion", () => {
    close(wilson(81, 263), 0.2553, 0.3662);
    close(wilson(15, 148), 0.0624, 0.1605);
    close(wilson(0, 20), 0, 0.1611);
    close(wilson(1, 29), 0.0061, 0.1718);
  });

  it("Newcombe's hybrid score interval for a difference of two", () => {
    close(newcombe(56, 70, 48, 80), 0.0524, 0.3339);
    close(newcombe(9, 10, 3, 10), 0.1705, 0.809);
    close(newcombe(6, 7, 2, 7), 0.0582, 0.8062);
    close(newcombe(5, 56, 0, 29), -0.0381, 0.1926);
  });
});

describe("assignment", () => {
  const KEY = "experiment-key-0123456789";
  const households = Array.from({ length: 100_000 }, (_, i) => ({
    code: `KH${String(i).padStart(6, "0")}`,
    pointCode: `P${i % 137}`,
  }));

  it("is balanced within each point (at most one household apart) on 100,000 households", () => {
    const arms = assignArms(households, 3, KEY, "EXP1");
    const counts = new Map<string, number[]>();
    for (const h of households) {
      const c = counts.get(h.pointCode) ?? [0, 0, 0];
      const arm = arms.get(h.code) as number;
      c[arm] = (c[arm] ?? 0) + 1;
      counts.set(h.pointCode, c);
    }
    for (const c of counts.values()) {
      expect(Math.max(...c) - Math.min(...c)).toBeLessThanOrEqual(1);
      const size = c.reduce((a, b) => a + b, 0);
      for (const n of c) expect(Math.abs(n / size - 1 / 3)).toBeLessThan(0.02);
    }
  });

  it("is the same on every run and in any order, and another experiment's key orders differently", () => {
    const once = assignArms(households.slice(0, 5_000), 2, KEY, "EXP1");
    const again = assignArms(households.slice(0, 5_000).reverse(), 2, KEY, "EXP1");
    expect([...again].sort()).toEqual([...once].sort());
    const other = assignArms(households.slice(0, 5_000), 2, KEY, "EXP2");
    const same = [...once].filter(([code, arm]) => other.get(code) === arm).length;
    expect(same).toBeGreaterThan(2_000);
    expect(same).toBeLessThan(3_000);
  });

  it("keeps each point balanced as households join in batches, and never moves one already assigned", () => {
    const counts = new Map<string, number[]>();
    const first = assignArms(households.slice(0, 60_000), 3, KEY, "EXP1", counts);
    const later = assignArms(households.slice(60_000), 3, KEY, "EXP1", counts);
    for (const c of counts.values()) expect(Math.max(...c) - Math.min(...c)).toBeLessThanOrEqual(1);
    expect(counts.size).toBe(137);
    // Those of the first batch are not assigned again; the second batch takes only newcomers.
    expect([...later.keys()].some((code) => first.has(code))).toBe(false);
    expect(first.size + later.size).toBe(100_000);
  });

  it("puts a newcomer in the emptiest arm of its point, ties by its hash", () => {
    expect(armForNewcomer([10, 9, 10], assignmentHash(KEY, "EXP1", "KH1"))).toBe(1);
    const tied = ["KH1", "KH2", "KH3", "KH4", "KH5", "KH6"].map((c) =>
      armForNewcomer([4, 4], assignmentHash(KEY, "E", c)),
    );
    expect(new Set(tied)).toEqual(new Set([0, 1]));
  });
});

describe("outcomes", () => {
  it("reads paid on time, late, not paid and pending as a hand-checked table says", () => {
    const session = "2026-12-20";
    const table: [paidOn: string | null, lastImport: string, expected: string][] = [
      ["2026-12-20", "2026-12-21", "on-time"],
      ["2026-12-19", "2026-12-21", "on-time"],
      ["2026-12-21", "2026-12-21", "late"],
      ["2027-01-19", "2027-01-20", "late"],
      ["2027-01-20", "2027-01-21", "not-paid"],
      [null, "2027-01-19", "pending"],
      [null, "2027-01-20", "not-paid"],
    ];
    for (const [paidOn, lastImport, expected] of table) expect(outcomeOf(session, paidOn, lastImport)).toBe(expected);
  });

  it("counts reach and intention to treat apart, and says when there is not enough data", () => {
    const rows: EnroleeOutcome[] = [
      ...Array.from(
        { length: 70 },
        (_, i) => ({ arm: 0, reached: i < 60, outcome: i < 56 ? "on-time" : "not-paid" }) as const,
      ),
      ...Array.from(
        { length: 80 },
        (_, i) => ({ arm: 1, reached: true, outcome: i < 48 ? "on-time" : "late" }) as const,
      ),
      { arm: 1, reached: true, outcome: "pending" },
    ];
    const itt = armResults(rows, 2, "itt", 30);
    expect(itt.map((r) => [r.households, r.onTime, r.late, r.notPaid])).toEqual([
      [70, 56, 0, 14],
      [80, 48, 32, 0],
    ]);
    expect(itt[0]?.rate).toBeCloseTo(0.8, 10);
    // Arm 1 against arm 0: 48/80 − 56/70, the reverse of Newcombe's example.
    close(itt[1]?.difference as { low: number; high: number }, -0.3339, -0.0524);
    const reach = armResults(rows, 2, "reach", 30);
    expect(reach[0]?.households).toBe(60);
    expect(armResults(rows, 2, "itt", 75)[0]).toMatchObject({ rate: null, interval: null });
    expect(armResults(rows, 2, "itt", 75)[1]?.difference).toBeNull();
  });
});
