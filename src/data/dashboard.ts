import type { LocalDate } from "../domain/dates.js";
import { BroadcastModel, DeliveryOutcomeModel, PlanningIndexModel } from "./models/index.js";

/**
 * The reads behind the Mini App dashboard (src/dashboard), each served by an index on MongoDB (the
 * index-coverage test proves it). On FerretDB v1 the outcome and broadcast reads scan their
 * collection, which is why the dashboard keeps what it read for a minute (dashboard/cache.ts).
 */

/**
 * Every outcome of plan dates from..to, once (index `planDate, outcome`): the dashboard tallies reach
 * and doubt for every scope from one read. Only what the tallies need; never a text or an address.
 */
export async function outcomesOfPlanDates(from: LocalDate, to: LocalDate) {
  const rows = await DeliveryOutcomeModel.find(
    { planDate: { $gte: from, $lte: to } },
    { _id: 0, deliveryId: 1, source: 1, kind: 1, channel: 1, outcome: 1, planDate: 1, groupCode: 1, communeCode: 1 },
  ).lean();
  return rows.map((r) => ({
    deliveryId: r.deliveryId,
    source: r.source ?? null,
    kind: r.kind,
    channel: r.channel ?? "telegram",
    outcome: r.outcome,
    planDate: r.planDate as LocalDate,
    groupCode: r.groupCode ?? null,
    communeCode: r.communeCode ?? null,
  }));
}

/** Broadcasts being sent or finished since `since`, newest first (index `status`). */
export async function broadcastsSince(since: Date) {
  const rows = await BroadcastModel.find(
    { status: { $in: ["queued", "done", "cancelled"] }, queuedAt: { $gte: since } },
    { status: 1, createdAt: 1, queuedAt: 1, recipients: 1, places: 1, counts: 1 },
  ).lean();
  return rows.sort((a, b) => (b.queuedAt?.getTime() ?? 0) - (a.queuedAt?.getTime() ?? 0));
}

/**
 * What version of the book the data is: the planning index's last write (every import writes it,
 * first marking it stale); null while an import is writing or was cut off (nothing may be kept).
 */
export async function bookVersion(): Promise<string | null> {
  const state = await PlanningIndexModel.findById("state", { stale: 1, updatedAt: 1 }).lean();
  return state && state.stale === false && state.updatedAt ? state.updatedAt.toISOString() : null;
}
