import { Composer, InlineKeyboard } from "grammy";
import { z } from "zod";
import { anyone, checkAccess, linkedBorrower } from "../../bot/access.js";
import { callbackKind } from "../../bot/callbackData.js";
import { type BotContext, translator, userLocale } from "../../bot/context.js";
import type { FeatureDeps } from "../../bot/deps.js";
import { Feature } from "../../bot/feature.js";
import { loadProgrammeCatalogue } from "../../catalogue/load.js";
import { vietnamDate } from "../../domain/dates.js";
import { SUPPORTED_LOCALES } from "../../i18n.js";
import { programmeAnswerView, programmeSourcesView } from "../eligibility/views.js";
import { showPersonalView } from "../statement/composer.js";
import { povertyView, riskHandlingView } from "./catalogueAnswers.js";
import { FAQ, type FaqAnswer } from "./entries.js";
import { createFaqSearch } from "./search.js";

const COMMON = ["balance", "interest-this-month", "poor-loan", "how-to-start", "extension", "penalty-interest"];
const answers = new Map(FAQ.map((e) => [e.id, e.answer]));

/** A question picked from the list: `faq:<question id>`. */
const pickQuestion = callbackKind("faq", { id: z.string().refine((id) => answers.has(id)) });
/** "Ask my group head": `faq:ask-head`. */
const askHead = callbackKind("faq:ask-head", {});
/** "Legal basis and sources" under a programme answer: `faq:src:<programme code>`. */
const showSources = callbackKind("faq:src", { code: z.string().regex(/^[A-Z][A-Z0-9_]{1,15}$/) });

function questionButtons(ctx: BotContext, ids: readonly string[]) {
  const keyboard = new InlineKeyboard();
  for (const id of ids) keyboard.text(ctx.t(`faq-${id}-q`), pickQuestion.encode({ id })).row();
  return keyboard.text(ctx.t("faq-ask-head"), askHead.encode({}));
}

async function reply(ctx: BotContext, id: string, what: FaqAnswer) {
  if (what.kind === "personal") {
    // A personal answer is the borrower's own view: the same check as the statement feature's.
    const borrower = await checkAccess(ctx, linkedBorrower);
    return borrower ? showPersonalView(ctx, borrower.customerCode, what.view) : undefined;
  }
  if (what.kind === "programme") {
    const catalogue = loadProgrammeCatalogue();
    const programme = catalogue.programmes.find((p) => p.code === what.code);
    if (!programme) return;
    const view = programmeAnswerView(
      translator(ctx),
      await userLocale(ctx),
      catalogue,
      programme,
      vietnamDate(ctx.clock.now()),
    );
    return ctx.reply(view, {
      parse_mode: "HTML",
      reply_markup: new InlineKeyboard().text(
        ctx.t("faq-sources-button"),
        showSources.encode({ code: programme.code }),
      ),
    });
  }
  if (what.kind === "catalogue") {
    const render = what.view === "risk-handling" ? riskHandlingView : povertyView;
    const answer = render(
      translator(ctx),
      await userLocale(ctx),
      loadProgrammeCatalogue(),
      vietnamDate(ctx.clock.now()),
    );
    return ctx.reply(`<b>${ctx.t(`faq-${id}-q`)}</b>\n${answer}`, { parse_mode: "HTML" });
  }
  return ctx.reply(`<b>${ctx.t(`faq-${id}-q`)}</b>\n${ctx.t(`faq-${id}-a`)}`, { parse_mode: "HTML" });
}

/**
 * Questions typed in free text (with or without diacritics, small typos) or picked from a list.
 * Personal questions open the borrower's own views; low confidence offers the best three matches and
 * the group head. `questions` is the free-input router's answer to text no flow is waiting for.
 */
export function createFaqFeature(deps: FeatureDeps) {
  const feature = new Feature("faq", "everyone", anyone, deps.i18n);
  const search = createFaqSearch((locale, key) => deps.i18n.t(locale, key), SUPPORTED_LOCALES);

  const intro = (ctx: BotContext) => ctx.reply(ctx.t("faq-intro"), { reply_markup: questionButtons(ctx, COMMON) });
  feature.command("faq", intro);
  feature.button("menu-faq", intro);
  feature.callback(askHead, async (ctx) => {
    await ctx.answerCallbackQuery();
    await ctx.reply(ctx.t("faq-ask-head-text"));
  });
  feature.callback(showSources, async (ctx, { code }) => {
    await ctx.answerCallbackQuery();
    const catalogue = loadProgrammeCatalogue();
    const programme = catalogue.programmes.find((p) => p.code === code);
    if (!programme) return;
    const today = vietnamDate(ctx.clock.now());
    const view = programmeSourcesView(translator(ctx), await userLocale(ctx), catalogue, programme, today);
    await ctx.reply(view, { parse_mode: "HTML" });
  });
  feature.callback(pickQuestion, async (ctx, { id }) => {
    await ctx.answerCallbackQuery();
    const what = answers.get(id);
    if (what) await reply(ctx, id, what);
  });

  const questions = new Composer<BotContext>();
  questions.chatType("private").on("message:text", async (ctx, next) => {
    if (ctx.message.text.startsWith("/")) return next();
    const { matches, confident } = search.search(ctx.message.text);
    const [best] = matches;
    if (best && confident) return reply(ctx, best.id, best.answer);
    const ids = matches.map((m) => m.id);
    await ctx.reply(ctx.t(ids.length > 0 ? "faq-not-sure" : "faq-no-match"), {
      reply_markup: questionButtons(ctx, ids),
    });
  });
  return { feature, questions };
}
