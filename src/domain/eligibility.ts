import type { Catalogue, HOUSEHOLD_STATUSES, Programme, PURPOSES } from "../catalogue/schema.js";

export type HouseholdStatus = (typeof HOUSEHOLD_STATUSES)[number];
export type Purpose = (typeof PURPOSES)[number];

/** What the borrower answered in the guide. */
export interface EligibilityAnswers {
  status: HouseholdStatus;
  purpose: Purpose;
  disadvantagedCommune: boolean;
  rural: boolean;
  /** Answers to programme-specific questions (catalogue `requiresFollowUp`), e.g. "has-contract". */
  followUps: Readonly<Record<string, boolean>>;
}

export type IneligibilityReason = "closed" | "purpose" | "status" | "commune" | "rural" | { followUp: string };

export interface Verdict {
  programme: Programme;
  eligible: boolean;
  reasons: IneligibilityReason[];
}

function reasonsFor(p: Programme, a: EligibilityAnswers): IneligibilityReason[] {
  const reasons: IneligibilityReason[] = [];
  const rules = p.eligibility;
  if (!p.openToNewLoans) reasons.push("closed");
  if (!rules.purposes.includes(a.purpose)) reasons.push("purpose");
  if (rules.householdStatuses && !rules.householdStatuses.includes(a.status)) reasons.push("status");
  if (rules.requiresDisadvantagedCommune && !a.disadvantagedCommune) reasons.push("commune");
  if (rules.requiresRural && !a.rural) reasons.push("rural");
  for (const followUp of rules.requiresFollowUp ?? []) {
    if (a.followUps[followUp] !== true) reasons.push({ followUp });
  }
  return reasons;
}

/** Every programme of the catalogue with whether it fits and, if not, why. Pure. */
export function assessEligibility(catalogue: Catalogue, answers: EligibilityAnswers): Verdict[] {
  return catalogue.programmes.map((programme) => {
    const reasons = reasonsFor(programme, answers);
    return { programme, eligible: reasons.length === 0, reasons };
  });
}

/**
 * The programme-specific questions worth asking: those of programmes that fit on everything else.
 * Asking only these keeps the guide to a few taps.
 */
export function followUpsToAsk(catalogue: Catalogue, answers: Omit<EligibilityAnswers, "followUps">): string[] {
  const asked = new Set<string>();
  for (const p of catalogue.programmes) {
    const others = reasonsFor(p, { ...answers, followUps: {} }).filter((r) => typeof r === "string");
    if (others.length === 0) for (const f of p.eligibility.requiresFollowUp ?? []) asked.add(f);
  }
  return [...asked];
}
