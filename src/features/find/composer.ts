import { officer } from "../../bot/access.js";
import type { BotContext } from "../../bot/context.js";
import type { FeatureDeps } from "../../bot/deps.js";
import { Feature } from "../../bot/feature.js";
import { formatDateVi } from "../../domain/dates.js";
import { escapeHtml } from "../../domain/html.js";
import { formatVnd } from "../../domain/money.js";
import { findInScope, type HouseholdFacts } from "./facts.js";

/** One household as an officer sees it: place, link status, loans, savings and the last messages. */
function householdCard(ctx: BotContext, f: HouseholdFacts): string {
  const link = {
    "not-linked": () => ctx.t("find-link-none"),
    unreachable: () => ctx.t("find-link-unreachable"),
    linked: () => ctx.t("find-link-linked", { count: f.linkedChats }),
  }[f.link]();
  return [
    ctx.t("find-title", { code: escapeHtml(f.code), name: escapeHtml(f.name) }),
    ctx.t("find-place", {
      group: escapeHtml(f.group),
      commune: escapeHtml(f.commune),
      role: ctx.t(`find-role-${f.groupRole}`),
    }),
    ctx.t("find-link", { status: link }),
    ctx.t(f.phoneRefused ? "find-phone-refused" : "find-phone-allowed"),
    ctx.t("find-loans", { count: f.loans, outstanding: formatVnd(f.outstanding), overdue: formatVnd(f.overdue) }),
    ctx.t("find-savings", { amount: formatVnd(f.savings) }),
    "",
    f.deliveries.length ? ctx.t("find-deliveries") : ctx.t("find-no-deliveries"),
    ...f.deliveries.map((d) =>
      ctx.t("find-delivery", { date: formatDateVi(d.planDate), kind: d.kind, channel: d.channel, outcome: d.outcome }),
    ),
  ].join("\n");
}

/** /find CODE: one household within the officer's scope (features/find/facts.ts findInScope). */
export function createFindFeature(deps: FeatureDeps) {
  const feature = new Feature("find", "staff", officer(deps.adminIds), deps.i18n);
  feature.command("find", async (ctx) => {
    const result = await findInScope(ctx.staff, ctx.match);
    if (result.kind === "usage") return ctx.reply(ctx.t("find-usage"));
    if (result.kind === "not-found") return ctx.reply(ctx.t("find-not-found", { code: escapeHtml(result.code) }));
    await ctx.reply(householdCard(ctx, result.facts), { parse_mode: "HTML" });
  });
  return feature;
}
