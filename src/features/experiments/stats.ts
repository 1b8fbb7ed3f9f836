import { allExperiments, type Experiment } from "../../data/experiments.js";
import { addDays, type LocalDate } from "../../domain/dates.js";
import { type ExperimentProposal, LATE_WITHIN_DAYS } from "../../domain/experiments.js";
import type { Scope } from "../../domain/scope.js";
import { experimentResults } from "../../experiments/outcomes.js";
import type { Translate } from "../../i18n.js";
import { areaOnFile, scopeCoversArea } from "../disaster/area.js";
import { armLines, experimentLine } from "./views.js";

/** Every code of the area on file and within the proposer's scope (unknown and outside read the same). */
export async function areaWithinScope(scope: Scope, proposal: ExperimentProposal): Promise<boolean> {
  for (const code of proposal.area.codes) {
    const area = { kind: proposal.area.kind === "points" ? ("point" as const) : ("commune" as const), code };
    const place = await areaOnFile(area);
    if (!place || !scopeCoversArea(scope, area, place)) return false;
  }
  return true;
}

/**
 * The experiments an officer is shown in /stats and on the dashboard: approved, running or ended
 * within the last 30 days, their area wholly within the scope.
 */
export async function experimentsShownTo(scope: Scope, today: LocalDate): Promise<Experiment[]> {
  const shown: Experiment[] = [];
  for (const e of await allExperiments()) {
    const recent = e.state === "approved" && e.from <= today && today <= addDays(e.to, LATE_WITHIN_DAYS);
    if (recent && (await areaWithinScope(scope, e))) shown.push(e);
  }
  return shown;
}

/** The /stats section of wording experiments: each arm's results for everyone assigned. */
export async function experimentsStatsText(t: Translate, scope: Scope, today: LocalDate): Promise<string | null> {
  const shown = await experimentsShownTo(scope, today);
  if (shown.length === 0) return null;
  const lines = [t("stats-experiments")];
  for (const e of shown) lines.push("", experimentLine(t, e), ...armLines(t, e, (await experimentResults(e)).itt));
  return lines.join("\n");
}
