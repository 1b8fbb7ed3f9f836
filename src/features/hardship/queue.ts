import { InputFile } from "grammy";
import { officer } from "../../bot/access.js";
import { type BotContext, translator } from "../../bot/context.js";
import type { FeatureDeps } from "../../bot/deps.js";
import { Feature } from "../../bot/feature.js";
import { beginFlow, endFlow } from "../../bot/flows.js";
import { household, placeNameOf } from "../../data/book.js";
import { type HardshipReport, hardshipReport, moveHardshipReport } from "../../data/hardship.js";
import {
  HARDSHIP_NOTE_MAX,
  type HardshipDecision,
  type HardshipStatus,
  inOfficerQueue,
  officerSteps,
  queueView,
} from "../../domain/hardship.js";
import { escapeHtml } from "../../domain/html.js";
import { audit, describeScope, inScope, type Staff } from "../../staff/roles.js";
import { decideReport, moveReport, openReport } from "./callbacks.js";
import { hardshipWorkbook } from "./export.js";
import { tellBorrower } from "./notify.js";
import { sendReportPhotos } from "./photos.js";
import { reportsInScope } from "./scope.js";
import { queueView as queueListView, reportDetailView } from "./views.js";

type Officer = BotContext & { staff: Staff };

/** A report in the officer's scope as stored now, or null (out of scope reads as missing). */
async function reportInScope(ctx: Officer, reference: string): Promise<HardshipReport | null> {
  const report = await hardshipReport(reference);
  return report && inScope(ctx.staff.scope, report) ? report : null;
}

/**
 * /hardshipqueue: the reports of the officer's communes or points that the head confirmed, or left
 * unanswered for 3 days (marked so); open one, move it on, record the bank's decision. Each change is
 * checked against the status the report has now and the officer's scope as stored now, audited, and
 * told to the borrower in their language, with what the paper form lacks or the decision's number
 * the officer types; `/hardshipqueue xlsx` sends it as a spreadsheet. Not built yet (issue 26):
 * photos, disaster mode.
 */
export function createHardshipQueueFeature(deps: FeatureDeps) {
  const feature = new Feature("hardshipQueue", "staff", officer(deps.adminIds), deps.i18n);

  feature.command("hardshipqueue", async (ctx) => {
    const now = ctx.clock.now();
    const reports = await queueOf(ctx, now);
    const communes = await communeNamesOf(reports);
    if (ctx.match.trim().toLowerCase() === "xlsx") return exportQueue(ctx, reports, communes);
    const view = queueListView(
      translator(ctx),
      reports.slice(0, 30).map((r) => ({
        reference: String(r._id),
        communeName: communes.get(r.communeCode) ?? r.communeCode,
        reason: r.reason,
        view: queueView(r, now),
      })),
    );
    const scope = describeScope(ctx.staff.scope);
    await audit(ctx.staff.telegramUserId, "hardship-queue", scope, { reports: reports.length });
    await ctx.reply(view.text, { reply_markup: view.keyboard, parse_mode: "HTML" });
  });

  feature.callback(openReport, async (ctx, { reference }) => {
    await showReport(ctx, reference);
    await ctx.answerCallbackQuery().catch(() => undefined);
  });
  feature.callback(moveReport, async (ctx, { status, reference }) => {
    if (status === "needs-form") await askNote(ctx, reference, { reference, step: "needs-form" });
    else await move(ctx, deps, reference, { status });
    await ctx.answerCallbackQuery().catch(() => undefined);
  });
  feature.callback(decideReport, async (ctx, { decision, reference }) => {
    await askNote(ctx, reference, { reference, step: "decided", decision });
    await ctx.answerCallbackQuery().catch(() => undefined);
  });
  feature.flowStep("hardshipNote", async (ctx) => {
    const note = ctx.session.hardshipNote;
    const typed = ctx.message?.text?.trim() ?? "";
    if (!note) return;
    const max = HARDSHIP_NOTE_MAX[note.step];
    if (!typed || typed.length > max) return void (await ctx.reply(ctx.t(`hardship-note-${note.step}`, { max })));
    endFlow(ctx.session, "hardshipNote");
    if (note.step === "needs-form") await move(ctx, deps, note.reference, { status: "needs-form", missing: typed });
    else {
      const decision = note.decision as HardshipDecision;
      await move(ctx, deps, note.reference, { status: "decided", decision, decisionNumber: typed });
    }
  });
  return feature;
}

