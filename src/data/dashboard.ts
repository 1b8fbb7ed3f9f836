import type { LocalDate } from "../domain/dates.js";
import { BroadcastModel, DeliveryModel, DeliveryOutcomeModel } from "./models/index.js";
import type { OutcomePlaces } from "./stats.js";

/**
 * The reads behind the Mini App dashboard (src/dashboard). Each is served by an index on MongoDB (the
 * index-coverage test proves it); on FerretDB v1 every one of them reads its collection whole, which
 * is what bench:dashboard measures.
 */

const matchPlaces = (places: OutcomePlaces) => (places ? { [places.field]: { $in: places.codes } } : {});

/**
 * The reminders planned for a group's households over plan dates from..to, each with its channel and
 * its last outcome ("pending" before any attempt). Index `groupCode, planDate`, then `deliveryId`.
 */
export async function groupReminderOutcomes(groupCode: string, from: LocalDate, to: LocalDate) {
  const deliveries = await DeliveryModel.find(
    { groupCode, planDate: { $gte: from, $lte: to }, source: "reminders" },
    { householdCode: 1, channel: 1, kind: 1, planDate: 1 },
  ).lean();
  const outcomes = deliveries.length
    ? await DeliveryOutcomeModel.find(
        { deliveryId: { $in: deliveries.map((d) => String(d._id)) } },
        { deliveryId: 1, attempt: 1, outcome: 1 },
      ).lean()
    : [];
  const last = new Map<string, { attempt: number; outcome: string }>();
  for (const o of outcomes) {
    const seen = last.get(o.deliveryId);
    if (!seen || o.attempt > seen.attempt) last.set(o.deliveryId, { attempt: o.attempt, outcome: o.outcome });
  }
  return deliveries.map((d) => ({
    householdCode: d.householdCode ?? null,
    kind: d.kind,
    planDate: d.planDate as LocalDate,
    channel: d.channel ?? "telegram",
    outcome: last.get(String(d._id))?.outcome ?? "pending",
  }));
}

/** Final reminder outcomes of plan dates from..to in these places, by channel and outcome (index `planDate, outcome`). */
export async function reminderOutcomesByChannel(places: OutcomePlaces, from: LocalDate, to: LocalDate) {
  const rows = await DeliveryOutcomeModel.aggregate<{ _id: { channel: string | null; outcome: string }; n: number }>([
    { $match: { planDate: { $gte: from, $lte: to }, source: "reminders", ...matchPlaces(places) } },
    { $group: { _id: { channel: "$channel", outcome: "$outcome" }, n: { $sum: 1 } } },
  ]);
  return rows
    .filter((r) => r.n > 0 && r._id.outcome !== "retry")
    .map((r) => ({ channel: r._id.channel ?? "telegram", outcome: r._id.outcome, count: r.n }));
}

/** Deliveries in doubt (a dispatcher died mid-send, or no answer came) of plan dates from..to in these places. */
export async function inDoubtOutcomes(places: OutcomePlaces, from: LocalDate, to: LocalDate) {
  const rows = await DeliveryOutcomeModel.find(
    { planDate: { $gte: from, $lte: to }, outcome: "uncertain", ...matchPlaces(places) },
    { deliveryId: 1, kind: 1, channel: 1, planDate: 1, groupCode: 1, communeCode: 1 },
  ).lean();
  return rows.map((r) => ({
    deliveryId: r.deliveryId,
    kind: r.kind,
    channel: r.channel ?? "telegram",
    planDate: r.planDate as LocalDate,
    groupCode: r.groupCode ?? null,
    communeCode: r.communeCode ?? null,
  }));
}

/** The household a delivery is about, for the deliveries given (by `_id`). */
export async function householdsOfDeliveries(ids: readonly string[]): Promise<Map<string, string | null>> {
  if (ids.length === 0) return new Map();
  const rows = await DeliveryModel.find({ _id: { $in: ids } }, { householdCode: 1 }).lean();
  return new Map(rows.map((r) => [String(r._id), r.householdCode ?? null]));
}

/** Broadcasts being sent or finished since `since`, newest first (index `status`). */
export async function broadcastsSince(since: Date) {
  const rows = await BroadcastModel.find(
    { status: { $in: ["queued", "done", "cancelled"] }, queuedAt: { $gte: since } },
    { status: 1, createdAt: 1, queuedAt: 1, recipients: 1, places: 1, counts: 1 },
  ).lean();
  return rows.sort((a, b) => (b.queuedAt?.getTime() ?? 0) - (a.queuedAt?.getTime() ?? 0));
}
