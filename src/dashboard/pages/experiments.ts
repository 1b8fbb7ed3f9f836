import type { LocalDate } from "../../domain/dates.js";
import type { Scope } from "../../domain/scope.js";
import { experimentResults } from "../../experiments/outcomes.js";
import { experimentsShownTo } from "../../features/experiments/stats.js";
import { armLines, experimentChartData, experimentLine } from "../../features/experiments/views.js";
import type { Translate } from "../../i18n.js";

/**
 * The wording experiments an officer's page shows (issue 28; experimentsShownTo): each with its line, its arms' results for everyone assigned, and the
 * chart's figures (the same as /experiment's image).
 */
export async function experimentsPage(t: Translate, scope: Scope, today: LocalDate) {
  const shown = [];
  for (const e of await experimentsShownTo(scope, today)) {
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