/** Asks for what a form lacks or the decision's number, if the report may take that step now. */
async function askNote(ctx: Officer, reference: string, note: NonNullable<BotContext["session"]["hardshipNote"]>) {
  const report = await reportInScope(ctx, reference);
  const target = note.step;
  if (!report || !officerSteps(queueView(report, ctx.clock.now()).status).includes(target)) {
    return void (await ctx.reply(ctx.t(report ? "hardship-move-stale" : "hardship-not-found", { reference })));
  }
  beginFlow(ctx.session, "hardshipNote", note);
  await ctx.reply(ctx.t(`hardship-note-${target}`, { max: HARDSHIP_NOTE_MAX[target], reference }));
}

/** The reports of the officer's queue, as stored now and within their scope as stored now. */
async function queueOf(ctx: Officer, now: Date): Promise<HardshipReport[]> {
  return (await reportsInScope(ctx.staff.scope)).filter((r) => inOfficerQueue(queueView(r, now)));
}

async function communeNamesOf(reports: readonly HardshipReport[]): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  for (const r of reports) {
    if (!names.has(r.communeCode))
      names.set(r.communeCode, (await placeNameOf("commune", r.communeCode)) ?? r.communeCode);
  }
  return names;
}

/** `/hardshipqueue xlsx`: the queue as a spreadsheet for the office, in the private chat; audited. */
async function exportQueue(ctx: Officer, reports: readonly HardshipReport[], communes: Map<string, string>) {
  if (ctx.chat?.type !== "private") return void (await ctx.reply(ctx.t("private-only", { bot: ctx.me.username })));
  const now = ctx.clock.now();
  const rows = await Promise.all(
    reports.map(async (report) => ({
      report,
      view: queueView(report, now),
      member: (await household(report.householdCode))?.fullName ?? report.householdCode,
      communeName: communes.get(report.communeCode) ?? report.communeCode,
    })),
  );
  const file = await hardshipWorkbook(rows, translator(ctx));
  const scope = describeScope(ctx.staff.scope);
  await audit(ctx.staff.telegramUserId, "hardship-export", scope, { reports: reports.length });
  await ctx.replyWithDocument(new InputFile(file, "bao-cao-kho-khan.xlsx"), {
    caption: ctx.t("hardship-export-caption", { count: reports.length }),
  });
}

async function showReport(ctx: Officer, reference: string): Promise<void> {
  const report = await reportInScope(ctx, reference);
  if (!report) return void (await ctx.reply(ctx.t("hardship-not-found")));
  const member = (await household(report.householdCode))?.fullName ?? report.householdCode;
  await audit(ctx.staff.telegramUserId, "hardship-open", describeScope(ctx.staff.scope), { reports: 1 }, { reference });
  const view = reportDetailView(translator(ctx), report, { member, view: queueView(report, ctx.clock.now()) });
  await ctx.reply(view.text, { reply_markup: view.keyboard, parse_mode: "HTML" });
  // Photos are personal data: shown only in the officer's private chat.
  if (ctx.chat?.type === "private") await sendReportPhotos(ctx, reference, report.photos ?? 0);
}

type Move = { status: HardshipStatus; decision?: HardshipDecision; decisionNumber?: string; missing?: string };

/** Moves a report on, checked now against its stored status and the officer's scope as stored now. */
async function move(ctx: Officer, deps: FeatureDeps, reference: string, change: Move): Promise<void> {
  const report = await reportInScope(ctx, reference);
  if (!report) return void (await ctx.reply(ctx.t("hardship-not-found")));
  const now = ctx.clock.now();
  const { status } = change;
  const allowed = officerSteps(queueView(report, now).status).includes(status);
  if (
    !allowed ||
    !(await moveHardshipReport(reference, report.status as HardshipStatus, { ...change, by: "officer" }, now))
  ) {
    return void (await ctx.reply(ctx.t("hardship-move-stale", { reference })));
  }
  const scope = describeScope(ctx.staff.scope);
  await audit(ctx.staff.telegramUserId, "hardship-move", scope, { reports: 1 }, { reference, status });
  const told =
    status === "decided"
      ? "hardship-told-decided"
      : status === "needs-form"
        ? "hardship-told-needs-form"
        : "hardship-told-moved";
  await tellBorrower(ctx.api, deps.i18n, ctx.log, { ...report, ...change }, told, {
    missing: escapeHtml(change.missing ?? ""),
    number: escapeHtml(change.decisionNumber ?? ""),
  });
  await showReport(ctx, reference);
}
