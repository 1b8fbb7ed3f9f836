import { describe, expect, it } from "vitest";
import { loadProgrammeCatalogue } from "../../src/catalogue/load.js";
import { assessEligibility, type EligibilityAnswers, followUpsToAsk } from "../../src/domain/eligibility.js";

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

describe("eligibility rules over the catalogue", () => {
  it.each([
    ["poor household, production", { status: "poor", purpose: "production" }, ["HN"]],
    ["near-poor household, production", { status: "near-poor", purpose: "production" }, ["CN"]],
    ["left poverty, production", { status: "left-poverty", purpose: "production" }, ["MTN"]],
    [
      "left poverty in a disadvantaged commune, no other production loan",
      { status: "left-poverty", disadvantagedCommune: true, followUps: { "no-other-production-loan": true } },
      ["MTN", "SXKD"],
    ],
    [
      "non-poor, disadvantaged commune, production",
      { status: "other", disadvantagedCommune: true, followUps: { "no-other-production-loan": true } },
      ["SXKD"],
    ],
    ["non-poor, ordinary commune, production", { status: "other" }, []],
    [
      "student of an average household, enrolled",
      { status: "average", purpose: "study", followUps: { enrolled: true } },
      ["HSSV"],
    ],
    ["student not yet admitted", { status: "average", purpose: "study" }, []],
    ["poor household, study", { status: "poor", purpose: "study", followUps: { enrolled: true } }, ["HN", "HSSV"]],
    ["anyone, job creation", { purpose: "job-creation" }, ["GQVL"]],
    ["rural household, water", { purpose: "water-sanitation" }, ["NSVS"]],
    ["urban household, water", { purpose: "water-sanitation", rural: false }, []],
    ["housing-law group, housing", { purpose: "housing", followUps: { "housing-law-group": true } }, ["NOXH"]],
    ["poor household, housing (NOHN closed)", { status: "poor", purpose: "housing" }, ["HN"]],
    ["overseas work with a contract", { purpose: "overseas-work", followUps: { "has-contract": true } }, ["XKLD"]],
    ["overseas work without a contract", { purpose: "overseas-work" }, []],
    ["after a prison sentence", { purpose: "reintegration" }, ["CHAT"]],
  ] as const)("%s", (_label, answers, expected) => {
    expect(eligibleCodes(answers as Partial<EligibilityAnswers>)).toEqual([...expected].sort());
  });

  it("covers every programme in at least one case above", () => {
    const covered = new Set(["HN", "CN", "MTN", "SXKD", "HSSV", "GQVL", "NSVS", "NOXH", "XKLD", "CHAT"]);
    const closed = catalogue.programmes.filter((p) => !p.openToNewLoans).map((p) => p.code);
    expect(catalogue.programmes.map((p) => p.code).filter((c) => !covered.has(c))).toEqual(closed);
  });

  it("explains why the others do not fit", () => {
    const verdicts = assessEligibility(catalogue, { ...base, status: "poor", purpose: "housing" });
    const byCode = new Map(verdicts.map((v) => [v.programme.code, v.reasons]));
    expect(byCode.get("NOHN")).toContain("closed");
    expect(byCode.get("CN")).toContain("status");
    expect(byCode.get("NOXH")).toEqual([{ followUp: "housing-law-group" }]);
    expect(byCode.get("GQVL")).toEqual(["purpose"]);
  });

  it("asks only the follow-up questions of programmes still in play", () => {
    expect(followUpsToAsk(catalogue, { ...base, purpose: "overseas-work" })).toEqual(["has-contract"]);
    expect(followUpsToAsk(catalogue, { ...base, status: "poor", purpose: "production" })).toEqual([]);
    expect(followUpsToAsk(catalogue, { ...base, status: "other", disadvantagedCommune: true })).toEqual([
      "no-other-production-loan",
    ]);
  });
});
