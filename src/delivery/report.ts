import { DeliveryModel, DeliveryOutcomeModel, PlanRunModel } from "../db/models/index.js";
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
  const [run, deliveries, groups] = await Promise.all([
    PlanRunModel.findById(date).lean(),
    DeliveryModel.countDocuments({ planDate: date }),
    DeliveryOutcomeModel.aggregate<{ _id: { outcome: string; reason: string | null }; n: number }>([
      { $match: { planDate: date } },
      { $group: { _id: { outcome: "$outcome", reason: "$reason" }, n: { $sum: 1 } } },
    ]),
  ]);
  let sent = 0;
  let retries = 0;
  const notSent: Record<string, number> = {};
  for (const g of groups) {
    if (g._id.outcome === "sent") sent += g.n;
    else if (g._id.outcome === "retry") retries += g.n;
    else {
      const key = g._id.reason && g._id.reason !== g._id.outcome ? `${g._id.outcome}:${g._id.reason}` : g._id.outcome;
      notSent[key] = (notSent[key] ?? 0) + g.n;
    }
  }
  const settled = sent + Object.values(notSent).reduce((a, b) => a + b, 0);
  return {
    date,
    planned: (run?.planned as Record<string, number>) ?? {},
    skippedAtPlanning: (run?.skipped as Record<string, number>) ?? {},
    deliveries,
    sent,
    notSent,
    retries,
    pending: Math.max(0, deliveries - settled),
  };
}
