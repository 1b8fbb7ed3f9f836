import { officer } from "../../bot/access.js";
import type { FeatureDeps } from "../../bot/deps.js";
import { Feature } from "../../bot/feature.js";
import { loadHolidays } from "../../catalogue/load.js";
import { formatDateVi, parseDateVi, vietnamDate } from "../../domain/dates.js";
import { escapeHtml } from "../../domain/html.js";
import { addClosure } from "./calendar.js";

const CLOSURE_ARGS = /^(\S+)\s+(\S+)\s+(.{2,80})$/u;

/**
 * /closure: closures of the transaction points (a holiday announced late, a local closure). It is
 * the whole bank's calendar, so admins and officers with scope "all" only, and with several branches
 * (one calendar for all of them, in the home database) the central office's admins only. Without
 * arguments: the list from today.
 */
export function createClosuresFeature(deps: FeatureDeps) {
  const feature = new Feature("closures", "staff", officer(deps.adminIds), deps.i18n);
  feature.command("closure", async (ctx) => {
    const { national } = deps;
    const nationalOnly = national.branches.length > 1 && !national.adminIds.includes(ctx.staff.telegramUserId);
    if (ctx.staff.scope.kind !== "all" || nationalOnly) return ctx.reply(ctx.t("closure-scope"));
    const today = vietnamDate(ctx.clock.now());
    const args = CLOSURE_ARGS.exec(ctx.match.trim());
    if (!args) {
      const upcoming = loadHolidays().closures.filter((c) => c.to >= today);
      const list = upcoming.map((c) =>
        ctx.t("closure-row", { from: formatDateVi(c.from), to: formatDateVi(c.to), name: escapeHtml(c.name) }),
      );
      return ctx.reply([ctx.t("closure-usage"), "", ...list].join("\n"), { parse_mode: "HTML" });
    }
    const from = parseDateVi(args[1] as string);
    const to = parseDateVi(args[2] as string);
    if (!from || !to || to < from || to < today) return ctx.reply(ctx.t("closure-bad"));
    await addClosure(ctx.staff.telegramUserId, from, to, (args[3] as string).trim());
    await ctx.reply(ctx.t("closure-added", { from: formatDateVi(from), to: formatDateVi(to) }));
  });
  return feature;
}
