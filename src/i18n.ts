import { fileURLToPath } from "node:url";
import { I18n } from "@grammyjs/i18n";

// No trailing slash: the plugin derives the locale from the path below this directory.
export const LOCALES_DIR = fileURLToPath(new URL("../locales", import.meta.url));
export const SUPPORTED_LOCALES = ["vi", "en"] as const;
export type Locale = (typeof SUPPORTED_LOCALES)[number];

/** A translation function for one locale; views and message builders take it so they stay pure. */
export type Translate = (key: string, variables?: Record<string, string | number>) => string;

export function isLocale(value: unknown): value is Locale {
  return value === "vi" || value === "en";
}

/** All user-facing text lives in locales/*.ftl; Vietnamese is the default. */
export function createI18n(): I18n {
  return new I18n({
    defaultLocale: "vi",
    directory: LOCALES_DIR,
    useSession: true,
    fluentBundleOptions: { useIsolating: false },
  });
}
