import { hash } from "node:crypto";
import type { Organisation } from "./organisations.js";
import type { TransactionSchedule } from "./transactionDay.js";

/**
 * The shapes of the bank's structure records as stored (communes, transaction points, groups), built
 * in one place so that the importer and the data migration write the same fields in the same order
 * and so the same fingerprint: a file imported before a migration is "unchanged" after it.
 */

/** A stable fingerprint of the imported fields: equal fingerprints mean an update would change nothing. */
export function fingerprint(fields: object): string {
  // One-shot: a Hash object per call was most of the cost, three times a row in an import.
  return hash("sha1", JSON.stringify(fields), "base64url");
}

export function communeRecord(c: { name: string; officeCode: string; officeName: string }) {
  return { name: c.name, officeCode: c.officeCode, officeName: c.officeName };
}
export type CommuneRecord = ReturnType<typeof communeRecord>;

export type ClosureRule = "after" | "before";
export type WeekendRule = "keep" | "after" | "before";

export interface PointRecordInput {
  name: string;
  communeCode: string;
  formerCommune: string | null;
  place: string;
  hours: string;
  schedule: TransactionSchedule;
  /** Where its day goes on a closure or a weekend; null: the holidays file's rule. */
  closureRule: ClosureRule | null;
  weekendRule: WeekendRule | null;
  officeCode: string;
  officeName: string;
}

export function pointRecord(p: PointRecordInput) {
  const schedule =
    p.schedule.kind === "day"
      ? { kind: "day" as const, day: p.schedule.day }
      : { kind: "weekday" as const, weekday: p.schedule.weekday, nth: p.schedule.nth };
  return {
    name: p.name,
    communeCode: p.communeCode,
    formerCommune: p.formerCommune,
    place: p.place,
    hours: p.hours,
    schedule,
    closureRule: p.closureRule,
    weekendRule: p.weekendRule,
    officeCode: p.officeCode,
    officeName: p.officeName,
  };
}
export type PointRecord = ReturnType<typeof pointRecord>;

export function groupRecord(g: {
  name: string;
  village: string;
  communeCode: string;
  pointCode: string;
  officeCode: string;
  organisation: Organisation;
}) {
  return {
    name: g.name,
    village: g.village,
    communeCode: g.communeCode,
    pointCode: g.pointCode,
    officeCode: g.officeCode,
    organisation: g.organisation,
  };
}
export type GroupRecord = ReturnType<typeof groupRecord>;

/** A group as stored: its record and its head and deputy (which come from the members' rows). */
export function groupDocument(fields: GroupRecord, headCode: string | null, deputyCode: string | null) {
  return { ...fields, headCode, deputyCode };
}
