import { describe, expect, it } from "vitest";
import { loadProgrammeCatalogue } from "../../src/catalogue/load.js";
import { programmeAnswerView, programmeSourcesView } from "../../src/features/eligibility/views.js";
import { FAQ } from "../../src/features/faq/entries.js";
import { createFaqSearch } from "../../src/features/faq/search.js";
import { createI18n } from "../../src/i18n.js";
import { foldVietnamese } from "../../src/import/template.js";

const i18n = createI18n();
const search = createFaqSearch((l, k) => i18n.t(l, k), ["vi", "en"]);
const top = (q: string) => search.search(q).matches[0]?.id;

describe("FAQ search", () => {
  it.each([
    ["lai suat ho ngheo", "poor-loan"],
    ["lãi suất hộ nghèo", "poor-loan"],
    ["toi con no bao nhieu", "balance"],
    ["còn nợ bao nhiêu", "balance"],
    ["vay nuoc sach duoc bao nhieu", "water-loan"],
    ["khi nào đóng lãi", "interest-this-month"],
    ["lai suat ho ngheoo", "poor-loan"],
    ["nha bi lu co duoc khoanh no khong", "disaster"],
    ["to truong cua toi la ai", "my-group-head"],
    ["gui tiet kiem toi thieu", "savings-minimum"],
    ["who is my group head", "my-group-head"],
  ])("%s → %s", (query, id) => {
    expect(top(query)).toBe(id);
  });

  it("finds every FAQ question from its own words, with and without diacritics, in both languages", () => {
    for (const { id } of FAQ) {
      for (const locale of ["vi", "en"]) {
        const question = i18n.t(locale, `faq-${id}-q`);
        expect(top(question), `${locale}: ${question}`).toBe(id);
        expect(top(foldVietnamese(question)), `${locale} folded: ${question}`).toBe(id);
      }
    }
  });

  it.each(["lai suat ho ngheo", "toi con no bao nhieu", "vay nuoc sach duoc bao nhieu", "khi nao dong lai"])(
    "answers %s directly",
    (query) => {
      expect(search.search(query).confident).toBe(true);
    },
  );

  it.each([
    ["lai xuat ho ngeo", "poor-loan"],
    ["sinh vien vay duoc bao nhieu 1 thang", "student-loan"],
  ])("answers %s at once, typos and all (→ %s)", (query, id) => {
    const result = search.search(query);
    expect(result.matches[0]?.id).toBe(id);
    expect(result.confident).toBe(true);
  });

  it("is not confident about a vague question and finds nothing in noise", () => {
    expect(search.search("vay").confident).toBe(false);
    expect(search.search("xyzzy qwerty").matches).toEqual([]);
  });
});

describe("FAQ answers fit a phone screen", () => {
  const catalogue = loadProgrammeCatalogue();
  it.each(["vi", "en"] as const)(
    "every answer in %s is under 400 characters, the legal basis a button away",
    (locale) => {
      const t = (key: string, vars?: Record<string, string | number>) => i18n.t(locale, key, vars);
      for (const p of catalogue.programmes) {
        const text = programmeAnswerView(t, locale, catalogue, p, "2026-12-01").replace(/<[^>]+>/g, "");
        expect(text.length, p.code).toBeLessThan(400);
        expect(programmeSourcesView(t, locale, catalogue, p, "2026-12-01")).toContain(p.legalBasis);
      }
      for (const entry of FAQ.filter((e) => e.answer.kind === "text")) {
        const text = `${t(`faq-${entry.id}-q`)}\n${t(`faq-${entry.id}-a`)}`;
        expect(text.length, entry.id).toBeLessThan(400);
      }
    },
  );
});

describe("programme answers follow the rule in force on the day", () => {
  it("answers 7,92 % for near-poor households on 30 Nov 2025 and 7,488 % from 1 Dec 2025", () => {
    const catalogue = loadProgrammeCatalogue();
    const nearPoor = catalogue.programmes.find((p) => p.code === "CN");
    if (!nearPoor) throw new Error("CN missing");
    const t = (key: string, vars?: Record<string, string | number>) => i18n.t("vi", key, vars);
    const before = programmeAnswerView(t, "vi", catalogue, nearPoor, "2025-11-30");
    const after = programmeAnswerView(t, "vi", catalogue, nearPoor, "2025-12-01");
    expect(before).toContain("7,92%/năm (0,66%/tháng)");
    expect(after).toContain("7,488%/năm (0,624%/tháng), áp dụng từ 01/12/2025 theo QĐ 2553/QĐ-TTg");
  });
});
