import type { TransactionSchedule } from "../domain/transactionDay.js";
import type { PointOnFile } from "../domain/transactionPoint.js";
import { findByIds } from "./byIds.js";
import { CommuneModel, GroupModel, TransactionPointModel } from "./models/index.js";

/**
 * Transaction points (điểm giao dịch) as stored. A point is read by `_id`; the whole list (a few
 * hundred per branch) is read whole by the planner and /stats, like the communes.
 */

type StoredPoint = {
  _id: unknown;
  name: string;
  communeCode: string;
  formerCommune?: string | null;
  place: string;
  hours: string;
  schedule: { kind: string; day?: number | null; weekday?: number | null; nth?: number | null };
  closureRule?: string | null;
  weekendRule?: string | null;
  officeCode: string;
};

const POINT_FIELDS = {
  name: 1,
  communeCode: 1,
  formerCommune: 1,
  place: 1,
  hours: 1,
  schedule: 1,
  closureRule: 1,
  weekendRule: 1,
  officeCode: 1,
} as const;

function scheduleOf(s: StoredPoint["schedule"]): TransactionSchedule {
  if (s.kind === "weekday")
    return { kind: "weekday", weekday: Number(s.weekday), nth: Number(s.nth) as 1 | 2 | 3 | 4 | -1 };
  return { kind: "day", day: Number(s.day) };
}

function toPoint(p: StoredPoint, communeName: string): PointOnFile {
  return {
    code: String(p._id),
    name: p.name,
    communeCode: p.communeCode,
    communeName,
    formerCommune: p.formerCommune ?? null,
    officeCode: p.officeCode,
    place: p.place,
    hours: p.hours,
    schedule: scheduleOf(p.schedule),
    closureRule: (p.closureRule as PointOnFile["closureRule"]) ?? null,
    weekendRule: (p.weekendRule as PointOnFile["weekendRule"]) ?? null,
  };
}

/** One point with its commune's name, or null (two reads by `_id`). */
export async function pointOnFile(pointCode: string): Promise<PointOnFile | null> {
  const found = await TransactionPointModel.findById(pointCode, POINT_FIELDS).lean<StoredPoint>();
  if (!found) return null;
  const commune = await CommuneModel.findById(found.communeCode, { name: 1 }).lean();
  return toPoint(found, commune?.name ?? found.communeCode);
}

/**
 * Every point with its commune's name. A whole read on purpose (allow-listed in the index-coverage
 * test): the planner and /stats need them all, and they are few.
 */
export async function allPoints(): Promise<PointOnFile[]> {
  const [points, communes] = await Promise.all([
    TransactionPointModel.find({}, POINT_FIELDS).lean<StoredPoint[]>(),
    CommuneModel.find({}, { name: 1 }).lean(),
  ]);
  const names = new Map(communes.map((c) => [String(c._id), c.name]));
  return points.map((p) => toPoint(p, names.get(p.communeCode) ?? p.communeCode));
}

/** The points with these codes (by `_id`), with their communes' names. */
export async function pointsByCode(codes: readonly string[]): Promise<PointOnFile[]> {
  const points = await findByIds<StoredPoint>(TransactionPointModel, codes, POINT_FIELDS);
  const communeCodes = [...new Set(points.map((p) => p.communeCode))];
  const communes = await findByIds<{ _id: string; name: string }>(CommuneModel, communeCodes, { name: 1 });
  const names = new Map(communes.map((c) => [String(c._id), c.name]));
  return points.map((p) => toPoint(p, names.get(p.communeCode) ?? p.communeCode));
}

/**
 * The codes of the groups that keep these points (index `pointCode` on MongoDB; FerretDB reads the
 * groups, a few thousand small documents). What an officer scoped to points may see is decided by
 * this, read at the moment of acting: a group moved to another point by an import leaves the scope.
 */
export async function groupCodesOfPoints(pointCodes: readonly string[]): Promise<Set<string>> {
  if (pointCodes.length === 0) return new Set();
  const groups = await GroupModel.find({ pointCode: { $in: pointCodes } }, { _id: 1 }).lean();
  return new Set(groups.map((g) => String(g._id)));
}

/** Every group's point (a whole read of the groups, for /stats and the officers' summaries). */
export async function pointOfEachGroup(): Promise<Map<string, string>> {
  const groups = await GroupModel.find({}, { pointCode: 1 }).lean();
  return new Map(groups.map((g) => [String(g._id), g.pointCode]));
}
