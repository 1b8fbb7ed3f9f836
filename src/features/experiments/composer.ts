import { InlineKeyboard, InputFile } from "grammy";
import { z } from "zod";
import { officer } from "../../bot/access.js";
import { callbackKind } from "../../bot/callbackData.js";
import { type BotContext, translator } from "../../bot/context.js";
import type { FeatureDeps } from "../../bot/deps.js";
import { Feature } from "../../bot/feature.js";
import { allExperiments, decideExperiment, experiment, proposeExperiment } from "../../data/experiments.js";
import { vietnamDate } from "../../domain/dates.js";
import { type ExperimentProposal, parseProposal } from "../../domain/experiments.js";
import { experimentResults } from "../../experiments/outcomes.js";
import { translatorFor } from "../../i18n.js";
import { audit, describeScope, type Staff } from "../../staff/roles.js";
import { areaWithinScope } from "./stats.js";
import { experimentChartData, experimentLine, resultsText } from "./views.js";

type Officer = BotContext & { staff: Staff };

const ID = z.string().regex(/^E[0-9A-Z]{4,14}$/);
/** An admin approves or refuses an experiment, or separately approves its "no reminder" arm. */
export const decideProposal = callbackKind("ex", { verdict: z.enum(["ok", "no", "none"]), id: ID });

/**
 * /experiment (issue 28): an officer proposes a reminder wording experiment over points or communes
 * in their scope; an admin other than the proposer approves it, and an arm that sends no reminder
 * needs its own approval first. Which household is in which arm is recorded as planning meets them
 * (reminders/planning/experiments.ts) and shown to nobody but officers; an officer sees and reads the
 * results of experiments within their scope only.
 */
export function createExperimentsFeature(deps: FeatureDeps) {
  const feature = new Feature("experiments", "staff", officer(deps.adminIds), deps.i18n);
  feature.command("experiment", async (ctx) => {
    const typed = ctx.match.trim();
    if (!typed) return listExperiments(ctx);
    if (ID.safeParse(typed.toUpperCase()).success) return showResults(ctx, typed.toUpperCase());
    const proposal = parseProposal(typed);
    if (typeof proposal === "string") return void (await ctx.reply(ctx.t(`experiment-bad-${proposal}`)));
    await propose(ctx, deps, proposal);
  });
  feature.callback(decideProposal, async (ctx, { verdict, id }) => {
    await ctx.answerCallbackQuery().catch(() => undefined);
    await decide(ctx, id, verdict);
  });
  return feature;
}

async function listExperiments(ctx: Officer): Promise<void> {
  const all = [];
  for (const e of await allExperiments()) if (await areaWithinScope(ctx.staff.scope, e)) all.push(e);
  const lines = [ctx.t("experiment-title"), ...all.map((e) => experimentLine(translator(ctx), e))];
  if (all.length === 0) lines.push(ctx.t("experiment-none-yet"));
  await ctx.reply(lines.join("\n"), { parse_mode: "HTML" });
}

/** An experiment's results, as text and as a chart: everyone assigned, then only those reached. */
async function showResults(ctx: Officer, id: string): Promise<void> {
  const e = await experiment(id);
  // Unknown and outside the officer's scope read the same.
  const found = e !== null && (await areaWithinScope(ctx.staff.scope, e));
  await audit(
    ctx.staff.telegramUserId,
    "experiment-results",
    describeScope(ctx.staff.scope),
    { found: found ? 1 : 0 },
    { id },
  );
  if (!e || !found) return void (await ctx.reply(ctx.t("experiment-not-found", { id })));
  const results = await experimentResults(e);
  const t = translator(ctx);
  await ctx.reply(resultsText(t, e, results), { parse_mode: "HTML" });
  // Chart.js and the canvas load at the first chart, as for /stats.
  const { renderExperimentChart } = await import("../stats/chart.js");
  await ctx.replyWithPhoto(new InputFile(await renderExperimentChart(experimentChartData(t, e, results)), `${id}.png`));
}

async function propose(ctx: Officer, deps: FeatureDeps, proposal: ExperimentProposal): Promise<void> {
  const { staff } = ctx;
  if (proposal.from < vietnamDate(ctx.clock.now())) return void (await ctx.reply(ctx.t("experiment-bad-past")));
  if (!(await areaWithinScope(staff.scope, proposal))) return void (await ctx.reply(ctx.t("experiment-bad-area")));
  const id = await proposeExperiment({ ...proposal, proposedBy: staff.telegramUserId }, ctx.clock.now());
  await audit(staff.telegramUserId, "experiment-propose", describeScope(staff.scope), {}, { id });
  const text = (t: (k: string, v?: Record<string, string | number>) => string) =>
    t("experiment-approve-asked", { id, arms: proposal.arms.join(", ") });
  for (const admin of deps.adminIds.filter((a) => a !== staff.telegramUserId)) {
    const t = translatorFor(deps.i18n, "vi");
    const keyboard = new InlineKeyboard();
    if (proposal.arms.includes("none"))
      keyboard.text(t("experiment-approve-none"), decideProposal.encode({ verdict: "none", id })).row();
    keyboard
      .text(t("experiment-approve"), decideProposal.encode({ verdict: "ok", id }))
      .text(t("experiment-refuse"), decideProposal.encode({ verdict: "no", id }));
    await ctx.api.sendMessage(admin, text(t), { parse_mode: "HTML", reply_markup: keyboard }).catch(() => undefined);
  }
  await ctx.reply(ctx.t("experiment-proposed", { id }));
}

async function decide(ctx: Officer, id: string, verdict: "ok" | "no" | "none"): Promise<void> {
  const { staff } = ctx;
  const e = await experiment(id);
  if (staff.role !== "admin") return void (await ctx.reply(ctx.t("admin-only")));
  if (e?.state !== "proposed") return void (await ctx.reply(ctx.t("experiment-moved")));
  if (e.proposedBy === staff.telegramUserId) return void (await ctx.reply(ctx.t("experiment-own")));
  const now = ctx.clock.now();
  if (verdict === "none") {
    await decideExperiment(id, { noneApprovedBy: staff.telegramUserId }, now);
    await audit(staff.telegramUserId, "experiment-approve-none", null, {}, { id });
    return void (await ctx.reply(ctx.t("experiment-none-approved", { id })));
  }
  // "No reminder" for some households is decided on its own, before the experiment as a whole.
  if (verdict === "ok" && e.arms.includes("none") && e.noneApprovedBy === null) {
    return void (await ctx.reply(ctx.t("experiment-needs-none-approval")));
  }
  const state = verdict === "ok" ? "approved" : "refused";
  if (!(await decideExperiment(id, { state, decidedBy: staff.telegramUserId }, now))) {
    return void (await ctx.reply(ctx.t("experiment-moved")));
  }
  await audit(staff.telegramUserId, `experiment-${state}`, null, {}, { id });
  await ctx.reply(experimentLine(translator(ctx), { ...e, state }), { parse_mode: "HTML" });
}
