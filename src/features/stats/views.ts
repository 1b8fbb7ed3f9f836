import { formatDateVi, type LocalDate } from "../../domain/dates.js";
import { escapeHtml } from "../../domain/html.js";
import { formatVnd } from "../../domain/money.js";
import { millions, percentOf } from "../../domain/stats.js";
import type { Translate } from "../../i18n.js";
import type { Stats } from "./computeStats.js";

/** The /stats message: linking, deliveries, codes under attack, overdue by commune, top groups, trend. */
export function statsText(t: Translate, locale: "vi" | "en", stats: Stats, scope: string, today: LocalDate): string {
  const attacked = stats.codesUnderAttack;
  return [
    t("stats-title", { scope: escapeHtml(scope), date: formatDateVi(today) }),
    t("stats-linked", {
      linked: stats.linked,
      households: stats.households,
      percent: percentOf(stats.linked, stats.households, locale),
    }),
    t("stats-deliveries", { sent: stats.remindersSent, failed: stats.remindersFailed }),
    t("stats-unreachable", { count: stats.unreachable }),
    ...(attacked.length > 0
      ? [t("stats-codes-attacked", { count: attacked.length, codes: escapeHtml(attacked.slice(0, 20).join(", ")) })]
      : []),
    ...(stats.overdueByCommune.length > 0 || stats.overdueByPoint.length === 0
      ? [
          "",
          t("stats-overdue-title"),
          ...stats.overdueByCommune.map((c) =>
            t("stats-overdue-row", { commune: escapeHtml(c.name), amount: formatVnd(c.amount), count: c.count }),
          ),
        ]
      : []),
    ...(stats.overdueByPoint.length > 0
      ? [
          "",
          t("stats-overdue-points-title"),
          ...stats.overdueByPoint.map((p) =>
            t("stats-overdue-point-row", {
              point: escapeHtml(p.name),
              commune: escapeHtml(p.communeName),
              amount: formatVnd(p.amount),
              count: p.count,
            }),
          ),
        ]
      : []),
    "",
    t("stats-top-groups"),
    ...stats.topGroups.map((g) =>
      t("stats-group-row", {
        group: escapeHtml(g.name),
        commune: escapeHtml(g.communeName),
        amount: formatVnd(g.amount),
      }),
    ),
    "",
    t("stats-trend"),
    ...stats.trend.map((w) =>
      t("stats-trend-row", { week: formatDateVi(w.weekStart), amount: w.amount === null ? "—" : formatVnd(w.amount) }),
    ),
    ...phoneCostLines(t, stats.phoneCosts),
  ].join("\n");
}

/** SMS and Zalo of the last 30 days per commune: messages, segments and the estimated cost. */
function phoneCostLines(t: Translate, costs: Stats["phoneCosts"]): string[] {
  if (costs.length === 0) return [];
  const total = costs.reduce((sum, c) => sum + (c.cost ?? 0), 0);
  const priced = costs.every((c) => c.cost !== null);
  return [
    "",
    t("stats-phone-title"),
    ...costs.map(
      (c) =>
        t(c.channel === "sms" ? "stats-phone-sms-row" : "stats-phone-zns-row", {
          commune: escapeHtml(c.communeName),
          messages: c.messages,
          segments: c.segments,
          cost: c.cost === null ? t("stats-phone-no-price") : formatVnd(c.cost),
        }) + (c.inDoubt > 0 ? t("stats-phone-in-doubt", { count: c.inDoubt }) : ""),
    ),
    priced ? t("stats-phone-total", { cost: formatVnd(total) }) : t("stats-phone-total-unpriced"),
  ];
}

/** What the chart shows: the fifteen communes (or points) with most overdue, and the weekly trend, in millions. */
export function statsChartData(t: Translate, stats: Stats) {
  // An officer of points has no commune totals: the chart shows their points instead.
  const byPoint = stats.overdueByCommune.length === 0 && stats.overdueByPoint.length > 0;
  const places = (byPoint ? stats.overdueByPoint : stats.overdueByCommune).slice(0, 15);
  return {
    overdue: {
      title: t(byPoint ? "stats-chart-overdue-points" : "stats-chart-overdue"),
      labels: places.map((c) => c.name),
      values: places.map((c) => millions(c.amount)),
    },
    trend: {
      title: t("stats-chart-trend"),
      labels: stats.trend.map((w) => formatDateVi(w.weekStart).slice(0, 5)),
      values: stats.trend.map((w) => (w.amount === null ? null : millions(w.amount))),
    },
  };
}
