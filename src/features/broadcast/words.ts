import type { I18n } from "@grammyjs/i18n";
import { loadProgrammeCatalogue } from "../../catalogue/load.js";
import type { Audience } from "../../domain/broadcast.js";
import { escapeHtml } from "../../domain/html.js";
import type { Locale } from "../../i18n.js";
import { placeName } from "../../staff/roles.js";

/** "Một xã: Xã Tân Lập", "Một chương trình: Cho vay hộ nghèo": the audience as people read it. */
export async function audienceInWords(i18n: I18n, locale: Locale, audience: Audience): Promise<string> {
  const label = i18n.t(locale, `broadcast-audience-${audience.kind}`);
  if (!("code" in audience)) return label;
  const name =
    audience.kind === "programme"
      ? (loadProgrammeCatalogue().programmes.find((p) => p.code === audience.code)?.name[locale] ?? audience.code)
      : await placeName(audience.kind, audience.code);
  return `${label}: ${escapeHtml(name)}`;
}
