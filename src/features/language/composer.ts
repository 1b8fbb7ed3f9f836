import { hears } from "@grammyjs/i18n";
import { Composer, InlineKeyboard } from "grammy";
import type { BotContext } from "../../bot/context.js";
import { menuFor } from "../../bot/keyboards.js";
import { setAccountLanguage } from "../../data/accounts.js";
import type { SUPPORTED_LOCALES } from "../../i18n.js";
import { linkedCustomerCode } from "../linking/accounts.js";

/** Language choice: kept in the session, and on the household's account for reminders. */
export const languageFeature = new Composer<BotContext>();

export const languageChooser = () => new InlineKeyboard().text("Tiếng Việt", "lang:vi").text("English", "lang:en");

const askLanguage = (ctx: BotContext) => ctx.reply(ctx.t("language-choose"), { reply_markup: languageChooser() });
languageFeature.command("language", askLanguage);
languageFeature.filter(hears("menu-language"), askLanguage);

languageFeature.callbackQuery(/^lang:(vi|en)$/, async (ctx) => {
  const locale = ctx.match[1] as (typeof SUPPORTED_LOCALES)[number];
  await ctx.i18n.setLocale(locale);
  const code = await linkedCustomerCode(ctx.from.id);
  if (code) await setAccountLanguage(code, locale);
  await ctx.answerCallbackQuery();
  await ctx.reply(ctx.t("language-set"), { reply_markup: await menuFor(ctx) });
});
