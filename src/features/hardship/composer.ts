import { linkedBorrower } from "../../bot/access.js";
import { type BotContext, translator } from "../../bot/context.js";
import type { FeatureDeps } from "../../bot/deps.js";
import { Feature } from "../../bot/feature.js";
import { beginFlow, endFlow } from "../../bot/flows.js";
import { appendAudit } from "../../data/audit.js";
import { household as findHousehold, openLoansOf } from "../../data/book.js";
import { fileHardshipReport, hardshipReport, hardshipReportsOf, withdrawHardshipReport } from "../../data/hardship.js";
import { vietnamDate } from "../../domain/dates.js";
import { HARDSHIP_TEXT_MAX, type HardshipReason, type HardshipWhen } from "../../domain/hardship.js";
import { HARDSHIP_PHOTOS_MAX } from "../../domain/photo.js";
import { finish, headConfirms, pickLoan, pickReason, pickWhen, startReport, withdraw } from "./callbacks.js";
import { headConfirmed, showHeadSection } from "./head.js";
import { askHead } from "./notify.js";
import { photoReceived, photosKeyboard, storeDraftPhotos } from "./photos.js";
import { confirmView, loanKeyboard, reasonKeyboard, reportListView, skipTextKeyboard, whenKeyboard } from "./views.js";

type Borrower = BotContext & { customerCode: string };
type Step = NonNullable<BotContext["session"]["hardship"]>["step"];

/**
 * /hardship: a linked borrower tells the bank of a loss (what, when, which loan, a few words) and gets
 * a reference; sees their reports' status and may withdraw one. Private chat, verified link only
 * (checked on every press against the stored link). Each press is checked against the step the
 * report is at: an old or forged button changes nothing. The head's confirmation is in head.ts, the
 * officer's queue in queue.ts (docs/hardship.md).
 */
export function createHardshipFeature(deps: FeatureDeps) {
  const feature = new Feature("hardship", "everyone", linkedBorrower, deps.i18n);
  feature.command("hardship", async (ctx: Borrower) => {
    const view = reportListView(translator(ctx), await hardshipReportsOf(ctx.customerCode));
    await ctx.reply(view.text, { reply_markup: view.keyboard, parse_mode: "HTML" });
    await showHeadSection(ctx);
  });
  feature.callback(headConfirms, async (ctx, { reference }) => {
    await headConfirmed(ctx, reference, deps.i18n);
    await done(ctx);
  });
  addDraftSteps(feature);
  addEndings(feature, deps);
  return feature;
}

type HardshipFeature = Feature<{ customerCode: string }>;
type Draft = NonNullable<BotContext["session"]["hardship"]>;

/** The draft at this step, or null (a stale button: answered, nothing changed). */
async function at(ctx: BotContext, step: Step): Promise<Draft | null> {
  const draft = ctx.session.hardship;
  if (draft?.step === step) return draft;
  if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text: ctx.t("hardship-stale") });
  return null;
}

async function done(ctx: BotContext): Promise<void> {
  if (ctx.callbackQuery) await ctx.answerCallbackQuery().catch(() => undefined);
}

/** What happened, when, which loan, a few words: each answer moves the draft kept in the session. */
function addDraftSteps(feature: HardshipFeature): void {
  feature.callback(startReport, async (ctx) => {
    beginFlow(ctx.session, "hardship", { step: "reason" });
    await ctx.reply(ctx.t("hardship-ask-reason"), { reply_markup: reasonKeyboard(translator(ctx)) });
    await done(ctx);
  });

  feature.callback(pickReason, async (ctx, { reason }) => {
    if (!(await at(ctx, "reason"))) return;
    beginFlow(ctx.session, "hardship", { step: "when", reason });
    await ctx.reply(ctx.t("hardship-ask-when"), { reply_markup: whenKeyboard(translator(ctx)) });
    await done(ctx);
  });

  feature.callback(pickWhen, async (ctx, { when }) => {
    const draft = await at(ctx, "when");
    if (!draft) return;
    const home = await findHousehold(ctx.customerCode);
    const loans = home ? await openLoansOf(ctx.customerCode, home.loanNumbers) : [];
    const offered = loans.slice(0, 20).map((l) => ({ loanNumber: String(l._id), programme: String(l.programmeCode) }));
    beginFlow(ctx.session, "hardship", { ...draft, step: "loan", when, loans: offered.map((l) => l.loanNumber) });
    await ctx.reply(ctx.t("hardship-ask-loan"), { reply_markup: loanKeyboard(translator(ctx), offered) });
    await done(ctx);
  });

  feature.callback(pickLoan, async (ctx, { n }) => {
    const draft = await at(ctx, "loan");
    if (!draft) return;
    const loanNumber = n === 0 ? null : draft.loans?.[n - 1];
    if (loanNumber === undefined) return void (await ctx.answerCallbackQuery({ text: ctx.t("hardship-stale") }));
    beginFlow(ctx.session, "hardship", { step: "text", reason: draft.reason, when: draft.when, loanNumber });
    await ctx.reply(ctx.t("hardship-ask-text", { max: HARDSHIP_TEXT_MAX }), {
      reply_markup: skipTextKeyboard(translator(ctx)),
    });
    await done(ctx);
  });

  feature.flowStep("hardship", async (ctx) => {
    const step = ctx.session.hardship?.step;
    if (step === "photos" && (ctx.message?.photo || ctx.message?.document)) return photoReceived(ctx);
    if (step !== "text")
      return void (await ctx.reply(ctx.t(step === "photos" ? "hardship-photos-use-buttons" : "hardship-use-buttons")));
    const typed = ctx.message?.text?.trim() ?? "";
    if (!typed) return void (await ctx.reply(ctx.t("hardship-text-only")));
    if (typed.length > HARDSHIP_TEXT_MAX) {
      return void (await ctx.reply(ctx.t("hardship-text-too-long", { max: HARDSHIP_TEXT_MAX, length: typed.length })));
    }
    await askPhotos(ctx, typed);
  });
}

