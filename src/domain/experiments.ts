import { createHmac } from "node:crypto";
import { addDays, type LocalDate, parseDateVi } from "./dates.js";

/**
 * Reminder wording experiments (issue 28), the rules alone: which arm a household is in, what came of
 * its reminder, and what the arms' results say with their uncertainty. Pure. Proportions and their
 * intervals are statistics, not money: floating point is right here.
 */

/** The reviewed wordings an arm may use; "none" (no reminder) needs its own approval. */
export const WORDINGS = ["plain", "signed", "savings", "none"] as const;
export type Wording = (typeof WORDINGS)[number];

/** The keyed hash that orders households: nobody can pick a household's arm without the key. */
export function assignmentHash(key: string, experimentId: string, householdCode: string): string {
  return createHmac("sha256", key).update(`${experimentId}\u0000${householdCode}`).digest("hex");
}

export interface Enrolee {
  code: string;
  pointCode: string;
}

/**
 * Arms for households not yet in the experiment, stratified by transaction point: within each point,
 * in the order of their keyed hash, each goes to the arm with the fewest households there so far
 * (`counts`, updated here), ties broken by its hash. Each point's arms then stay at most one household
 * apart however many join, and when.
 */
export function assignArms(
  enrolees: readonly Enrolee[],
  arms: number,
  key: string,
  experimentId: string,
  counts: Map<string, number[]> = new Map(),
): Map<string, number> {
  const byPoint = new Map<string, { code: string; hash: string }[]>();
  for (const e of enrolees) {
    const list = byPoint.get(e.pointCode) ?? [];
    list.push({ code: e.code, hash: assignmentHash(key, experimentId, e.code) });
    byPoint.set(e.pointCode, list);
  }
  const assigned = new Map<string, number>();
  for (const [point, list] of byPoint) {
    list.sort((a, b) => (a.hash < b.hash ? -1 : a.hash > b.hash ? 1 : 0));
    const atPoint = counts.get(point) ?? Array.from({ length: arms }, () => 0);
    counts.set(point, atPoint);
    for (const h of list) {
      const arm = armForNewcomer(atPoint, h.hash);
      atPoint[arm] = (atPoint[arm] ?? 0) + 1;
      assigned.set(h.code, arm);
    }
  }
  return assigned;
}

/** The arm with the fewest households at a point, ties broken by the household's keyed hash. */
export function armForNewcomer(countsAtPoint: readonly number[], hash: string): number {
  const fewest = Math.min(...countsAtPoint);
  const candidates = countsAtPoint.flatMap((c, arm) => (c === fewest ? [arm] : []));
  return candidates[Number.parseInt(hash.slice(0, 8), 16) % candidates.length] as number;
}

export type Outcome = "on-time" | "late" | "not-paid" | "pending";

/** Days after the transaction day within which a payment counts as late rather than not paid. */
export const LATE_WITHIN_DAYS = 30;

/**
 * What came of one reminded session, from the imports after it: paid by the transaction day (the
 * first import after the session shows nothing unpaid), paid later within 30 days, or not; "pending"
 * while the 30 days have not passed and nothing is paid yet.
 */
export function outcomeOf(session: LocalDate, paidOn: LocalDate | null, lastImport: LocalDate): Outcome {
  if (paidOn !== null && paidOn <= session) return "on-time";
  if (paidOn !== null && paidOn <= addDays(session, LATE_WITHIN_DAYS)) return "late";
  return lastImport > addDays(session, LATE_WITHIN_DAYS) || paidOn !== null ? "not-paid" : "pending";
}

/** 95 %, two-sided. */
export const Z_95 = 1.959963984540054;

export interface Interval {
  low: number;
  high: number;
}

