import { InlineKeyboard } from "grammy";
import { z } from "zod";
import { anyone } from "../../bot/access.js";
import { callbackKind } from "../../bot/callbackData.js";
import type { BotContext } from "../../bot/context.js";
import type { FeatureDeps } from "../../bot/deps.js";
import { Feature } from "../../bot/feature.js";
import { menuFor } from "../../bot/keyboards.js";
import { setAccountLanguage } from "../../data/accounts.js";
import { SUPPORTED_LOCALES } from "../../i18n.js";
import { linkedCustomerCode } from "../linking/accounts.js";

/** A language picked: `lang:vi`. */
const pickLanguage = callbackKind("lang", { locale: z.enum(SUPPORTED_LOCALES) });
/** "Change language" under the settings: `set:lang`. */
export const askLanguage = callbackKind("set:lang", {});

export const languageChooser = () =>
  new InlineKeyboard()
    .text("Tiếng Việt", pickLanguage.encode({ locale: "vi" }))
    .text("English", pickLanguage.encode({ locale: "en" }));

/** Language choice: kept in the session, and on the household's account for reminders. */
export function createLanguageFeature(deps: FeatureDeps) {
  const feature = new Feature("language", "everyone", anyone, deps.i18n);
  const ask = (ctx: BotContext) => ctx.reply(ctx.t("language-choose"), { reply_markup: languageChooser() });
  feature.command("language", ask);
  feature.button("menu-language", ask);
  feature.callback(askLanguage, async (ctx) => {
    await ctx.answerCallbackQuery();
    await ask(ctx);
  });
  feature.callback(pickLanguage, async (ctx, { locale }) => {
    await ctx.i18n.setLocale(locale);
    const code = await linkedCustomerCode(ctx.from.id);
    if (code) await setAccountLanguage(code, locale);
    await ctx.answerCallbackQuery();
    await ctx.reply(ctx.t("language-set"), { reply_markup: await menuFor(ctx) });
  });
  return feature;
}