/** After the words (or none): photos, up to HARDSHIP_PHOTOS_MAX, or straight on with "done". */
async function askPhotos(ctx: BotContext, text: string): Promise<void> {
  const draft = ctx.session.hardship;
  if (!draft) return;
  beginFlow(ctx.session, "hardship", { ...draft, step: "photos", text, photos: [] });
  await ctx.reply(ctx.t("hardship-ask-photos", { max: HARDSHIP_PHOTOS_MAX }), {
    reply_markup: photosKeyboard(translator(ctx)),
  });
}

async function confirm(ctx: BotContext): Promise<void> {
  const draft = ctx.session.hardship;
  if (!draft) return;
  beginFlow(ctx.session, "hardship", { ...draft, step: "confirm" });
  const view = confirmView(translator(ctx), {
    reason: String(draft.reason),
    when: String(draft.when),
    loanNumber: draft.loanNumber ?? null,
    text: draft.text ?? "",
    photos: draft.photos?.length ?? 0,
    keepLocation: draft.keepLocation === true,
  });
  await ctx.reply(view.text, { reply_markup: view.keyboard, parse_mode: "HTML" });
}

/** Skip the text, send, cancel; and withdraw a report already sent. */
function addEndings(feature: HardshipFeature, deps: FeatureDeps): void {
  feature.callback(finish, async (ctx, { action }) => {
    if (action === "cancel") {
      endFlow(ctx.session, "hardship");
      await ctx.reply(ctx.t("hardship-cancelled"));
      return done(ctx);
    }
    if (action === "skip") {
      if (!(await at(ctx, "text"))) return;
      await askPhotos(ctx, "");
      return done(ctx);
    }
    if (action === "done") {
      if (!(await at(ctx, "photos"))) return;
      await confirm(ctx);
      return done(ctx);
    }
    if (action === "loc") {
      const draft = await at(ctx, "confirm");
      if (!draft) return;
      beginFlow(ctx.session, "hardship", { ...draft, keepLocation: !draft.keepLocation });
      await confirm(ctx);
      return done(ctx);
    }
    const draft = await at(ctx, "confirm");
    if (!draft) return;
    // Ended before writing: a second press of "send" finds no draft and files nothing twice.
    endFlow(ctx.session, "hardship");
    await send(ctx, draft, deps);
    await done(ctx);
  });
  feature.callback(withdraw, withdrawPressed);
}

async function send(ctx: Borrower, draft: Draft, deps: FeatureDeps): Promise<void> {
  const home = await findHousehold(ctx.customerCode);
  if (!home || !ctx.from) return void (await ctx.reply(ctx.t("hardship-not-found")));
  // The draft's loan was offered from the household linked then: it must still be this household's.
  const loans = draft.loanNumber ? await openLoansOf(ctx.customerCode, home.loanNumbers) : [];
  if (draft.loanNumber && !loans.some((l) => String(l._id) === draft.loanNumber)) {
    return void (await ctx.reply(ctx.t("hardship-stale")));
  }
  const now = ctx.clock.now();
  const reference = await fileHardshipReport(
    {
      householdCode: ctx.customerCode,
      groupCode: home.groupCode,
      communeCode: home.communeCode,
      officeCode: home.officeCode,
      filedBy: ctx.from.id,
      reason: draft.reason as HardshipReason,
      when: draft.when as HardshipWhen,
      loanNumber: draft.loanNumber ?? null,
      text: draft.text ?? "",
    },
    vietnamDate(now),
    now,
  );
  await appendAudit({
    actor: { kind: "borrower", id: "linked" },
    action: "hardship-filed",
    counts: { reports: 1 },
    details: { reference },
  });
  const photos = await storeDraftPhotos(
    ctx.api,
    deps.fileRoot,
    reference,
    draft.photos ?? [],
    draft.keepLocation === true,
  );
  await ctx.reply(ctx.t("hardship-filed", { reference }), { parse_mode: "HTML" });
  if ((draft.photos?.length ?? 0) > 0) {
    await ctx.reply(ctx.t("hardship-photos-kept", { kept: photos, sent: draft.photos?.length ?? 0 }));
  }
  const filed = await hardshipReport(reference);
  if (filed) await askHead(ctx.api, deps.i18n, ctx.log, filed);
}

async function withdrawPressed(ctx: Borrower, { reference }: { reference: string }): Promise<void> {
  const outcome = await withdrawHardshipReport(ctx.customerCode, reference, ctx.clock.now());
  if (outcome === "withdrawn") {
    await appendAudit({
      actor: { kind: "borrower", id: "linked" },
      action: "hardship-withdrawn",
      counts: { reports: 1 },
      details: { reference },
    });
  }
  await ctx.reply(ctx.t(`hardship-withdraw-${outcome}`, { reference }), { parse_mode: "HTML" });
  await done(ctx);
}