/** Wilson's score interval for a proportion (Newcombe 1998, method 3). */
export function wilson(successes: number, n: number, z = Z_95): Interval {
  if (n === 0) return { low: 0, high: 1 };
  const p = successes / n;
  const denominator = 1 + (z * z) / n;
  const centre = (p + (z * z) / (2 * n)) / denominator;
  const half = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / denominator;
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

/** Newcombe's hybrid score interval for p1 − p2 (Newcombe 1998, method 10), from two Wilson intervals. */
export function newcombe(x1: number, n1: number, x2: number, n2: number, z = Z_95): Interval {
  const p1 = n1 === 0 ? 0 : x1 / n1;
  const p2 = n2 === 0 ? 0 : x2 / n2;
  const a = wilson(x1, n1, z);
  const b = wilson(x2, n2, z);
  const d = p1 - p2;
  return {
    low: d - Math.sqrt((p1 - a.low) ** 2 + (b.high - p2) ** 2),
    high: d + Math.sqrt((a.high - p1) ** 2 + (p2 - b.low) ** 2),
  };
}

export interface ArmResult {
  arm: number;
  households: number;
  onTime: number;
  late: number;
  notPaid: number;
  /** Paid on time ÷ households with an outcome; null below the set size ("not enough data yet"). */
  rate: number | null;
  interval: Interval | null;
  /** Against the first arm (null for the first arm itself, or below the set size). */
  difference: Interval | null;
}

export interface EnroleeOutcome {
  arm: number;
  /** Its reminder reached it (sent, by any channel). */
  reached: boolean;
  outcome: Outcome;
}

/**
 * Each arm's result, counting either everyone assigned (intention to treat) or only households whose
 * reminder was delivered (reach): a wording that fails to deliver is not mistaken for one that
 * persuades. Households still "pending" are left out of both.
 */
export function armResults(
  outcomes: readonly EnroleeOutcome[],
  arms: number,
  basis: "itt" | "reach",
  minimumPerArm: number,
): ArmResult[] {
  const counted = outcomes.filter((o) => o.outcome !== "pending" && (basis === "itt" || o.reached));
  const results = Array.from({ length: arms }, (_, arm) => {
    const mine = counted.filter((o) => o.arm === arm);
    const onTime = mine.filter((o) => o.outcome === "on-time").length;
    const enough = mine.length >= minimumPerArm;
    return {
      arm,
      households: mine.length,
      onTime,
      late: mine.filter((o) => o.outcome === "late").length,
      notPaid: mine.filter((o) => o.outcome === "not-paid").length,
      rate: enough ? onTime / mine.length : null,
      interval: enough ? wilson(onTime, mine.length) : null,
      difference: null as Interval | null,
    };
  });
  const first = results[0];
  for (const r of results.slice(1)) {
    if (first?.rate != null && r.rate !== null)
      r.difference = newcombe(r.onTime, r.households, first.onTime, first.households);
  }
  return results;
}

export interface ExperimentProposal {
  kind: "interest" | "principal";
  arms: Wording[];
  area: { kind: "points" | "communes"; codes: string[] };
  from: LocalDate;
  to: LocalDate;
}

export type ProposalProblem = "format" | "arms" | "dates" | "order";

/** The longest experiment: a season of transaction days. */
export const EXPERIMENT_MAX_DAYS = 184;

/**
 * "/experiment interest plain,signed,savings point:P1,P2 01/01/2027-31/03/2027" (or commune:X1,X2):
 * the reminder kind, 2–4 distinct wordings, the area and the period.
 */
export function parseProposal(text: string): ExperimentProposal | ProposalProblem {
  const m = /^(interest|principal)\s+(\S+)\s+(point|commune):(\S+)\s+(\S+?)\s*[-–]\s*(\S+)$/iu.exec(text.trim());
  if (!m) return "format";
  const [, kind, armsText, areaKind, codes, fromText, toText] = m as unknown as string[];
  const arms = (armsText as string).toLowerCase().split(",");
  const known = arms.every((a) => (WORDINGS as readonly string[]).includes(a));
  if (!known || arms.length < 2 || arms.length > 4 || new Set(arms).size !== arms.length) return "arms";
  const from = parseDateVi(fromText as string);
  const to = parseDateVi(toText as string);
  if (!from || !to) return "dates";
  if (to < from || addDays(from, EXPERIMENT_MAX_DAYS) < to) return "order";
  return {
    kind: (kind as string).toLowerCase() as "interest" | "principal",
    arms: arms as Wording[],
    area: {
      kind: (areaKind as string).toLowerCase() === "point" ? "points" : "communes",
      codes: [...new Set((codes as string).toUpperCase().split(",").filter(Boolean))],
    },
    from,
    to,
  };
}
