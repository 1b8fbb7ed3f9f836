import { linkedBorrower } from "../../bot/access.js";
import { type BotContext, translator } from "../../bot/context.js";
import type { FeatureDeps } from "../../bot/deps.js";
import { Feature } from "../../bot/feature.js";
import { beginFlow, endFlow } from "../../bot/flows.js";
import { appendAudit } from "../../data/audit.js";
import { household as findHousehold, openLoansOf } from "../../data/book.js";
import { fileHardshipReport, hardshipReportsOf, withdrawHardshipReport } from "../../data/hardship.js";
import { storeHardshipPhotos } from "../../data/hardshipPhotos.js";
import { vietnamDate } from "../../domain/dates.js";
import { HARDSHIP_TEXT_MAX, type HardshipReason, type HardshipWhen } from "../../domain/hardship.js";
import { HARDSHIP_PHOTOS_MAX } from "../../domain/photo.js";
import {
  fileForMember,
  finish,
  headConfirms,
  headNote,
  pickLoan,
  pickMember,
  pickReason,
  pickWhen,
  startReport,
  withdraw,
} from "./callbacks.js";
import { at, type Borrower, type Draft, done, subjectOf } from "./draft.js";
import { HEAD_NOTE_MAX, headConfirmed, headNoteAsked, headNoted, showHeadSection } from "./head.js";
import { mayFileFor, memberPicked, offerMembers } from "./headFiling.js";
import { askHead } from "./notify.js";
import { downloadDraftPhotos, photoReceived, photosKeyboard } from "./photos.js";
import { confirmView, loanKeyboard, reasonKeyboard, reportListView, skipTextKeyboard, whenKeyboard } from "./views.js";

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
  feature.callback(headNote, async (ctx, { reference }) => {
    await headNoteAsked(ctx, reference);
    await done(ctx);
  });
  feature.flowStep("hardshipHeadNote", async (ctx) => {
    const asked = ctx.session.hardshipHeadNote;
    const typed = ctx.message?.text?.trim() ?? "";
    if (!asked) return;
    if (!typed || typed.length > HEAD_NOTE_MAX) {
      return void (await ctx.reply(
        ctx.t("hardship-head-note-ask", { reference: asked.reference, max: HEAD_NOTE_MAX }),
      ));
    }
    endFlow(ctx.session, "hardshipHeadNote");
    await headNoted(ctx, asked.reference, typed, deps.i18n);
  });
  feature.callback(fileForMember, async (ctx) => {
    await offerMembers(ctx);
    await done(ctx);
  });
  feature.callback(pickMember, (ctx, { n }) => memberPicked(ctx, n));
  addDraftSteps(feature);
  addEndings(feature, deps);
  return feature;
}

type HardshipFeature = Feature<{ customerCode: string }>;

/** What happened, when, which loan, a few words: each answer moves the draft kept in the session. */
function addDraftSteps(feature: HardshipFeature): void {
  feature.callback(startReport, async (ctx) => {
    beginFlow(ctx.session, "hardship", { step: "reason" });
    await ctx.reply(ctx.t("hardship-ask-reason"), { reply_markup: reasonKeyboard(translator(ctx)) });
    await done(ctx);
  });

  feature.callback(pickReason, async (ctx, { reason }) => {
    if (!(await at(ctx, "reason"))) return;
    beginFlow(ctx.session, "hardship", { ...ctx.session.hardship, step: "when", reason });
    await ctx.reply(ctx.t("hardship-ask-when"), { reply_markup: whenKeyboard(translator(ctx)) });
    await done(ctx);
  });

  feature.callback(pickWhen, async (ctx, { when }) => {
    const draft = await at(ctx, "when");
    if (!draft) return;
    const subject = subjectOf(ctx, draft);
    const home = await findHousehold(subject);
    const loans = home ? await openLoansOf(subject, home.loanNumbers) : [];
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
    beginFlow(ctx.session, "hardship", { ...draft, step: "text", loanNumber });
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
  const subject = subjectOf(ctx, draft);
  const byHead = draft.forMember !== undefined;
  // A head's right to file for this member is read again now (still their group, still no phone).
  if (byHead && !(await mayFileFor(ctx.customerCode, subject))) return void (await ctx.reply(ctx.t("hardship-stale")));
  const home = await findHousehold(subject);
  if (!home || !ctx.from) return void (await ctx.reply(ctx.t("hardship-not-found")));
  // The draft's loan was offered from the household linked then: it must still be this household's.
  const loans = draft.loanNumber ? await openLoansOf(subject, home.loanNumbers) : [];
  if (draft.loanNumber && !loans.some((l) => String(l._id) === draft.loanNumber)) {
    return void (await ctx.reply(ctx.t("hardship-stale")));
  }
  const sent = draft.photos ?? [];
  const keepLocation = draft.keepLocation === true;
  const photos = await downloadDraftPhotos(ctx.api, deps.fileRoot, sent, keepLocation);
  const now = ctx.clock.now();
  const filed = {
    householdCode: subject,
    groupCode: home.groupCode,
    communeCode: home.communeCode,
    officeCode: home.officeCode,
    filedBy: ctx.from.id,
    reason: draft.reason as HardshipReason,
    when: draft.when as HardshipWhen,
    loanNumber: draft.loanNumber ?? null,
    text: draft.text ?? "",
    byHead,
    photos: photos.length,
    locationKept: keepLocation && photos.length > 0,
  };
  const reference = await fileHardshipReport(filed, vietnamDate(now), now);
  await storeHardshipPhotos(reference, photos);
  await appendAudit({
    actor: { kind: byHead ? "group-head" : "borrower", id: "linked" },
    action: "hardship-filed",
    counts: { reports: 1, photos: photos.length },
    details: { reference },
  });
  await ctx.reply(ctx.t(byHead ? "hardship-filed-by-head" : "hardship-filed", { reference }), { parse_mode: "HTML" });
  if (sent.length > 0) await ctx.reply(ctx.t("hardship-photos-kept", { kept: photos.length, sent: sent.length }));
  if (!byHead) await askHead(ctx.api, deps.i18n, ctx.log, { _id: reference, ...filed }, home.fullName);
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
