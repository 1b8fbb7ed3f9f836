import { placeNameOf } from "../../data/book.js";
import { disasterEvents } from "../../data/disasters.js";
import { formatDateVi, type LocalDate } from "../../domain/dates.js";
import { inForceOn } from "../../domain/disaster.js";
import { HARDSHIP_STATUSES, type HardshipStatus, queueView } from "../../domain/hardship.js";
import { escapeHtml } from "../../domain/html.js";
import type { Scope } from "../../domain/scope.js";
import type { Translate } from "../../i18n.js";
import { eventCoveredBy } from "../disaster/area.js";
import { reportsInScope } from "../hardship/scope.js";

const SHOWN: readonly HardshipStatus[] = HARDSHIP_STATUSES.filter((s) => s !== "withdrawn");

/**
 * /stats, issue 26: hardship reports per commune by status (a report the head left unanswered for 3
 * days counts as new), and the disaster events in force, within the scope as stored now. Null when
 * there is neither.
 */
export async function hardshipStatsText(
  t: Translate,
  scope: Scope,
  today: LocalDate,
  now: Date,
): Promise<string | null> {
  const reports = await reportsInScope(scope);
  const events = (await disasterEvents()).filter((e) => inForceOn(e, today) && eventCoveredBy(scope, e));
  if (reports.length === 0 && events.length === 0) return null;
  const byCommune = new Map<string, Map<HardshipStatus, number>>();
  for (const r of reports) {
    const counts = byCommune.get(r.communeCode) ?? new Map<HardshipStatus, number>();
    const { status } = queueView(r, now);
    counts.set(status, (counts.get(status) ?? 0) + 1);
    byCommune.set(r.communeCode, counts);
  }
  const lines = [t("stats-hardship-title")];
  for (const [commune, counts] of [...byCommune].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const parts = SHOWN.filter((s) => counts.has(s)).map((s) => `${counts.get(s)} ${t(`hardship-status-${s}`)}`);
    if (parts.length === 0) continue;
    const name = (await placeNameOf("commune", commune)) ?? commune;
    lines.push(t("stats-hardship-commune", { commune: escapeHtml(name), counts: parts.join(", ") }));
  }
  for (const e of events) {
    const area = await placeNameOf(e.area.kind, e.area.code);
    lines.push(
      t("stats-disaster-in-force", {
        name: escapeHtml(e.name),
        area: escapeHtml(area ?? e.area.code),
        from: formatDateVi(e.from),
        until: formatDateVi(e.until),
      }),
    );
  }
  return lines.join("\n");
}
