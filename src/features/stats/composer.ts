import { InputFile } from "grammy";
import { officer } from "../../bot/access.js";
import { translator, userLocale } from "../../bot/context.js";
import type { FeatureDeps } from "../../bot/deps.js";
import { Feature } from "../../bot/feature.js";
import { vietnamDate } from "../../domain/dates.js";
import { audit, describeScope, scopeInWords } from "../../staff/roles.js";
import { experimentsStatsText } from "../experiments/stats.js";
import { computeStats } from "./computeStats.js";
import { hardshipStatsText } from "./hardship.js";
import { nationalFigures, nationalText } from "./national.js";
import { statsChartData, statsText } from "./views.js";

/** /stats: figures within the officer's scope as stored now, as text and as a chart; audited. */
export function createStatsFeature(deps: FeatureDeps) {
  const feature = new Feature("stats", "staff", officer(deps.adminIds), deps.i18n);
  feature.command("stats", async (ctx) => {
    const { staff } = ctx;
    const now = ctx.clock.now();
    const today = vietnamDate(now);
    // The central office's admins, in a deployment of several branches: every branch, one line each.
    const { national } = deps;
    const wantsOwn = ctx.match?.trim().toLowerCase() === "branch";
    if (national.branches.length > 1 && national.adminIds.includes(staff.telegramUserId) && !wantsOwn) {
      const figures = await nationalFigures(national.branches, today, deps.channelPrices, now);
      await audit(staff.telegramUserId, "stats", "national", { branches: figures.length });
      return ctx.reply(nationalText(translator(ctx), await userLocale(ctx), figures, today), { parse_mode: "HTML" });
    }
    const stats = await computeStats(staff.scope, today, deps.channelPrices, now);
    await audit(staff.telegramUserId, "stats", describeScope(staff.scope), { households: stats.households });
    if (stats.households === 0) return ctx.reply(ctx.t("stats-none"));
    const scope = await scopeInWords(staff.scope, ctx.t("scope-all"));
    const t = translator(ctx);
    await ctx.reply(statsText(t, await userLocale(ctx), stats, scope, today), { parse_mode: "HTML" });
    const hardship = await hardshipStatsText(t, staff.scope, today, now);
    if (hardship) await ctx.reply(hardship, { parse_mode: "HTML" });
    const experiments = await experimentsStatsText(t, staff.scope, today);
    if (experiments) await ctx.reply(experiments, { parse_mode: "HTML" });
    // Chart.js and the canvas are loaded at the first /stats, not at every start of the bot.
    const { renderStatsChart } = await import("./chart.js");
    const png = await renderStatsChart(statsChartData(t, stats));
    await ctx.replyWithPhoto(new InputFile(png, "thong-ke.png"));
  });
  return feature;
}
