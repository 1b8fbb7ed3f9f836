import { findByIds } from "./byIds.js";
import {
  CommuneModel,
  GroupModel,
  HouseholdModel,
  ImportBatchModel,
  LoanModel,
  TransactionPointModel,
} from "./models/index.js";

/**
 * The bank's book as imported: communes, groups, households and loans, read as plain objects.
 * Lookups by code are by `_id`; the few reads by another field name the index that serves them on
 * MongoDB and what they cost on FerretDB.
 */

export type { Loan } from "./models/loan.js";
export { storedLoanRate } from "./models/loan.js";

export type Household = NonNullable<Awaited<ReturnType<typeof household>>>;

export async function household(customerCode: string) {
  return HouseholdModel.findById(customerCode).lean();
}

export async function commune(communeCode: string) {
  return CommuneModel.findById(communeCode).lean();
}

export async function group(groupCode: string) {
  return GroupModel.findById(groupCode).lean();
}

/** A commune's, transaction point's or group's name, or null when none is stored. */
export async function placeNameOf(kind: "commune" | "point" | "group", code: string): Promise<string | null> {
  const doc =
    kind === "commune"
      ? await CommuneModel.findById(code, { name: 1 }).lean()
      : kind === "point"
        ? await TransactionPointModel.findById(code, { name: 1 }).lean()
        : await GroupModel.findById(code, { name: 1 }).lean();
  return doc?.name ?? null;
}

/** Every commune's name and office (a few thousand at most). */
export async function communeNames(): Promise<
  { code: string; name: string; officeCode: string; officeName: string }[]
> {
  const communes = await CommuneModel.find({}, { name: 1, officeCode: 1, officeName: 1 }).lean();
  return communes.map((c) => ({
    code: String(c._id),
    name: c.name,
    officeCode: c.officeCode,
    officeName: c.officeName,
  }));
}

export async function groupNames(groupCodes: readonly string[]): Promise<Map<string, string>> {
  const groups = await findByIds<{ _id: string; name: string }>(GroupModel, groupCodes, { name: 1 });
  return new Map(groups.map((g) => [String(g._id), g.name]));
}

/**
 * The household's open loans, by loan number. Read one by one by `_id` when the household lists its
 * loans (pushed down on FerretDB), else by `householdCode` (index on MongoDB, a full read on FerretDB).
 */
export async function openLoansOf(customerCode: string, loanNumbers?: readonly string[] | null) {
  if (!loanNumbers) return LoanModel.find({ householdCode: customerCode, status: "open" }).sort({ _id: 1 }).lean();
  const found = await Promise.all(loanNumbers.map((id) => LoanModel.findById(id).lean()));
  return found
    .filter((l): l is NonNullable<typeof l> => l?.householdCode === customerCode && l.status === "open")
    .sort((a, b) => (String(a._id) < String(b._id) ? -1 : 1));
}

/** The group this household heads, or null (index `headCode` on MongoDB; groups are few, read whole on FerretDB). */
export async function groupWithHead(customerCode: string): Promise<{ code: string; name: string } | null> {
  const found = await GroupModel.findOne({ headCode: customerCode }, { name: 1 }).lean();
  return found ? { code: String(found._id), name: found.name } : null;
}

/** A group's households and open loans (indexes `groupCode` and `groupCode, overdueSince` on MongoDB). */
export async function groupMembers(groupCode: string) {
  const [households, loans] = await Promise.all([
    HouseholdModel.find({ groupCode }, { fullName: 1 }).lean(),
    LoanModel.find({ groupCode, status: "open" }).lean(),
  ]);
  return { households, loans };
}

/** A group's households with no phone on file (index `groupCode` on MongoDB). */
export async function groupMembersWithoutPhone(groupCode: string): Promise<{ code: string; name: string }[]> {
  const households = await HouseholdModel.find({ groupCode }, { fullName: 1, phones: 1 }).lean();
  return households
    .filter((h) => (h.phones ?? []).length === 0)
    .map((h) => ({ code: String(h._id), name: h.fullName }));
}

/** When the newest import that reached the book finished (index `startedAt`). */
export async function lastImportFinishedAt(): Promise<Date | null> {
  const last = await ImportBatchModel.findOne({ outcome: { $in: ["applied", "unchanged"] } }, { finishedAt: 1 })
    .sort({ startedAt: -1 })
    .lean();
  return last?.finishedAt ?? null;
}

/** The first phone on file of each household ("+84…"; null when it has none). */
export async function firstPhonesOf(codes: readonly string[]): Promise<Map<string, string | null>> {
  const found = await findByIds<{ _id: string; phones?: string[] }>(HouseholdModel, codes, { phones: 1 });
  return new Map(found.map((h) => [String(h._id), h.phones?.[0] ?? null]));
}
