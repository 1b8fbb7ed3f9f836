import { describe, expect, it } from "vitest";
import { loadProgrammeCatalogue } from "../../src/catalogue/load.js";
import { assessEligibility, type EligibilityAnswers, followUpsToAsk } from "../../src/features/eligibility/rules.js";
import { statusQuestionView } from "../../src/features/eligibility/views.js";
import { createI18n } from "../../src/i18n.js";

const catalogue = loadProgrammeCatalogue();
const base: EligibilityAnswers = {
  status: "other",
  purpose: "production",
  disadvantagedCommune: false,
  rural: true,
  followUps: {},
};
const eligibleCodes = (answers: Partial<EligibilityAnswers>) =>
  assessEligibility(catalogue, { ...base, ...answers })
    .filter((v) => v.eligible)
    .map((v) => v.programme.code)
    .sort();

/** Answers, and the programmes they make a household eligible for. */
const CASES = [
  ["poor household, production", { status: "poor", purpose: "production" }, ["HN"]],
  ["near-poor household, production", { status: "near-poor", purpose: "production" }, ["CN"]],
  ["left poverty, production", { status: "left-poverty", purpose: "production" }, ["MTN"]],
  // SXKD excludes poor, near-poor and recently-out-of-poverty households (domain sheet).
  ["left poverty in a disadvantaged commune", { status: "left-poverty", disadvantagedCommune: true }, ["MTN"]],
  [
    "non-poor, disadvantaged commune, no other production loan",
    { status: "other", disadvantagedCommune: true, followUps: { "has-production-loan": false } },
    ["SXKD"],
  ],
  [
    "non-poor, disadvantaged commune, with another production loan",
    { status: "other", disadvantagedCommune: true, followUps: { "has-production-loan": true } },
    [],
  ],
  [
    "a trader in a disadvantaged commune",
    { status: "other", disadvantagedCommune: true, followUps: { "has-production-loan": false, "is-trader": true } },
    ["SXKD", "TMKK"],
  ],
  ["non-poor, ordinary commune, production", { status: "other" }, []],
  [
    "student of an average household, enrolled",
    { status: "average", purpose: "study", followUps: { enrolled: true } },
    ["HSSV"],
  ],
  [
    "orphaned student of another household, enrolled",
    { status: "other", purpose: "study", followUps: { enrolled: true, "student-hardship": true } },
    ["HSSV"],
  ],
  ["student not yet admitted", { status: "average", purpose: "study" }, []],
  [
    "STEM student, enrolled",
    { status: "other", purpose: "study", followUps: { enrolled: true, "stem-field": true } },
    ["STEM"],
  ],
  ["poor household, study", { status: "poor", purpose: "study", followUps: { enrolled: true } }, ["HN", "HSSV"]],
  ["anyone, job creation", { purpose: "job-creation" }, ["GQVL"]],
  ["rural household, water", { purpose: "water-sanitation" }, ["NSVS"]],
  ["urban household, water", { purpose: "water-sanitation", rural: false }, []],
  ["housing-law group, housing", { purpose: "housing", followUps: { "housing-law-group": true } }, ["NOXH"]],
  ["poor household, housing (NOHN closed)", { status: "poor", purpose: "housing" }, ["HN"]],
  [
    "ethnic-minority programme household, housing",
    { purpose: "housing", followUps: { "ethnic-minority-programme": true } },
    ["DTTS"],
  ],
  [
    "ethnic-minority programme household, production",
    { purpose: "production", followUps: { "ethnic-minority-programme": true } },
    ["DTTSSX"],
  ],
  ["overseas work with a contract", { purpose: "overseas-work", followUps: { "has-contract": true } }, ["XKLD"]],
  ["overseas work without a contract", { purpose: "overseas-work" }, []],
  // Finishing a prison sentence is a status asked about, not a purpose.
  ["after a prison sentence, production", { purpose: "production", followUps: { "served-sentence": true } }, ["CHAT"]],
] as const;

describe("eligibility rules over the catalogue", () => {
  it.each(CASES)("%s", (_label, answers, expected) => {
    expect(eligibleCodes(answers as Partial<EligibilityAnswers>)).toEqual([...expected].sort());
  });

  it("covers every programme open to new loans in at least one case above", () => {
    const covered = new Set<string>(CASES.flatMap(([, , expected]) => [...expected]));
    const closed = catalogue.programmes.filter((p) => !p.openToNewLoans).map((p) => p.code);
    expect(catalogue.programmes.map((p) => p.code).filter((c) => !covered.has(c))).toEqual(closed);
  });

  it("keeps a programme that may fit when the borrower does not know, saying what to confirm", () => {
    const verdicts = assessEligibility(catalogue, {
      ...base,
      status: "other",
      disadvantagedCommune: "unknown",
      followUps: { "has-production-loan": false },
    });
    const sxkd = verdicts.find((v) => v.programme.code === "SXKD");
    expect(sxkd).toMatchObject({ eligible: true, toConfirm: ["commune"] });
    const no = assessEligibility(catalogue, { ...base, status: "other", disadvantagedCommune: false });
    expect(no.find((v) => v.programme.code === "SXKD")?.eligible).toBe(false);
  });

  it("explains why the others do not fit", () => {
    const verdicts = assessEligibility(catalogue, { ...base, status: "poor", purpose: "housing" });
    const byCode = new Map(verdicts.map((v) => [v.programme.code, v.reasons]));
    expect(byCode.get("NOHN")).toContain("closed");
    expect(byCode.get("CN")).toContain("status");
    expect(byCode.get("NOXH")).toEqual([{ followUp: "housing-law-group" }]);
    expect(byCode.get("GQVL")).toEqual(["purpose"]);
  });

  it("asks only the follow-up questions of programmes still in play, none of them negative", () => {
    expect(followUpsToAsk(catalogue, { ...base, purpose: "overseas-work" })).toEqual(["has-contract"]);
    // Production land for ethnic-minority households is a production purpose too.
    expect(followUpsToAsk(catalogue, { ...base, status: "poor", purpose: "production" }).sort()).toEqual([
      "ethnic-minority-programme",
      "served-sentence",
    ]);
    expect(followUpsToAsk(catalogue, { ...base, status: "other", disadvantagedCommune: true }).sort()).toEqual([
      "ethnic-minority-programme",
      "has-production-loan",
      "is-trader",
      "served-sentence",
    ]);
    // Vocational training after a prison sentence is a study purpose too.
    expect(followUpsToAsk(catalogue, { ...base, status: "other", purpose: "study" }).sort()).toEqual([
      "enrolled",
      "served-sentence",
      "stem-field",
      "student-hardship",
    ]);
  });
});

describe("the poverty line in the guide", () => {
  const i18n = createI18n();
  const t = (key: string, vars?: Record<string, string | number>) => i18n.t("vi", key, vars);
  it("shows the line in force on the day: 1.5 million until 31 Dec 2026, 2.2 million from 1 Jan 2027", () => {
    const before = statusQuestionView(t, catalogue, "2026-12-31");
    expect(before).toContain("1.500.000 ₫/người/tháng");
    expect(before).toContain("2.000.000 ₫ ở thành thị");
    const after = statusQuestionView(t, catalogue, "2027-01-01");
    expect(after).toContain("2.200.000 ₫/người/tháng");
    expect(after).toContain("2.800.000 ₫ ở thành thị");
  });
});
