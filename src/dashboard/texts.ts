import { formatDateVi, vietnamTimeOfDay } from "../domain/dates.js";
import { formatVnd } from "../domain/money.js";
import type { FindResult } from "../features/find/facts.js";
import type { Translate } from "../i18n.js";
import type { HeadPage } from "./pages/head.js";
import type { officerOverview } from "./pages/overview.js";

/** The head page's sentences with figures in them. */
export function headTexts(t: Translate, page: HeadPage) {
  return {
    title: t("dashboard-head-title", { group: page.group }),
    session:
      page.session && page.place
        ? t("dashboard-head-session", { date: page.session, place: page.place })
        : t("dashboard-head-no-session"),
    total: t("dashboard-head-total", { amount: page.total }),
  };
}

type Overview = Awaited<ReturnType<typeof officerOverview>>;

/** The overview's sentences with figures in them, in the viewer's language (the page shows them as text). */
export function overviewTexts(t: Translate, overview: Overview, tallyReadAt: Date | null) {
  return {
    fresh: tallyReadAt ? t("dashboard-deliveries-as-of", { time: vietnamTimeOfDay(tallyReadAt) }) : "",
    overdue: t("dashboard-overdue", { amount: overview.overdue.amount, count: overview.overdue.count }),
    broadcasts: overview.broadcasts.map((b) =>
      t("dashboard-broadcast-row", {
        date: b.queuedOn ?? "—",
        settled: b.settled,
        recipients: b.recipients,
        sent: b.sent,
      }),
    ),
  };
}

/** A search's answer as the page shows it; the same words whether the code is unknown or out of scope. */
export function findText(t: Translate, result: FindResult) {
  if (result.kind === "usage") return { found: false, lines: [t("dashboard-search-usage")] };
  if (result.kind === "not-found")
    return { found: false, lines: [t("dashboard-search-not-found", { code: result.code })] };
  const f = result.facts;
  return {
    found: true,
    lines: [
      `${f.code} · ${t("dashboard-search-found", { name: f.name, group: f.group, commune: f.commune })}`,
      `${t(`find-role-${f.groupRole}`)} · ${t(`dashboard-link-${f.link}`)}`,
      t("dashboard-search-loans", {
        count: f.loans,
        outstanding: formatVnd(f.outstanding),
        overdue: formatVnd(f.overdue),
        savings: formatVnd(f.savings),
      }),
    ],
    deliveries: f.deliveries.map((d) => ({
      date: formatDateVi(d.planDate),
      kind: t(`delivery-kind-${d.kind}`),
      channel: t(`dashboard-channel-${d.channel}`),
      outcome: t(`dashboard-outcome-${d.outcome}`),
    })),
  };
}
