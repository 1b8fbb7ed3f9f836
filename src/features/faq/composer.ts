import { hears, type I18n } from "@grammyjs/i18n";
import { Composer, InlineKeyboard } from "grammy";
import { type BotContext, translator, userLocale } from "../../bot/context.js";
import { loadProgrammeCatalogue } from "../../catalogue/load.js";
import { vietnamDate } from "../../domain/dates.js";
import { SUPPORTED_LOCALES } from "../../i18n.js";
import { programmeAnswerView, programmeSourcesView } from "../eligibility/views.js";
import { FAQ, type FaqAnswer } from "./entries.js";
import { createFaqSearch, type FaqMatch } from "./search.js";

/** Callback data of "legal basis and sources" under a programme answer: `faq:src:<programme code>`. */
const sourcesCallback = {
  encode: (code: string) => `faq:src:${code}`,
  pattern: /^faq:src:([A-Z][A-Z0-9_]{1,15})$/,
};

import { showBalance, showDueDates, showGroupHead } from "../statement/composer.js";

const COMMON = ["balance", "interest-this-month", "poor-loan", "how-to-start", "extension", "penalty-interest"];

/**
 * Questions typed in free text (with or without diacritics, small typos) or picked from a list.
 * Personal questions open the borrower's own views; low confidence offers the best three matches
 * and the group head. Register after every feature that reads free text (linking).
 */
export function createFaqFeature(i18n: I18n): Composer<BotContext> {
  const feature = new Composer<BotContext>();
  const search = createFaqSearch((locale, key) => i18n.t(locale, key), SUPPORTED_LOCALES);
  const answers = new Map(FAQ.map((e) => [e.id, e.answer]));

  const questionButtons = (ctx: BotContext, ids: readonly string[]) => {
    const keyboard = new InlineKeyboard();
    for (const id of ids) keyboard.text(ctx.t(`faq-${id}-q`), `faq:${id}`).row();
    return keyboard.text(ctx.t("faq-ask-head"), "faq:ask-head");
  };

  async function answer(ctx: BotContext, id: string, what: FaqAnswer) {
    if (what.kind === "personal") {
      const view = { balance: showBalance, "due-dates": showDueDates, "group-head": showGroupHead }[what.view];
      return view(ctx);
    }
    if (what.kind === "programme") {
      const catalogue = loadProgrammeCatalogue();
      const programme = catalogue.programmes.find((p) => p.code === what.code);
      if (!programme) return;
      return ctx.reply(
        programmeAnswerView(translator(ctx), await userLocale(ctx), catalogue, programme, vietnamDate(new Date())),
        {
          parse_mode: "HTML",
          reply_markup: new InlineKeyboard().text(ctx.t("faq-sources-button"), sourcesCallback.encode(programme.code)),
        },
      );
    }
    return ctx.reply(`<b>${ctx.t(`faq-${id}-q`)}</b>\n${ctx.t(`faq-${id}-a`)}`, { parse_mode: "HTML" });
  }

  const intro = (ctx: BotContext) => ctx.reply(ctx.t("faq-intro"), { reply_markup: questionButtons(ctx, COMMON) });
  feature.command("faq", intro);
  feature.filter(hears("menu-faq"), intro);

  feature.callbackQuery("faq:ask-head", async (ctx) => {
    await ctx.answerCallbackQuery();
    await ctx.reply(ctx.t("faq-ask-head-text"));
  });
  feature.callbackQuery(sourcesCallback.pattern, async (ctx) => {
    await ctx.answerCallbackQuery();
    const catalogue = loadProgrammeCatalogue();
    const programme = catalogue.programmes.find((p) => p.code === ctx.match[1]);
    if (!programme) return;
    const view = programmeSourcesView(
      translator(ctx),
      await userLocale(ctx),
      catalogue,
      programme,
      vietnamDate(new Date()),
    );
    await ctx.reply(view, { parse_mode: "HTML" });
  });

  feature.callbackQuery(/^faq:([a-z-]+)$/, async (ctx) => {
    const id = ctx.match[1] as string;
    const what = answers.get(id);
    await ctx.answerCallbackQuery();
    if (what) await answer(ctx, id, what);
  });

  feature.chatType("private").on("message:text", async (ctx, next) => {
    if (ctx.message.text.startsWith("/")) return next();
    const { matches, confident } = search.search(ctx.message.text);
    const [best] = matches;
    if (best && confident) return answer(ctx, best.id, best.answer);
    if (matches.length > 0) {
      return ctx.reply(ctx.t("faq-not-sure"), {
        reply_markup: questionButtons(
          ctx,
          matches.map((m: FaqMatch) => m.id),
        ),
      });
    }
    await ctx.reply(ctx.t("faq-no-match"), { reply_markup: questionButtons(ctx, []) });
  });
  return feature;
}
