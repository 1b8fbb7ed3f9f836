import { InlineKeyboard } from "grammy";
import { z } from "zod";
import { anyone } from "../../bot/access.js";
import { callbackKind } from "../../bot/callbackData.js";
import { type BotContext, translator, userLocale } from "../../bot/context.js";
import type { FeatureDeps } from "../../bot/deps.js";
import { Feature } from "../../bot/feature.js";
import { loadProgrammeCatalogue } from "../../catalogue/load.js";
import { HOUSEHOLD_STATUSES, PURPOSES } from "../../catalogue/schema.js";
import { vietnamDate } from "../../domain/dates.js";
import { type Answer, assessEligibility, type EligibilityAnswers, followUpsToAsk } from "./rules.js";
import { eligibleView, statusQuestionView, whyNotView } from "./views.js";

const answer = z.enum(["yes", "no", "unknown"]);
const ANSWERS: Record<z.infer<typeof answer>, Answer> = { yes: true, no: false, unknown: "unknown" };

const pickStatus = callbackKind("el:status", { status: z.enum(HOUSEHOLD_STATUSES) });
const pickPurpose = callbackKind("el:purpose", { purpose: z.enum(PURPOSES) });
const answerCommune = callbackKind("el:commune", { answer });
const answerRural = callbackKind("el:rural", { answer });
const answerFollowUp = callbackKind("el:fu", { id: z.string().regex(/^[a-z-]{1,30}$/), answer });
const restart = callbackKind("el:restart", {});
const whyNot = callbackKind("el:why", {});

/** Yes, no, and "don't know": a borrower may not know whether their commune is on a list. */
function yesNoUnknown(ctx: BotContext, encode: (a: z.infer<typeof answer>) => string) {
  return new InlineKeyboard()
    .text(ctx.t("answer-yes"), encode("yes"))
    .text(ctx.t("answer-no"), encode("no"))
    .text(ctx.t("answer-unknown"), encode("unknown"));
}

async function ask(ctx: BotContext, text: string, keyboard: InlineKeyboard) {
  if (ctx.callbackQuery) await ctx.answerCallbackQuery();
  await ctx.reply(text, { reply_markup: keyboard });
}

async function start(ctx: BotContext) {
  ctx.session.eligibility = { followUps: {} };
  const keyboard = new InlineKeyboard();
  for (const status of HOUSEHOLD_STATUSES)
    keyboard.text(ctx.t(`elig-status-${status}`), pickStatus.encode({ status })).row();
  await ask(ctx, statusQuestionView(translator(ctx), loadProgrammeCatalogue(), vietnamDate(ctx.clock.now())), keyboard);
}

type SessionAnswers = NonNullable<BotContext["session"]["eligibility"]>;

/** The answers as the rules take them, once the four button questions are answered. */
function answered(a: SessionAnswers | undefined): EligibilityAnswers | null {
  if (!a?.status || !a.purpose || a.disadvantagedCommune === undefined || a.rural === undefined) return null;
  return {
    status: a.status as EligibilityAnswers["status"],
    purpose: a.purpose as EligibilityAnswers["purpose"],
    disadvantagedCommune: a.disadvantagedCommune,
    rural: a.rural,
    followUps: a.followUps,
  };
}

/** Asks the next missing answer, or shows the result when all are in. */
async function askNext(ctx: BotContext) {
  const answers = ctx.session.eligibility;
  if (!answers) return start(ctx);
  if (answers.purpose === undefined) {
    const keyboard = new InlineKeyboard();
    for (const purpose of PURPOSES)
      keyboard.text(ctx.t(`elig-purpose-${purpose}`), pickPurpose.encode({ purpose })).row();
    return ask(ctx, ctx.t("elig-ask-purpose"), keyboard);
  }
  if (answers.disadvantagedCommune === undefined) {
    return ask(
      ctx,
      ctx.t("elig-ask-commune"),
      yesNoUnknown(ctx, (a) => answerCommune.encode({ answer: a })),
    );
  }
  if (answers.rural === undefined) {
    return ask(
      ctx,
      ctx.t("elig-ask-rural"),
      yesNoUnknown(ctx, (a) => answerRural.encode({ answer: a })),
    );
  }
  const full = answered(answers);
  if (!full) return start(ctx);
  const catalogue = loadProgrammeCatalogue();
  const pending = followUpsToAsk(catalogue, full).find((f) => answers.followUps[f] === undefined);
  if (pending) {
    return ask(
      ctx,
      ctx.t(`elig-fu-${pending}`),
      yesNoUnknown(ctx, (a) => answerFollowUp.encode({ id: pending, answer: a })),
    );
  }
  const verdicts = assessEligibility(catalogue, full);
  if (ctx.callbackQuery) await ctx.answerCallbackQuery();
  await ctx.reply(
    eligibleView(translator(ctx), await userLocale(ctx), catalogue, verdicts, vietnamDate(ctx.clock.now())),
    {
      parse_mode: "HTML",
      reply_markup: new InlineKeyboard()
        .text(ctx.t("elig-why-button"), whyNot.encode({}))
        .row()
        .text(ctx.t("elig-again-button"), restart.encode({})),
    },
  );
}

/**
 * "Tôi có được vay?": a few button questions, then the programmes that fit. Needs no account: anyone
 * may ask, in a group too, since no personal data is involved. The answers so far are in the session;
 * a button pressed out of order (the session lost or restarted) starts again from the first question.
 */
export function createEligibilityFeature(deps: FeatureDeps) {
  const feature = new Feature("eligibility", "everyone", anyone, deps.i18n);
  feature.command("eligibility", start);
  feature.button("menu-eligibility", start);
  feature.callback(pickStatus, async (ctx, { status }) => {
    ctx.session.eligibility = { status, followUps: {} };
    await askNext(ctx);
  });
  feature.callback(pickPurpose, async (ctx, { purpose }) => {
    if (!ctx.session.eligibility) return start(ctx);
    ctx.session.eligibility.purpose = purpose;
    await askNext(ctx);
  });
  feature.callback(answerCommune, async (ctx, data) => {
    if (!ctx.session.eligibility) return start(ctx);
    ctx.session.eligibility.disadvantagedCommune = ANSWERS[data.answer];
    await askNext(ctx);
  });
  feature.callback(answerRural, async (ctx, data) => {
    if (!ctx.session.eligibility) return start(ctx);
    ctx.session.eligibility.rural = ANSWERS[data.answer];
    await askNext(ctx);
  });
  feature.callback(answerFollowUp, async (ctx, { id, answer }) => {
    if (!ctx.session.eligibility) return start(ctx);
    ctx.session.eligibility.followUps[id] = ANSWERS[answer];
    await askNext(ctx);
  });
  feature.callback(restart, start);
  feature.callback(whyNot, async (ctx) => {
    const full = answered(ctx.session.eligibility);
    if (!full) return start(ctx);
    await ctx.answerCallbackQuery();
    const verdicts = assessEligibility(loadProgrammeCatalogue(), full);
    await ctx.reply(whyNotView(translator(ctx), await userLocale(ctx), verdicts), { parse_mode: "HTML" });
  });
  return feature;
}
