import { planDayRecords } from "../data/outbox.js";
import type { LocalDate } from "../domain/dates.js";

export interface DeliveryDayReport {
  date: LocalDate;
  planned: Record<string, number>;
  skippedAtPlanning: Record<string, number>;
  deliveries: number;
  sent: number;
  /** Final outcomes other than sent, by outcome and reason ("failed:400", "unreachable:403"…). */
  notSent: Record<string, number>;
  retries: number;
  /** Not settled yet: waiting for the window, or in flight. */
  pending: number;
}

/** What happened to one day's deliveries, from the outbox's own records. */
export async function deliveryDayReport(date: LocalDate): Promise<DeliveryDayReport> {
  const { planned, skipped, deliveries, outcomes } = await planDayRecords(date);
  let sent = 0;
  let retries = 0;
  const notSent: Record<string, number> = {};
  for (const g of outcomes) {
    if (g.outcome === "sent") sent += g.n;
    else if (g.outcome === "retry") retries += g.n;
    else {
      const key = g.reason && g.reason !== g.outcome ? `${g.outcome}:${g.reason}` : g.outcome;
      notSent[key] = (notSent[key] ?? 0) + g.n;
    }
  }
  const settled = sent + Object.values(notSent).reduce((a, b) => a + b, 0);
  return {
    date,
    planned,
    skippedAtPlanning: skipped,
    deliveries,
    sent,
    notSent,
    retries,
    pending: Math.max(0, deliveries - settled),
  };
}
