import { bookVersion, outcomesOfPlanDates } from "../data/dashboard.js";
import { addDays, type LocalDate } from "../domain/dates.js";
import { type OverdueTotals, overdueTotals, readStructure, type Structure } from "../features/stats/overdue.js";

/** What an import changes: the places and the overdue totals. */
export interface BookView {
  structure: Structure;
  totals: OverdueTotals;
}

/** A reminder's best outcome for one recipient ("tg:<chat>" or "hh:<household>"), in the reach window. */
export interface Reached {
  channel: string;
  outcome: string;
  planDate: LocalDate;
}

/** The outcomes of the last days, tallied once for every scope of the branch. */
export interface DeliveryTally {
  /** Final reminder outcomes by commune, group, channel and outcome. */
  reach: { communeCode: string | null; groupCode: string | null; channel: string; outcome: string; count: number }[];
  /** Deliveries in doubt, of any source. */
  inDoubt: {
    deliveryId: string;
    kind: string;
    channel: string;
    planDate: LocalDate;
    groupCode: string | null;
    communeCode: string | null;
  }[];
  /** Per group: each recipient's best reminder outcome (a head's page). */
  byGroup: Map<string, Map<string, Reached>>;
}

/** Days of outcomes the tally holds: a week of reach, and the reminders before the next session. */
export const TALLY_DAYS = 10;
export const REACH_DAYS = 7;
const RANK: Record<string, number> = {
  sent: 5,
  uncertain: 4,
  pending: 3,
  failed: 2,
  unreachable: 2,
  expired: 1,
  skipped: 1,
  retry: 0,
};

function tally(rows: Awaited<ReturnType<typeof outcomesOfPlanDates>>, reachFrom: LocalDate): DeliveryTally {
  const reach = new Map<string, DeliveryTally["reach"][number]>();
  const inDoubt: DeliveryTally["inDoubt"] = [];
  const byGroup = new Map<string, Map<string, Reached>>();
  for (const r of rows) {
    if (r.outcome === "uncertain" && r.planDate >= reachFrom) inDoubt.push(r);
    if (r.source !== "reminders" || r.outcome === "retry") continue;
    if (r.planDate >= reachFrom) {
      const key = `${r.communeCode}|${r.groupCode}|${r.channel}|${r.outcome}`;
      const entry = reach.get(key) ?? {
        communeCode: r.communeCode,
        groupCode: r.groupCode,
        channel: r.channel,
        outcome: r.outcome,
        count: 0,
      };
      entry.count++;
      reach.set(key, entry);
    }
    if (!r.groupCode) continue;
    const recipient = r.deliveryId.slice(0, r.deliveryId.indexOf("|"));
    const group = byGroup.get(r.groupCode) ?? new Map<string, Reached>();
    const seen = group.get(recipient);
    const better =
      !seen ||
      (RANK[r.outcome] ?? 0) > (RANK[seen.outcome] ?? 0) ||
      (RANK[r.outcome] === RANK[seen.outcome] && r.planDate > seen.planDate);
    if (better) group.set(recipient, { channel: r.channel, outcome: r.outcome, planDate: r.planDate });
    byGroup.set(r.groupCode, group);
  }
  return { reach: [...reach.values()], inDoubt, byGroup };
}

/**
 * What the dashboard reads for every request of a branch, kept in the process: the book's view until
 * the next import (keyed by the planning index's version, read by `_id` on each request), and the
 * delivery tally for a minute (one read of the outcomes serves every officer and head meanwhile; the
 * page says how old it is). Roles and scopes are never kept: they are read on every request.
 */
export class DashboardCache {
  private book: { version: string; view: Promise<BookView> } | null = null;
  private deliveries: { at: number; today: LocalDate; tally: Promise<DeliveryTally> } | null = null;

  constructor(
    private readonly now: () => Date,
    private readonly tallyMaxAgeMs = 60_000,
  ) {}

  async bookView(): Promise<BookView> {
    const version = await bookVersion();
    if (version && this.book?.version === version) return this.book.view;
    const view = readStructure().then(async (structure) => ({ structure, totals: await overdueTotals(structure) }));
    this.book = version ? { version, view } : null;
    view.catch(() => {
      if (this.book?.view === view) this.book = null; // read again next time; a newer read stays
    });
    return view;
  }

  /** The tally and when it was read. */
  deliveryTally(today: LocalDate): Promise<DeliveryTally> {
    const at = this.now().getTime();
    const kept = this.deliveries;
    if (kept && kept.today === today && at - kept.at < this.tallyMaxAgeMs) return kept.tally;
    const read = outcomesOfPlanDates(addDays(today, -(TALLY_DAYS - 1)), today).then((rows) =>
      tally(rows, addDays(today, -(REACH_DAYS - 1))),
    );
    this.deliveries = { at, today, tally: read };
    read.catch(() => {
      if (this.deliveries?.tally === read) this.deliveries = null;
    });
    return read;
  }

  /** When the tally in use was read (the page shows it). */
  tallyReadAt(): Date | null {
    return this.deliveries ? new Date(this.deliveries.at) : null;
  }
}
