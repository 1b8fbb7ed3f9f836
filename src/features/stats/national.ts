import { withBranch } from "../../data/branchContext.js";
import type { ChannelPrices } from "../../domain/costs.js";
import { formatDateVi, type LocalDate } from "../../domain/dates.js";
import { escapeHtml } from "../../domain/html.js";
import { type Dong, formatVnd } from "../../domain/money.js";
import { percentOf } from "../../domain/stats.js";
import type { Translate } from "../../i18n.js";
import { computeStats } from "./computeStats.js";

export interface BranchFigures {
  code: string;
  name: string;
  households: number;
  linked: number;
  remindersSent: number;
  remindersFailed: number;
  overdue: Dong;
  overdueLoans: number;
}

/**
 * The central office's figures: each branch's own /stats (run inside that branch, on its database
 * alone), reduced to one line, and their total. A branch is read after another, never together.
 */
export async function nationalFigures(
  branches: readonly { code: string; name: string | undefined; database: string | null }[],
  today: LocalDate,
  prices: ChannelPrices,
  now: Date,
): Promise<BranchFigures[]> {
  const figures: BranchFigures[] = [];
  for (const branch of branches) {
    const stats = await withBranch(branch, () => computeStats({ kind: "all" }, today, prices, now));
    figures.push({
      code: branch.code,
      name: branch.name ?? branch.code,
      households: stats.households,
      linked: stats.linked,
      remindersSent: stats.remindersSent,
      remindersFailed: stats.remindersFailed,
      overdue: stats.overdueByCommune.reduce((sum, c) => sum + c.amount, 0),
      overdueLoans: stats.overdueByCommune.reduce((sum, c) => sum + c.count, 0),
    });
  }
  return figures;
}

export function nationalText(t: Translate, locale: "vi" | "en", figures: readonly BranchFigures[], today: LocalDate) {
  const total: BranchFigures = {
    code: "",
    name: "",
    households: 0,
    linked: 0,
    remindersSent: 0,
    remindersFailed: 0,
    overdue: 0,
    overdueLoans: 0,
  };
  for (const f of figures) {
    total.households += f.households;
    total.linked += f.linked;
    total.remindersSent += f.remindersSent;
    total.remindersFailed += f.remindersFailed;
    total.overdue += f.overdue;
    total.overdueLoans += f.overdueLoans;
  }
  const row = (key: "stats-national-row" | "stats-national-total", f: BranchFigures) =>
    t(key, {
      branch: escapeHtml(f.name),
      households: f.households,
      linked: f.linked,
      percent: percentOf(f.linked, f.households, locale),
      sent: f.remindersSent,
      failed: f.remindersFailed,
      amount: formatVnd(f.overdue),
      count: f.overdueLoans,
    });
  return [
    t("stats-national-title", { date: formatDateVi(today), branches: figures.length }),
    ...figures.map((f) => row("stats-national-row", f)),
    "",
    row("stats-national-total", total),
    "",
    t("stats-national-own"),
  ].join("\n");
}
