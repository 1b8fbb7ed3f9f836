import { allExperiments } from "../../data/experiments.js";
import { addDays, type LocalDate } from "../../domain/dates.js";
import { LATE_WITHIN_DAYS } from "../../domain/experiments.js";
import type { Scope } from "../../domain/scope.js";
import { experimentResults } from "../../experiments/outcomes.js";
import { areaWithinScope } from "../../features/experiments/stats.js";
import { armLines, experimentChartData, experimentLine } from "../../features/experiments/views.js";
import type { Translate } from "../../i18n.js";

/**
 * The wording experiments an officer's page shows (issue 28): approved, running or ended within 30
 * days, wholly within the scope; each with its line, its arms' results for everyone assigned, and the
 * chart's figures (the same as /experiment's image).
 */
export async function experimentsPage(t: Translate, scope: Scope, today: LocalDate) {
  const shown = [];
  for (const e of await allExperiments()) {
    const recent = e.state === "approved" && e.from <= today && today <= addDays(e.to, LATE_WITHIN_DAYS);
    if (!recent || !(await areaWithinScope(scope, e))) continue;
    const results = await experimentResults(e);
    shown.push({
      id: e.id,
      line: experimentLine(t, e).replace(/<[^>]+>/g, ""),
      arms: armLines(t, e, results.itt),
      chart: experimentChartData(t, e, results),
    });
  }
  return { experiments: shown };
}
