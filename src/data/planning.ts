import type { LocalDate } from "../domain/dates.js";
import { findByIds } from "./byIds.js";
import {
  BorrowerAccountModel,
  CommuneModel,
  GroupModel,
  HouseholdModel,
  LoanModel,
  PlanRunModel,
} from "./models/index.js";

/**
 * The whole-book reads of the daily planner, streamed. Deliberately unfiltered (allow-listed in the
 * index-coverage test): the planner needs every household, open loan and linked account once a day,
 * and one sequential read of each collection is the cheapest way on both servers.
 */

/** Every commune's name and office (its points are read with data/points.ts allPoints). */
export async function allCommunes() {
  const communes = await CommuneModel.find({}, { name: 1, officeCode: 1 }).lean();
  return communes.map((c) => ({ code: String(c._id), name: c.name, officeCode: c.officeCode }));
}

export async function allGroups() {
  const groups = await GroupModel.find({}, { name: 1, communeCode: 1, pointCode: 1, headCode: 1 }).lean();
  return groups.map((g) => ({
    code: String(g._id),
    name: g.name,
    communeCode: g.communeCode,
    pointCode: g.pointCode,
    headCode: g.headCode ?? null,
  }));
}

const BATCH = 2_000;

export async function eachHousehold(
  visit: (h: {
    code: string;
    name: string;
    groupCode: string;
    communeCode: string;
    officeCode: string;
    phone: string | null;
  }) => void,
): Promise<void> {
  const cursor = HouseholdModel.find({}, { fullName: 1, groupCode: 1, communeCode: 1, officeCode: 1, phones: 1 })
    .lean()
    .cursor({ batchSize: BATCH });
  for await (const h of cursor) {
    visit({
      code: String(h._id),
      name: h.fullName,
      groupCode: h.groupCode,
      communeCode: h.communeCode,
      officeCode: h.officeCode,
      phone: h.phones?.[0] ?? null,
    });
  }
}

const LOAN_FIELDS = {
  householdCode: 1,
  interestDueNext: 1,
  overduePrincipal: 1,
  overdueSince: 1,
  annualRatePpm: 1,
  annualRateBps: 1,
  nextInstallment: 1,
} as const;

export type PlanningLoan = {
  _id: unknown;
  householdCode: string;
  interestDueNext: number;
  overduePrincipal: number;
  overdueSince?: LocalDate | null;
  annualRatePpm?: number | null;
  annualRateBps?: number | null;
  nextInstallment?: { dueOn: LocalDate; amount: number } | null;
};

/** Every open loan (index `status` is not declared: a whole read filtered by the server). */
export async function eachOpenLoan(visit: (loan: PlanningLoan) => void): Promise<void> {
  const cursor = LoanModel.find({ status: "open" }, LOAN_FIELDS).lean().cursor({ batchSize: BATCH });
  for await (const l of cursor) visit(l as unknown as PlanningLoan);
}

export interface LinkedAccount {
  code: string;
  chats: number[];
  language: string;
  muted: ("interest" | "principal" | "overdue")[];
}

const ACCOUNT_FIELDS = { telegramLinks: 1, language: 1, reminders: 1 } as const;
type StoredAccount = {
  _id: unknown;
  telegramLinks: { telegramUserId: number }[];
  language?: string | null;
  reminders?: Partial<Record<"interest" | "principal" | "overdue", boolean>> | null;
};

/** An account as planning sees it; null for one neither linked nor muting a kind. */
function linkedAccount(a: StoredAccount): LinkedAccount | null {
  const muted = (["interest", "principal", "overdue"] as const).filter((kind) => a.reminders?.[kind] === false);
  // An account no longer linked still counts for its muted kinds: they hold on SMS and Zalo too.
  if (a.telegramLinks.length === 0 && muted.length === 0) return null;
  return {
    code: String(a._id),
    chats: a.telegramLinks.map((l) => l.telegramUserId),
    language: a.language ?? "vi",
    muted,
  };
}

/** Every household account with a Telegram link or a reminder kind turned off. */
export async function eachAccount(visit: (account: LinkedAccount) => void): Promise<void> {
  const cursor = BorrowerAccountModel.find({}, ACCOUNT_FIELDS).lean().cursor({ batchSize: BATCH });
  for await (const a of cursor) {
    const account = linkedAccount(a as unknown as StoredAccount);
    if (account) visit(account);
  }
}

/** The accounts of these households (by `_id`), as eachAccount gives them. */
export async function accountsOf(codes: readonly string[]): Promise<LinkedAccount[]> {
  const found = await findByIds<StoredAccount>(BorrowerAccountModel, codes, ACCOUNT_FIELDS);
  return found.flatMap((a) => linkedAccount(a) ?? []);
}

/** Records a planning run of one local date (`_id` = the date; a second run adds to it). */
export async function savePlanRun(
  date: LocalDate,
  started: Date,
  fields: { durationMs: number; planned: object; alreadyPlanned: number; skipped: object },
): Promise<void> {
  await PlanRunModel.updateOne(
    { _id: date },
    { $set: { finishedAt: new Date(), ...fields }, $setOnInsert: { startedAt: started }, $inc: { runs: 1 } },
    { upsert: true },
  );
}
