import { readFileSync } from "node:fs";
import type { I18n } from "@grammyjs/i18n";
import { LOCALES_DIR, type Locale } from "../i18n.js";

const PAGE_KEY = /^((?:dashboard|delivery-kind|hardship-status)-[a-z-]+) = (?!.*\{ ?\$)/;

/**
 * The page's fixed words: every dashboard text without variables, the delivery kinds and the
 * hardship statuses, from the bot's own locale files (texts with variables are filled in by the API).
 */
const pageKeys: readonly string[] = readFileSync(`${LOCALES_DIR}/vi.ftl`, "utf8")
  .split("\n")
  .map((line) => PAGE_KEY.exec(line)?.[1])
  .filter((key): key is string => key !== undefined);

export function pageLabels(i18n: I18n, locale: Locale): Record<string, string> {
  return Object.fromEntries(pageKeys.map((key) => [key, i18n.t(locale, key)]));
}
