import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { I18n } from "@grammyjs/i18n";

// No trailing slash: the plugin derives the locale from the path below this directory.
export const LOCALES_DIR = fileURLToPath(new URL("../locales", import.meta.url));
export const SUPPORTED_LOCALES = ["vi", "en"] as const;
export type Locale = (typeof SUPPORTED_LOCALES)[number];

/** A translation function for one locale; views and message builders take it so they stay pure. */
export type Translate = (key: string, variables?: Record<string, string | number>) => string;

/** The translation function of one locale, for text written outside an update (to another user). */
export function translatorFor(i18n: I18n, locale: Locale): Translate {
  return (key, variables) => i18n.t(locale, key, variables);
}

export function isLocale(value: unknown): value is Locale {
  return value === "vi" || value === "en";
}

/**
 * Who speaks, as a Fluent term the texts refer to (`{ -operator }`, `{ -operator.configured -> … }`):
 * the operator's name when OPERATOR_NAME is set (a bank branch running the bot), otherwise nothing
 * that presents the bot as the bank. Braces and line breaks in the name are made literal.
 */
function operatorTerm(operatorName: string | undefined): string {
  const name = operatorName?.replace(/[\r\n]+/g, " ").trim();
  if (!name) return '\n-operator = {""}\n    .configured = no\n';
  return `\n-operator = ${name.replace(/[{}]/g, (c) => `{"${c}"}`)}\n    .configured = yes\n`;
}

/** All user-facing text lives in locales/*.ftl; Vietnamese is the default. */
export function createI18n(options: { operatorName?: string | undefined } = {}): I18n {
  const i18n = new I18n({
    defaultLocale: "vi",
    useSession: true,
    fluentBundleOptions: { useIsolating: false },
  });
  for (const locale of SUPPORTED_LOCALES) {
    const source = readFileSync(`${LOCALES_DIR}/${locale}.ftl`, "utf8") + operatorTerm(options.operatorName);
    i18n.loadLocaleSync(locale, { source });
  }
  return i18n;
}
