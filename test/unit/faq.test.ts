import { describe, expect, it } from "vitest";
import { FAQ } from "../../src/faq/entries.js";
import { createFaqSearch } from "../../src/faq/search.js";
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

  it("is not confident about a vague question and finds nothing in noise", () => {
    expect(search.search("vay").confident).toBe(false);
    expect(search.search("xyzzy qwerty").matches).toEqual([]);
  });
});
