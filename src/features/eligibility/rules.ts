import type { Catalogue, HOUSEHOLD_STATUSES, Programme, PURPOSES } from "../../catalogue/schema.js";

export type HouseholdStatus = (typeof HOUSEHOLD_STATUSES)[number];
export type Purpose = (typeof PURPOSES)[number];

/** A yes/no answer, or "unknown" where a borrower may not know (is my commune on the list?). */
export type Answer = boolean | "unknown";

/** What the borrower answered in the guide. */
export interface EligibilityAnswers {
  status: HouseholdStatus;
  purpose: Purpose;
  disadvantagedCommune: Answer;
  rural: Answer;
  /** Answers to programme-specific questions (catalogue `requiresFollowUp` and the like). */
  followUps: Readonly<Record<string, Answer>>;
}

export type IneligibilityReason = "closed" | "purpose" | "status" | "commune" | "rural" | { followUp: string };

export interface Verdict {
  programme: Programme;
  /** Fits on every answer given (possibly pending `toConfirm`). */
  eligible: boolean;
  reasons: IneligibilityReason[];
  /** Conditions answered "unknown": the programme may fit; the borrower should confirm them. */
  toConfirm: IneligibilityReason[];
}

interface Assessment {
  reasons: IneligibilityReason[];
  toConfirm: IneligibilityReason[];
}

/** A condition met (true), failed (false) or not known: sorted into reasons or things to confirm. */
function check(result: Answer | undefined, reason: IneligibilityReason, into: Assessment): void {
  if (result === "unknown") into.toConfirm.push(reason);
  else if (result !== true) into.reasons.push(reason);
}

const not = (answer: Answer | undefined): Answer | undefined =>
  answer === "unknown" || answer === undefined ? answer : !answer;

function assess(p: Programme, a: EligibilityAnswers): Assessment {
  const out: Assessment = { reasons: [], toConfirm: [] };
  const rules = p.eligibility;
  if (!p.openToNewLoans) out.reasons.push("closed");
  if (!rules.purposes.includes(a.purpose)) out.reasons.push("purpose");
  if (rules.householdStatuses && !rules.householdStatuses.includes(a.status)) {
    // Some programmes take another path instead of the household's status (orphaned students).
    const instead = rules.statusOrFollowUp;
    if (instead) check(a.followUps[instead], "status", out);
    else out.reasons.push("status");
  }
  if (rules.requiresDisadvantagedCommune) check(a.disadvantagedCommune, "commune", out);
  if (rules.requiresRural) check(a.rural, "rural", out);
  for (const followUp of rules.requiresFollowUp ?? []) check(a.followUps[followUp], { followUp }, out);
  for (const followUp of rules.excludedByFollowUp ?? []) check(not(a.followUps[followUp]), { followUp }, out);
  return out;
}

/** Every programme of the catalogue with whether it fits and, if not, why. Pure. */
export function assessEligibility(catalogue: Catalogue, answers: EligibilityAnswers): Verdict[] {
  return catalogue.programmes.map((programme) => {
    const { reasons, toConfirm } = assess(programme, answers);
    return { programme, eligible: reasons.length === 0, reasons, toConfirm };
  });
}

/**
 * The programme-specific questions worth asking: those of programmes that fit on everything else.
 * Asking only these keeps the guide to a few taps.
 */
export function followUpsToAsk(catalogue: Catalogue, answers: Omit<EligibilityAnswers, "followUps">): string[] {
  const asked = new Set<string>();
  for (const p of catalogue.programmes) {
    const { reasons } = assess(p, { ...answers, followUps: {} });
    const rules = p.eligibility;
    const statusPath = rules.statusOrFollowUp && reasons.includes("status") ? [rules.statusOrFollowUp] : [];
    const others = reasons.filter((r) => typeof r === "string" && !(statusPath.length > 0 && r === "status"));
    if (others.length > 0) continue;
    for (const f of [...statusPath, ...(rules.requiresFollowUp ?? []), ...(rules.excludedByFollowUp ?? [])]) {
      asked.add(f);
    }
  }
  return [...asked];
}
