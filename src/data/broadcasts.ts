import type { BroadcastCounts } from "../delivery/counters.js";
import type { Audience } from "../domain/broadcast.js";
import type { Scope } from "../domain/scope.js";
import type { Broadcast } from "./models/broadcast.js";
import {
  BorrowerAccountModel,
  BroadcastModel,
  DeliveryBatchModel,
  DeliveryOutcomeModel,
  HouseholdModel,
  LoanModel,
  UnreachableChatModel,
} from "./models/index.js";
import { householdsOfDeliveries } from "./outbox.js";
import { groupCodesOfPoints } from "./points.js";
import { scopeFilter } from "./scope.js";

/** Officers' notices: the broadcast records, who an audience reaches, and what their batches came to. */

export type { Broadcast } from "./models/broadcast.js";

const ACTIVE = ["draft", "counted", "awaiting-approval", "queued"] as const;

/**
 * The records an audience is resolved from: its households within the scope (with their place), the
 * households with a matching loan when the audience is by loan, every linked account and every
 * unreachable chat. Whole reads filtered in memory where FerretDB would scan anyway; on MongoDB the
 * household and loan filters use the `communeCode`/`groupCode`/`officeCode` indexes when scoped
 * (a point's households by its groups' codes, read first by the `pointCode` index of groups).
 */
export async function audienceRecords(scope: Scope, audience: Audience) {
  // The audience is always ANDed with the scope, never merged into it: "commune X2" must not
  // replace an officer's "communes [X1]".
  const within = (filter: Record<string, unknown>) => ({ $and: [scopeFilter(scope), filter] });
  const householdFilter = within(await householdCondition(audience));
  const loanFilter =
    audience.kind === "programme"
      ? within({ status: "open", programmeCode: audience.code })
      : audience.kind === "overdue"
        ? within({ status: "open", overduePrincipal: { $gt: 0 } })
        : null;
  const [households, loanHouseholds, accounts, unreachable] = await Promise.all([
    HouseholdModel.find(householdFilter, { groupCode: 1, communeCode: 1, officeCode: 1 }).lean(),
    loanFilter
      ? LoanModel.find(loanFilter, { householdCode: 1 })
          .lean()
          .then((loans) => new Set(loans.map((l) => l.householdCode)))
      : null,
    BorrowerAccountModel.find({}, { telegramLinks: 1, language: 1 }).lean(),
    UnreachableChatModel.find({}, { _id: 1 }).lean(),
  ]);
  return {
    households: households.map((h) => ({
      code: String(h._id),
      groupCode: h.groupCode,
      communeCode: h.communeCode,
      officeCode: h.officeCode,
    })),
    loanHouseholds,
    linked: accounts
      .filter((a) => a.telegramLinks.length > 0)
      .map((a) => ({
        code: String(a._id),
        chats: a.telegramLinks.map((l) => l.telegramUserId),
        language: a.language ?? "vi",
      })),
    unreachable: new Set(unreachable.map((u) => Number(u._id))),
  };
}

/** The households an audience names, as a query condition (a point: the groups that keep it now). */
async function householdCondition(audience: Audience): Promise<Record<string, unknown>> {
  switch (audience.kind) {
    case "commune":
      return { communeCode: audience.code };
    case "point":
      return { groupCode: { $in: [...(await groupCodesOfPoints([audience.code]))] } };
    case "group":
      return { groupCode: audience.code };
    case "heads":
      return { groupRole: "head" };
    default:
      return {};
  }
}

/** Whether a commune, point, group or programme code has any household (or open loan) within the scope. */
export async function audienceCodeExists(scope: Scope, audience: Audience): Promise<boolean> {
  if (!("code" in audience)) return true;
  if (audience.kind === "programme") {
    return (await LoanModel.exists({ $and: [scopeFilter(scope), { programmeCode: audience.code }] })) !== null;
  }
  return (await HouseholdModel.exists({ $and: [scopeFilter(scope), await householdCondition(audience)] })) !== null;
}

export async function insertBroadcast(doc: Partial<Broadcast> & { _id: string }): Promise<Broadcast> {
  return (await BroadcastModel.create(doc)).toObject();
}

export async function findBroadcast(id: string): Promise<Broadcast | null> {
  return BroadcastModel.findById(id).lean();
}

export async function updateBroadcast(id: string, set: Record<string, unknown>): Promise<void> {
  await BroadcastModel.updateOne({ _id: id }, { $set: set });
}

/**
 * Moves a broadcast from one status to the next if, and only if, it is still in the expected one
 * (and matches `also`): of two racers only one gets the record back.
 */
export async function transitionBroadcast(
  id: string,
  from: Broadcast["status"] | Broadcast["status"][],
  set: Partial<Broadcast>,
  also: Record<string, unknown> = {},
): Promise<Broadcast | null> {
  return BroadcastModel.findOneAndUpdate(
    { _id: id, status: Array.isArray(from) ? { $in: from } : from, ...also },
    { $set: set },
    { returnDocument: "after" },
  ).lean();
}

/** The newest broadcast not finished yet, by id and/or maker (index `createdBy, createdAt`). */
export async function latestActiveBroadcast(select: { id?: string; createdBy?: number }): Promise<Broadcast | null> {
  const filter: Record<string, unknown> = { status: { $in: ACTIVE } };
  if (select.id) filter._id = select.id;
  if (select.createdBy !== undefined) filter.createdBy = select.createdBy;
  return BroadcastModel.findOne(filter).sort({ createdAt: -1 }).lean();
}

/** Broadcasts the monitor follows: queued ones, and cancelled ones whose report is owed (index `status`). */
export async function broadcastsToFollow(): Promise<Broadcast[]> {
  return BroadcastModel.find({
    $or: [{ status: "queued" }, { status: "cancelled", counts: null, enqueuedAt: { $ne: null } }],
  }).lean();
}

/** Cancels the source's batches not sent yet (index `source`). */
export async function cancelBatchesOf(source: string): Promise<void> {
  await DeliveryBatchModel.updateMany(
    { source, status: { $in: ["planning", "pending"] } },
    { $set: { status: "cancelled", finishedAt: new Date() } },
  );
}

/** The source's batches with their sizes and, once done, their counts (index `source`). */
export async function batchesOf(source: string) {
  const batches = await DeliveryBatchModel.find({ source }, { size: 1, status: 1, counts: 1 }).lean();
  return batches.map((b) => ({
    size: b.size,
    status: b.status,
    counts: (b.counts ?? {}) as Partial<BroadcastCounts>,
  }));
}

/** How many of the source's outcome records there are of each outcome (index `source, outcome`). */
export async function outcomeTotalsOf(source: string): Promise<Map<string, number>> {
  const rows = await DeliveryOutcomeModel.aggregate<{ _id: string; n: number }>([
    { $match: { source } },
    { $group: { _id: "$outcome", n: { $sum: 1 } } },
  ]);
  return new Map(rows.map((r) => [r._id, r.n]));
}

/** Household codes of the source's deliveries that ended unreachable or skipped. */
export async function refusedHouseholdsOf(source: string): Promise<string[]> {
  const outcomes = await DeliveryOutcomeModel.find(
    { source, outcome: { $in: ["unreachable", "skipped"] } },
    { deliveryId: 1 },
  ).lean();
  const households = await householdsOfDeliveries(outcomes.map((o) => o.deliveryId));
  return [...new Set([...households.values()].filter((c): c is string => !!c))].sort();
}
