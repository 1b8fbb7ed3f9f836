import { officer } from "../../bot/access.js";
import type { BotContext } from "../../bot/context.js";
import type { FeatureDeps } from "../../bot/deps.js";
import { Feature } from "../../bot/feature.js";
import { household, placeNameOf } from "../../data/book.js";
import { type HardshipReport, hardshipReport, moveHardshipReport, reportsOnLists } from "../../data/hardship.js";
import {
  type HardshipDecision,
  type HardshipStatus,
  inOfficerQueue,
  officerSteps,
  queueView,
} from "../../domain/hardship.js";
import type { Scope } from "../../domain/scope.js";
import { audit, describeScope, inScope, type Staff } from "../../staff/roles.js";
import { decideReport, moveReport, openReport } from "./callbacks.js";
import { tellBorrower } from "./notify.js";
import { queueView as queueListView, reportDetailView } from "./views.js";

type Officer = BotContext & { staff: Staff };
const t = (ctx: BotContext) => (key: string, variables?: Record<string, string | number>) => ctx.t(key, variables);

/** The lists an officer's scope reads (models/hardshipReport.ts): every read by `_id`. */
function listsOfScope(scope: Scope): string[] {
  if (scope.kind === "all") return ["all"];
  if (scope.kind === "offices") return scope.codes.map((c) => `office:${c}`);
  if (scope.kind === "points") return [...scope.groups].map((g) => `group:${g}`);
  return scope.codes.map((c) => `commune:${c}`);
}

/** A report in the officer's scope as stored now, or null (out of scope reads as missing). */
async function reportInScope(ctx: Officer, reference: string): Promise<HardshipReport | null> {
  const report = await hardshipReport(reference);
  return report && inScope(ctx.staff.scope, report) ? report : null;
}

/**
 * /hardshipqueue: the reports of the officer's communes or points that the head confirmed, or left
 * unanswered for 3 days (marked so); open one, move it on, record the bank's decision. Each change is
 * checked against the status the report has now and the officer's scope as stored now, audited, and
 * told to the borrower in their language. Not built yet (issue 26): the note of what a paper form
 * lacks, the decision's number, photos, the XLSX export, disaster mode.
 */
export function createHardshipQueueFeature(deps: FeatureDeps) {
  const feature = new Feature("hardshipQueue", "staff", officer(deps.adminIds), deps.i18n);

  feature.command("hardshipqueue", async (ctx) => {
    const now = ctx.clock.now();
    const reports = (await reportsOnLists(listsOfScope(ctx.staff.scope))).filter(
      (r) => inScope(ctx.staff.scope, r) && inOfficerQueue(queueView(r, now)),
    );
    const communes = new Map<string, string>();
    for (const r of reports) {
      if (!communes.has(r.communeCode))
        communes.set(r.communeCode, (await placeNameOf("commune", r.communeCode)) ?? r.communeCode);
    }
    const view = queueListView(
      t(ctx),
      reports.slice(0, 30).map((r) => ({
        reference: String(r._id),
        communeName: communes.get(r.communeCode) ?? r.communeCode,
        reason: r.reason,
        view: queueView(r, now),
      })),
    );
    await audit(ctx.staff.telegramUserId, "hardship-queue", describeScope(ctx.staff.scope), {
      reports: reports.length,
    });
    await ctx.reply(view.text, { reply_markup: view.keyboard, parse_mode: "HTML" });
  });

  feature.callback(openReport, async (ctx, { reference }) => {
    await showReport(ctx, reference);
    await ctx.answerCallbackQuery().catch(() => undefined);
  });
  feature.callback(moveReport, async (ctx, { status, reference }) => {
    await move(ctx, deps, reference, status);
    await ctx.answerCallbackQuery().catch(() => undefined);
  });
  feature.callback(decideReport, async (ctx, { decision, reference }) => {
    await move(ctx, deps, reference, "decided", decision);
    await ctx.answerCallbackQuery().catch(() => undefined);
  });
  return feature;
}

async function showReport(ctx: Officer, reference: string): Promise<void> {
  const report = await reportInScope(ctx, reference);
  if (!report) return void (await ctx.reply(ctx.t("hardship-not-found")));
  const member = (await household(report.householdCode))?.fullName ?? report.householdCode;
  await audit(ctx.staff.telegramUserId, "hardship-open", describeScope(ctx.staff.scope), { reports: 1 }, { reference });
  const view = reportDetailView(t(ctx), report, { member, view: queueView(report, ctx.clock.now()) });
  await ctx.reply(view.text, { reply_markup: view.keyboard, parse_mode: "HTML" });
}

async function move(
  ctx: Officer,
  deps: FeatureDeps,
  reference: string,
  status: HardshipStatus,
  decision?: HardshipDecision,
): Promise<void> {
  const report = await reportInScope(ctx, reference);
  if (!report) return void (await ctx.reply(ctx.t("hardship-not-found")));
  const now = ctx.clock.now();
  const allowed = officerSteps(queueView(report, now).status).includes(status);
  const change = { status, by: "officer", ...(decision ? { decision } : {}) };
  if (!allowed || !(await moveHardshipReport(reference, report.status as HardshipStatus, change, now))) {
    return void (await ctx.reply(ctx.t("hardship-move-stale", { reference })));
  }
  await audit(
    ctx.staff.telegramUserId,
    "hardship-move",
    describeScope(ctx.staff.scope),
    { reports: 1 },
    { reference, status },
  );
  const moved = { ...report, status, ...(decision ? { decision } : {}) };
  const told = decision ? "hardship-told-decided" : "hardship-told-moved";
  await tellBorrower(
    ctx.api,
    deps.i18n,
    ctx.log,
    moved,
    told,
    decision ? { decision: deps.i18n.t("vi", `hardship-decision-${decision}`) } : {},
  );
  await showReport(ctx, reference);
}
