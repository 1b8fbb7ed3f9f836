import { hears } from "@grammyjs/i18n";
import { Composer, InlineKeyboard } from "grammy";
import { type BotContext, translator, userLocale } from "../../bot/context.js";
import { loadProgrammeCatalogue } from "../../catalogue/load.js";
import { HOUSEHOLD_STATUSES, PURPOSES } from "../../catalogue/schema.js";
import { vietnamDate } from "../../domain/dates.js";
import {
  type Answer,
  assessEligibility,
  type EligibilityAnswers,
  followUpsToAsk,
  type HouseholdStatus,
  type Purpose,
} from "./rules.js";
import { eligibleView, statusQuestionView, whyNotView } from "./views.js";

/**
 * "Tôi có được vay?": a few button questions, then the programmes that fit. Needs no account:
 * anyone may ask, in a group too, since no personal data is involved.
 */
export const eligibilityFeature = new Composer<BotContext>();

/** Yes, no, and "don't know": a borrower may not know whether their commune is on a list. */
const yesNoUnknown = (ctx: BotContext, prefix: string) =>
  new InlineKeyboard()
    .text(ctx.t("answer-yes"), `${prefix}:yes`)
    .text(ctx.t("answer-no"), `${prefix}:no`)
    .text(ctx.t("answer-unknown"), `${prefix}:unknown`);

const ANSWERS: Record<string, Answer> = { yes: true, no: false, unknown: "unknown" };

async function ask(ctx: BotContext, text: string, keyboard: InlineKeyboard) {
  if (ctx.callbackQuery) await ctx.answerCallbackQuery();
  await ctx.reply(text, { reply_markup: keyboard });
}

async function start(ctx: BotContext) {
  ctx.session.eligibility = { followUps: {} };
  const keyboard = new InlineKeyboard();
  for (const status of HOUSEHOLD_STATUSES) keyboard.text(ctx.t(`elig-status-${status}`), `el:status:${status}`).row();
  await ask(ctx, statusQuestionView(translator(ctx), loadProgrammeCatalogue(), vietnamDate(new Date())), keyboard);
}

eligibilityFeature.command("eligibility", start);
eligibilityFeature.filter(hears("menu-eligibility"), start);

type SessionAnswers = NonNullable<BotContext["session"]["eligibility"]>;

/** The answers as the rules take them, once the four button questions are answered. */
function answered(a: SessionAnswers | undefined): EligibilityAnswers | null {
  if (!a?.status || !a.purpose || a.disadvantagedCommune === undefined || a.rural === undefined) return null;
  return {
    status: a.status as HouseholdStatus,
    purpose: a.purpose as Purpose,
    disadvantagedCommune: a.disadvantagedCommune,
    rural: a.rural,
    followUps: a.followUps,
  };
}

/** Asks the next missing answer, or shows the result when all are in. */
async function next(ctx: BotContext) {
  const answers = ctx.session.eligibility;
  if (!answers) return start(ctx);
  if (answers.purpose === undefined) {
    const keyboard = new InlineKeyboard();
    for (const purpose of PURPOSES) keyboard.text(ctx.t(`elig-purpose-${purpose}`), `el:purpose:${purpose}`).row();
    return ask(ctx, ctx.t("elig-ask-purpose"), keyboard);
  }
  if (answers.disadvantagedCommune === undefined) {
    return ask(ctx, ctx.t("elig-ask-commune"), yesNoUnknown(ctx, "el:commune"));
  }
  if (answers.rural === undefined) return ask(ctx, ctx.t("elig-ask-rural"), yesNoUnknown(ctx, "el:rural"));
  const full = answered(answers);
  if (!full) return start(ctx);
  const catalogue = loadProgrammeCatalogue();
  const pending = followUpsToAsk(catalogue, full).find((f) => answers.followUps[f] === undefined);
  if (pending) return ask(ctx, ctx.t(`elig-fu-${pending}`), yesNoUnknown(ctx, `el:fu:${pending}`));

  const verdicts = assessEligibility(catalogue, full);
  if (ctx.callbackQuery) await ctx.answerCallbackQuery();
  await ctx.reply(eligibleView(translator(ctx), await userLocale(ctx), catalogue, verdicts, vietnamDate(new Date())), {
    parse_mode: "HTML",
    reply_markup: new InlineKeyboard()
      .text(ctx.t("elig-why-button"), "el:why")
      .row()
      .text(ctx.t("elig-again-button"), "el:restart"),
  });
}

eligibilityFeature.callbackQuery(/^el:status:(.+)$/, async (ctx) => {
  const status = ctx.match[1] as HouseholdStatus;
  if (!HOUSEHOLD_STATUSES.includes(status)) return ctx.answerCallbackQuery();
  ctx.session.eligibility = { status, followUps: {} };
  await next(ctx);
});

eligibilityFeature.callbackQuery(/^el:purpose:(.+)$/, async (ctx) => {
  const purpose = ctx.match[1] as Purpose;
  if (!ctx.session.eligibility || !PURPOSES.includes(purpose)) return start(ctx);
  ctx.session.eligibility.purpose = purpose;
  await next(ctx);
});

eligibilityFeature.callbackQuery(/^el:(commune|rural):(yes|no|unknown)$/, async (ctx) => {
  const answers = ctx.session.eligibility;
  if (!answers) return start(ctx);
  const answer = ANSWERS[ctx.match[2] as string] as Answer;
  if (ctx.match[1] === "commune") answers.disadvantagedCommune = answer;
  else answers.rural = answer;
  await next(ctx);
});

eligibilityFeature.callbackQuery(/^el:fu:([a-z-]+):(yes|no|unknown)$/, async (ctx) => {
  const answers = ctx.session.eligibility;
  if (!answers) return start(ctx);
  answers.followUps[ctx.match[1] as string] = ANSWERS[ctx.match[2] as string] as Answer;
  await next(ctx);
});

eligibilityFeature.callbackQuery("el:restart", start);

eligibilityFeature.callbackQuery("el:why", async (ctx) => {
  const full = answered(ctx.session.eligibility);
  if (!full) return start(ctx);
  const verdicts = assessEligibility(loadProgrammeCatalogue(), full);
  await ctx.answerCallbackQuery();
  await ctx.reply(whyNotView(translator(ctx), await userLocale(ctx), verdicts), { parse_mode: "HTML" });
});
