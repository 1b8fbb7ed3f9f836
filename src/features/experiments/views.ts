import type { Experiment } from "../../data/experiments.js";
import { formatDateVi } from "../../domain/dates.js";
import type { ArmResult } from "../../domain/experiments.js";
import { escapeHtml } from "../../domain/html.js";
import { type ExperimentResults, MINIMUM_PER_ARM } from "../../experiments/outcomes.js";
import type { Translate } from "../../i18n.js";
import type { ExperimentChartInput } from "../stats/chart.js";

/** One experiment in a line: its id, state, kind, wordings, area and period. */
export function experimentLine(
  t: Translate,
  e: Pick<Experiment, "id" | "state" | "kind" | "arms" | "area" | "from" | "to">,
) {
  return t("experiment-line", {
    id: e.id,
    state: t(`experiment-state-${e.state}`),
    kind: t(`delivery-kind-${e.kind}`),
    arms: e.arms.join(", "),
    area: escapeHtml(`${e.area.kind === "points" ? "point" : "commune"}:${e.area.codes.join(",")}`),
    from: formatDateVi(e.from),
    to: formatDateVi(e.to),
  });
}

const percent = (x: number) => (x * 100).toFixed(1);

/** Each arm's counts, rate and interval, and its difference from the first arm. */
export function armLines(t: Translate, e: Pick<Experiment, "arms">, results: readonly ArmResult[]): string[] {
  return results.map((r) => {
    const arm = { arm: r.arm + 1, wording: e.arms[r.arm] ?? "", households: r.households };
    if (r.rate === null || !r.interval) return t("experiment-arm-too-few", { ...arm, minimum: MINIMUM_PER_ARM });
    const line = t("experiment-arm", {
      ...arm,
      onTime: r.onTime,
      rate: percent(r.rate),
      low: percent(r.interval.low),
      high: percent(r.interval.high),
      late: r.late,
      notPaid: r.notPaid,
    });
    const d = r.difference;
    return d ? `${line}\n${t("experiment-arm-difference", { low: percent(d.low), high: percent(d.high) })}` : line;
  });
}

/** The experiment's results as text: everyone assigned, then only those reached. */
export function resultsText(t: Translate, e: Experiment, results: ExperimentResults): string {
  return [
    experimentLine(t, e),
    t("experiment-results-asof", { date: results.lastImport ? formatDateVi(results.lastImport) : "—" }),
    t("experiment-itt"),
    ...armLines(t, e, results.itt),
    t("experiment-reach"),
    ...armLines(t, e, results.reach),
  ].join("\n");
}

const inPercent = (x: number) => Math.round(x * 1000) / 10;

/** The chart of everyone assigned: each arm's on-time rate and its interval. */
export function experimentChartData(t: Translate, e: Experiment, results: ExperimentResults): ExperimentChartInput {
  return {
    title: t("experiment-chart-title", { id: e.id }),
    labels: e.arms.map((w, i) => `${i + 1}. ${w}`),
    rates: results.itt.map((r) => (r.rate === null ? null : inPercent(r.rate))),
    intervals: results.itt.map((r) => (r.interval ? [inPercent(r.interval.low), inPercent(r.interval.high)] : null)),
    rateLabel: t("experiment-chart-rate"),
    intervalLabel: t("experiment-chart-interval"),
  };
}
