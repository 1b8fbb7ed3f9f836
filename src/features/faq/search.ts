import MiniSearch from "minisearch";
import { foldVietnamese } from "../../import/template.js";
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

/** Whether two folded words are the same, allowing one typo in words of four letters or more. */
function sameWord(a: string, b: string): boolean {
  if (a === b) return true;
  if (a.length < 4 || b.length < 4 || Math.abs(a.length - b.length) > 1) return false;
  // One substitution, insertion or deletion at most ("xuat"/"suat", "ngeo"/"ngheo").
  let i = 0;
  let j = 0;
  let edits = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      i++;
      j++;
      continue;
    }
    if (++edits > 1) return false;
    if (a.length > b.length) i++;
    else if (b.length > a.length) j++;
    else {
      i++;
      j++;
    }
  }
  return edits + (a.length - i) + (b.length - j) <= 1;
}

/** Whether the query's words hold the phrase's words in a row, typos allowed as in sameWord. */
function containsPhrase(words: readonly string[], phrase: readonly string[]): boolean {
  for (let start = 0; start + phrase.length <= words.length; start++) {
    if (phrase.every((p, k) => sameWord(words[start + k] as string, p))) return true;
  }
  return false;
}

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
      const words = normalise(query).split(" ");
      for (const { id, phrases: list } of phrases) {
        const score = best.get(id);
        if (score !== undefined && list.some((p) => containsPhrase(words, p.split(" ")))) best.set(id, score * 2);
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
