import { percentOfRate, type RatePpm } from "../domain/rates.js";
import type { Catalogue, PovertyLine, Programme, RateRule, Relief } from "./schema.js";

/** A programme's rate on a day, with where it comes from. */
export interface RateInForce {
  ppm: RatePpm;
  /** The day the rule (or, for a share of another rate, the later of the two rules) took effect. */
  since: string;
  basis: string;
  source: string;
  checkedOn: string;
}

/** The rule of a schedule in force on `date`: the latest that started on or before it and has not ended. */
function ruleOn(schedule: readonly RateRule[], date: string): RateRule | null {
  let found: RateRule | null = null;
  for (const rule of schedule) {
    if (rule.from <= date && (!rule.to || date <= rule.to) && (!found || rule.from >= found.from)) found = rule;
  }
  return found;
}

/**
 * The rate of programme `code` on `date` (a Vietnam calendar date), following shares of other
 * programmes' rates on the same day; null when no rule covers the day. Pure.
 */
export function rateOn(catalogue: Catalogue, code: string, date: string, depth = 0): RateInForce | null {
  const programme = catalogue.programmes.find((p) => p.code === code);
  const rule = programme ? ruleOn(programme.rate.schedule, date) : null;
  if (!rule || depth > 5) return null;
  const own = { basis: rule.basis, source: rule.source, checkedOn: rule.checkedOn };
  if (rule.ppm !== undefined) return { ppm: rule.ppm, since: rule.from, ...own };
  const { programme: baseCode, percent } = rule.percentOf as { programme: string; percent: number };
  const base = rateOn(catalogue, baseCode, date, depth + 1);
  if (!base) return null;
  // The later of the two rules (dates as YYYY-MM-DD strings) is what changed the figure: name it.
  const baseIsLater = base.since > rule.from;
  const cause = baseIsLater ? { basis: base.basis, source: base.source, checkedOn: base.checkedOn } : own;
  return { ppm: percentOfRate(base.ppm, percent), since: baseIsLater ? base.since : rule.from, ...cause };
}

/** The programme's rate on `date`, as `rateOn` for a programme already in hand. */
export function programmeRateOn(catalogue: Catalogue, programme: Programme, date: string): RateInForce | null {
  return rateOn(catalogue, programme.code, date);
}

export interface ReliefPlace {
  officeCode: string;
  communeCode: string;
  pointCode?: string | null;
}

/** The temporary reliefs of the catalogue that cover this office, commune or point, at any date. */
export function reliefsOfPlace(catalogue: { reliefs: readonly Relief[] }, place: ReliefPlace): Relief[] {
  return catalogue.reliefs.filter(
    (r) =>
      r.offices.includes(place.officeCode) ||
      r.communes.includes(place.communeCode) ||
      (place.pointCode != null && r.points.includes(place.pointCode)),
  );
}

/** Those of `reliefs` in force on `date`. */
export function inForce(reliefs: readonly Relief[], date: string): Relief[] {
  return reliefs.filter((r) => r.from <= date && date <= r.to);
}

/** Temporary reliefs in force on `date` for a household of this office, commune and point. */
export function reliefsFor(catalogue: { reliefs: readonly Relief[] }, date: string, place: ReliefPlace): Relief[] {
  return inForce(reliefsOfPlace(catalogue, place), date);
}

/** The suspension of interest collection among `reliefs` in force on `date`, if any. */
export function suspensionOn(reliefs: readonly Relief[], date: string): Relief | null {
  return inForce(reliefs, date).find((r) => r.kind === "interest-suspended") ?? null;
}

/** The loan's rate less the rate cuts in force (never below zero). */
export function rateAfterReliefs(annualRatePpm: number, reliefs: readonly Relief[]): number {
  const cut = reliefs.reduce((sum, r) => sum + (r.kind === "rate-cut" ? (r.reductionPpm ?? 0) : 0), 0);
  return Math.max(0, annualRatePpm - cut);
}

/** The poverty line in force on `date`, or null when the data has none for that day. */
export function povertyLineOn(catalogue: Catalogue, date: string): PovertyLine | null {
  return catalogue.povertyLines.find((l) => l.from <= date && (!l.to || date <= l.to)) ?? null;
}
