import { storedLoanRate } from "../data/book.js";
import { eachListedGroup, writePlanningGroups } from "../data/planningIndex.js";
import type { LocalDate } from "../domain/dates.js";
import type { ReminderLoan } from "../domain/groupLists.js";
import { indexKeysOf, type PlanningMember } from "../domain/planningIndex.js";

type Fields = Record<string, unknown>;
type Member = Omit<PlanningMember, "loans"> & { groupCode: string; loans: Map<string, ReminderLoan> };

/** The stored fields the index is rebuilt from when it is stale (read with the fingerprints anyway). */
export const PLANNING_HOUSEHOLD_FIELDS = {
  fullName: 1,
  phones: 1,
  groupCode: 1,
  communeCode: 1,
  officeCode: 1,
} as const;
export const PLANNING_LOAN_FIELDS = {
  interestDueNext: 1,
  overdueSince: 1,
  annualRatePpm: 1,
  annualRateBps: 1,
  nextInstallment: 1,
} as const;

const reminderLoan = (id: string, l: Fields): ReminderLoan => {
  const next = l.nextInstallment as { dueOn: LocalDate; amount: number } | null | undefined;
  return {
    loanNumber: id,
    interestDueNext: Number(l.interestDueNext ?? 0),
    overduePrincipal: Number(l.overduePrincipal ?? 0),
    overdueSince: (l.overdueSince as LocalDate | null | undefined) ?? null,
    annualRatePpm: storedLoanRate(l as { annualRatePpm?: number | null; annualRateBps?: number | null }),
    nextInstallment: next ? { dueOn: next.dueOn, amount: next.amount } : null,
  };
};

const memberOf = (code: string, h: Fields): Member => ({
  code,
  name: String(h.fullName),
  phone: (h.phones as string[] | undefined)?.[0] ?? null,
  communeCode: String(h.communeCode),
  officeCode: String(h.officeCode),
  groupCode: String(h.groupCode),
  loans: new Map(),
});

/**
 * The planner's index brought in line with what an import wrote (data/planningIndex.ts). Only what
 * changed is kept as the file is applied; at the end the groups it touched are read back by `_id`,
 * changed, and written. When the index is stale (a first import, or one cut off), every group is
 * built from the stored documents read with the fingerprints and the file's changes.
 */
export class PlanningIndexUpdate {
  /** Stored households and open loans, as read with the fingerprints (all of them only when rebuilding). */
  private readonly storedGroupOf = new Map<string, string>();
  private readonly storedLoanGroup = new Map<string, string>();
  private readonly storedMembers = new Map<string, Member>();
  private readonly storedLoans: [string, string, ReminderLoan][] = [];
  // Kept small (a first import changes everything): what the index needs of each, not the documents.
  private readonly changedHouseholds = new Map<string, Member>();
  private readonly changedLoans = new Map<string, { householdCode: string; loan: ReminderLoan }>();
  private readonly closedLoans = new Set<string>();
  private readonly touched = new Set<string>();

  constructor(readonly rebuild: boolean) {}

  /** The fields to read with the stored households' fingerprints. */
  householdFields(): Record<string, 1> {
    return this.rebuild ? PLANNING_HOUSEHOLD_FIELDS : { groupCode: 1 };
  }

  loanFields(): Record<string, 1> {
    return this.rebuild ? PLANNING_LOAN_FIELDS : {};
  }

  storedHousehold(doc: Fields): void {
    const code = String(doc._id);
    this.storedGroupOf.set(code, String(doc.groupCode));
    if (this.rebuild) this.storedMembers.set(code, memberOf(code, doc));
  }

  /** A stored open loan (its group and household are read in any case). */
  storedLoan(doc: Fields): void {
    this.storedLoanGroup.set(String(doc._id), String(doc.groupCode));
    if (this.rebuild)
      this.storedLoans.push([String(doc.householdCode), String(doc._id), reminderLoan(String(doc._id), doc)]);
  }

  household(code: string, fields: Fields, changed: boolean): void {
    if (!changed) return;
    this.changedHouseholds.set(code, memberOf(code, fields));
    this.touched.add(String(fields.groupCode));
    const before = this.storedGroupOf.get(code);
    if (before) this.touched.add(before);
  }

  loan(id: string, fields: Fields, changed: boolean): void {
    if (!changed) return;
    this.changedLoans.set(id, { householdCode: String(fields.householdCode), loan: reminderLoan(id, fields) });
    this.touched.add(String(fields.groupCode));
    const before = this.storedLoanGroup.get(id);
    if (before) this.touched.add(before);
  }

  closed(id: string): void {
    this.closedLoans.add(id);
    const before = this.storedLoanGroup.get(id);
    if (before) this.touched.add(before);
  }

  async write(): Promise<void> {
    const { members, before } = this.rebuild ? this.fromStored() : await this.fromIndex();
    for (const [code, member] of this.changedHouseholds) {
      member.loans = members.get(code)?.loans ?? new Map();
      members.set(code, member);
    }
    const ownerOf = new Map<string, Member>();
    for (const m of members.values()) for (const id of m.loans.keys()) ownerOf.set(id, m);
    for (const [id, { householdCode, loan }] of this.changedLoans) {
      ownerOf.get(id)?.loans.delete(id);
      const owner = members.get(householdCode);
      owner?.loans.set(id, loan);
      if (owner) ownerOf.set(id, owner);
    }
    for (const id of this.closedLoans) ownerOf.get(id)?.loans.delete(id);
    const groups = new Map<string, PlanningMember[]>([...this.touched].map((code) => [code, []]));
    for (const m of [...members.values()].sort((a, b) => (a.code < b.code ? -1 : 1))) {
      const list = groups.get(m.groupCode);
      const loans = [...m.loans.values()].sort((a, b) => (a.loanNumber < b.loanNumber ? -1 : 1));
      list?.push({
        code: m.code,
        name: m.name,
        phone: m.phone,
        communeCode: m.communeCode,
        officeCode: m.officeCode,
        loans,
      });
    }
    await writePlanningGroups(groups, before, this.rebuild);
  }

  /** Rebuilding: every stored household, with its stored open loans; every group is touched. */
  private fromStored() {
    const members = this.storedMembers;
    for (const [householdCode, id, loan] of this.storedLoans) members.get(householdCode)?.loans.set(id, loan);
    for (const m of members.values()) this.touched.add(m.groupCode);
    for (const h of this.changedHouseholds.values()) this.touched.add(h.groupCode);
    return { members, before: new Map<string, Set<string>>() };
  }

  /** Updating: the members of the touched groups as the index holds them, and each group's keys before. */
  private async fromIndex() {
    const members = new Map<string, Member>();
    const before = new Map<string, Set<string>>();
    await eachListedGroup([...this.touched], (groupCode, list) => {
      before.set(groupCode, indexKeysOf(list));
      for (const m of list) {
        const member: Member = { ...m, groupCode, loans: new Map(m.loans.map((l) => [l.loanNumber, l])) };
        members.set(m.code, member);
      }
    });
    return { members, before };
  }
}
