/**
 * Issue 24: the rules behind the answers, as the catalogue holds them: the ethnic-minority production
 * rate follows the poor-household rate (3.3% → 3.12% on 1 Dec 2025), the 2025 disaster reliefs with
 * their decisions, a relief that suspends interest collection, and what stays unconfirmed.
 */
import { describe, expect, it } from "vitest";
import { loadProgrammeCatalogue } from "../../src/catalogue/load.js";
import { rateAfterReliefs, rateOn, reliefsFor, suspensionOn } from "../../src/catalogue/rates.js";
import { catalogueSchema, type Relief } from "../../src/catalogue/schema.js";

const catalogue = loadProgrammeCatalogue();
const relief = (id: string) => catalogue.reliefs.find((r) => r.id === id) as Relief;

describe("rates behind the answers", () => {
  it("lends for ethnic-minority production land at half the poor-household rate: 3.3% until 30/11/2025, 3.12% after", () => {
    expect(rateOn(catalogue, "DTTSSX", "2025-11-30")?.ppm).toBe(33_000);
    expect(rateOn(catalogue, "DTTSSX", "2025-12-01")?.ppm).toBe(31_200);
    // Land and housing stay at 3%.
    expect(rateOn(catalogue, "DTTS", "2025-12-01")?.ppm).toBe(30_000);
  });

  it("states the STEM loan from QĐ 29/2025, leaving only its term unconfirmed", () => {
    const stem = catalogue.programmes.find((p) => p.code === "STEM");
    expect(stem?.unconfirmed).toEqual(["maxTerm"]);
    expect(stem?.legalBasis).toContain("QĐ 29/2025/QĐ-TTg");
    expect(rateOn(catalogue, "STEM", "2026-12-06")?.ppm).toBe(48_000);
  });
});

describe("disaster reliefs", () => {
  it("records QĐ 2731 as 2%/year off for October to December 2025 in Khánh Hòa, Gia Lai, Đắk Lắk and Lâm Đồng", () => {
    expect(relief("QD2731-2025")).toMatchObject({
      kind: "rate-cut",
      reductionPpm: 20_000,
      from: "2025-10-01",
      to: "2025-12-31",
      provinces: ["Khánh Hòa", "Gia Lai", "Đắk Lắk", "Lâm Đồng"],
    });
    expect(relief("QD2731-2025").source).toContain("380/NQ-CP");
  });

  it("applies a relief only within its dates and its places", () => {
    const cut = { ...relief("QD2731-2025"), offices: ["PGD9"] };
    const place = { officeCode: "PGD9", communeCode: "X1" };
    expect(reliefsFor({ reliefs: [cut] }, "2025-11-15", place)).toHaveLength(1);
    expect(reliefsFor({ reliefs: [cut] }, "2026-01-01", place)).toHaveLength(0);
    expect(reliefsFor({ reliefs: [cut] }, "2025-11-15", { officeCode: "PGD8", communeCode: "X1" })).toHaveLength(0);
    expect(rateAfterReliefs(62_400, [cut])).toBe(42_400);
  });

  it("holds a suspension of interest collection, which has no rate and is found by date", () => {
    const suspended = relief("YAGI-2024-SUSPENDED");
    expect(suspended.kind).toBe("interest-suspended");
    expect(suspensionOn([suspended], "2024-10-01")).toBe(suspended);
    expect(suspensionOn([suspended], "2025-01-01")).toBeNull();
    expect(rateAfterReliefs(62_400, [suspended])).toBe(62_400);
  });

  it("refuses a rate cut without its cut, and a suspension with one", () => {
    const raw = JSON.parse(JSON.stringify(catalogue));
    raw.reliefs[0].reductionPpm = undefined;
    expect(catalogueSchema.safeParse(raw).success).toBe(false);
    const other = JSON.parse(JSON.stringify(catalogue));
    other.reliefs[2].reductionPpm = 10_000;
    expect(catalogueSchema.safeParse(other).success).toBe(false);
  });
});

describe("poverty and average living standards", () => {
  it("dates the poverty line of 2027 and gives no average-living band for 2027, since none is defined", () => {
    expect(catalogue.povertyLines.map((l) => [l.from, l.ruralDong, l.urbanDong])).toEqual([
      ["2022-01-01", 1_500_000, 2_000_000],
      ["2027-01-01", 2_200_000, 2_800_000],
    ]);
    const standard2027 = catalogue.averageLivingStandards.find((s) => s.from === "2027-01-01");
    expect(standard2027).toMatchObject({ ruralDong: null, urbanDong: null });
  });
});
