import { addDays, type LocalDate } from "../domain/dates.js";
import type { DisasterArea, DisasterEvent, DisasterStatus } from "../domain/disaster.js";
import { isDuplicateKey } from "./errors.js";
import type { DisasterEventRecord } from "./models/disasterEvent.js";
import { DisasterEventModel } from "./models/index.js";
import { oneAtATimeOnFerretdb, SerialWrites } from "./serialWrites.js";

/** Disaster events (models/disasterEvent.ts): a few a year per branch, read whole like closures. */

export type StoredDisaster = DisasterEvent & {
  communeCode: string;
  officeCode: string;
  proposedBy: number;
  decidedBy: number | null;
};

/** Decisions and ends are exclusive on FerretDB too (serialWrites.ts). */
const eventWrites = new SerialWrites();

function toEvent(r: DisasterEventRecord): StoredDisaster {
  return {
    id: r._id,
    name: r.name,
    area: { kind: r.areaKind as DisasterArea["kind"], code: r.areaCode },
    from: r.from,
    until: r.until,
    status: r.status as DisasterStatus,
    communeCode: r.communeCode,
    officeCode: r.officeCode,
    proposedBy: r.proposedBy,
    decidedBy: r.decidedBy ?? null,
  };
}

export async function disasterEvents(): Promise<StoredDisaster[]> {
  const records = await DisasterEventModel.find({}).lean<DisasterEventRecord[]>();
  return records.map(toEvent).sort((a, b) => (a.from < b.from ? 1 : a.from > b.from ? -1 : 0));
}

export async function disasterEvent(id: string): Promise<StoredDisaster | null> {
  const record = await DisasterEventModel.findById(id).lean<DisasterEventRecord>();
  return record ? toEvent(record) : null;
}

/** Stores a proposal; false when an event of that area and first day exists already. */
export async function proposeDisaster(
  event: Omit<StoredDisaster, "status" | "decidedBy">,
  now: Date,
): Promise<boolean> {
  try {
    await DisasterEventModel.create({
      _id: event.id,
      name: event.name,
      areaKind: event.area.kind,
      areaCode: event.area.code,
      communeCode: event.communeCode,
      officeCode: event.officeCode,
      from: event.from,
      until: event.until,
      status: "proposed",
      proposedBy: event.proposedBy,
      proposedAt: now,
    });
    return true;
  } catch (error) {
    if (isDuplicateKey(error)) return false;
    throw error;
  }
}

/**
 * Declares or refuses a proposal: only while it is proposed, and never by the officer who proposed
 * it (checked in the write's filter, so two approvers at once cannot both decide).
 */
export async function decideDisaster(
  id: string,
  verdict: "declared" | "refused",
  by: number,
  now: Date,
): Promise<boolean> {
  const result = await oneAtATimeOnFerretdb(eventWrites, () =>
    DisasterEventModel.updateOne(
      { _id: id, status: "proposed", proposedBy: { $ne: by } },
      { $set: { status: verdict, decidedBy: by, decidedAt: now } },
    ),
  );
  return result.modifiedCount === 1;
}

/** Ends a declared event before its last day: it lasted until yesterday, and today its reminders resume. */
export async function endDisaster(id: string, today: LocalDate, by: number): Promise<boolean> {
  const result = await oneAtATimeOnFerretdb(eventWrites, () =>
    DisasterEventModel.updateOne(
      { _id: id, status: "declared", until: { $gte: today } },
      { $set: { until: addDays(today, -1), endedBy: by } },
    ),
  );
  return result.modifiedCount === 1;
}
