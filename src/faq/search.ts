import MiniSearch from "minisearch";
import { foldVietnamese } from "../import/template.js";
import { FAQ, type FaqAnswer } from "./entries.js";

export interface FaqMatch {
  id: string;
  answer: FaqAnswer;
  score: number;
}

export interface FaqSearch {
  /** Best matches first; `confident` when the first clearly wins. */
  search(query: string): { matches: FaqMatch[]; confident: boolean };
}

function normalise(text: string): string {
  return foldVietnamese(text)
    .replace(/[^a-z0-9 ]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/** Words too common to tell questions apart. */
const STOP_WORDS = new Set(
  [
    "toi",
    "co",
    "khong",
    "la",
    "thi",
    "bao",
    "nhieu",
    "cua",
    "duoc",
    "the",
    "nao",
    "i",
    "my",
    "is",
    "a",
    "what",
    "how",
    "do",
  ].map(foldVietnamese),
);

/**
 * Full-text search over the FAQ questions and keywords of every language, with diacritics folded
 * ("lai suat" finds "lãi suất"), prefix matching and small typos tolerated.
 */
export function createFaqSearch(
  translate: (locale: string, key: string) => string,
  locales: readonly string[],
): FaqSearch {
  // One index per language: folded words of one language must not match the other's ("cận" vs "can").
  const indexes = locales.map((locale) => {
    const index = new MiniSearch<{ id: string; text: string }>({
      fields: ["text"],
      storeFields: ["id"],
      processTerm: (term) => {
        const folded = foldVietnamese(term);
        return folded.length > 0 && !STOP_WORDS.has(folded) ? folded : null;
      },
      searchOptions: { fuzzy: 0.25, prefix: true, combineWith: "OR" },
    });
    index.addAll(
      FAQ.map((entry) => ({
        id: entry.id,
        text: `${translate(locale, `faq-${entry.id}-q`)}\n${translate(locale, `faq-${entry.id}-k`)}`,
      })),
    );
    return index;
  });
  const byId = new Map(FAQ.map((e) => [e.id, e.answer]));
  // Phrases people say (the keywords, separated by ";") count double when the question contains one.
  const phrases = FAQ.map((entry) => ({
    id: entry.id,
    phrases: locales
      .flatMap((l) => translate(l, `faq-${entry.id}-k`).split(";"))
      .map((p) => normalise(p))
      .filter((p) => p.includes(" ")),
  }));
  return {
    search(query) {
      const best = new Map<string, number>();
      for (const index of indexes) {
        for (const r of index.search(query)) best.set(String(r.id), Math.max(best.get(String(r.id)) ?? 0, r.score));
      }
      const folded = ` ${normalise(query)} `;
      for (const { id, phrases: list } of phrases) {
        const score = best.get(id);
        if (score !== undefined && list.some((p) => folded.includes(` ${p} `))) best.set(id, score * 2);
      }
      const matches = [...best]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 3)
        .map(([id, score]) => ({ id, answer: byId.get(id) as FaqAnswer, score }));
      const [first, second] = matches;
      const confident = first !== undefined && first.score >= 3 && (!second || first.score >= second.score * 1.5);
      return { matches, confident };
    },
  };
}
