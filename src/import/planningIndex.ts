import { storedLoanRate } from "../data/book.js";
import { eachListedGroup, writePlanningGroups } from "../data/planningIndex.js";
import type { LocalDate } from "../domain/dates.js";
import type { ReminderLoan } from "../domain/groupLists.js";
import { indexKeysOf, type PlanningMember } from "../domain/planningIndex.js";

type Fields = Record<string, unknown>;
type Member = PlanningMember & { groupCode: string };

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
  loans: [],
});

/**
 * The planner's index brought in line with what an import wrote (data/planningIndex.ts). Only what
 * changed is kept as the file is applied; at the end the groups it touched are read back by `_id`,
 * changed, and written. When the index is stale (a first import, or one cut off), every group is
 * built from the stored documents read with the fingerprints and the file's changes.
 */
const byCode = (a: { code: string }, b: { code: string }) => (a.code < b.code ? -1 : 1);

export class PlanningIndexUpdate {
  /** Stored households and open loans, as read with the fingerprints (all of them only when rebuilding). */
  private readonly storedGroupOf = new Map<string, string>();
  private readonly storedLoanGroup = new Map<string, string>();
  private readonly storedMembers = new Map<string, Member>();
  private readonly storedLoans: [string, ReminderLoan][] = [];
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
    if (this.rebuild) this.storedLoans.push([String(doc.householdCode), reminderLoan(String(doc._id), doc)]);
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
    const householdCode = String(fields.householdCode);
    const loan = reminderLoan(id, fields);
    this.touched.add(String(fields.groupCode));
    const before = this.storedLoanGroup.get(id);
    if (before) this.touched.add(before);
    // A new loan of a changed household (all of them in a first import) is held by that household alone.
    const member = this.changedHouseholds.get(householdCode);
    if (member && before === undefined) member.loans.push(loan);
    else this.changedLoans.set(id, { householdCode, loan });
  }

  closed(id: string): void {
    this.closedLoans.add(id);
    const before = this.storedLoanGroup.get(id);
    if (before) this.touched.add(before);
  }

  async write(): Promise<void> {
    const { members, before } = this.rebuild ? this.fromStored() : await this.fromIndex();
    for (const [code, member] of this.changedHouseholds) {
      member.loans.push(...(members.get(code)?.loans ?? []));
      members.set(code, member);
    }
    if (this.changedLoans.size + this.closedLoans.size > 0) this.moveLoans(members);
    const groups = new Map<string, Member[]>([...this.touched].map((code) => [code, []]));
    for (const m of members.values()) groups.get(m.groupCode)?.push(m);
    for (const list of groups.values()) {
      list.sort(byCode);
      for (const m of list) m.loans.sort((a, b) => (a.loanNumber < b.loanNumber ? -1 : 1));
    }
    await writePlanningGroups(groups, before, this.rebuild);
  }

  /** Changed loans to their household (away from any other), closed loans away. */
  private moveLoans(members: ReadonlyMap<string, Member>): void {
    const ownerOf = new Map<string, Member>();
    for (const m of members.values()) for (const l of m.loans) ownerOf.set(l.loanNumber, m);
    const drop = (id: string) => {
      const owner = ownerOf.get(id);
      if (owner) owner.loans = owner.loans.filter((l) => l.loanNumber !== id);
    };
    for (const [id, { householdCode, loan }] of this.changedLoans) {
      drop(id);
      const owner = members.get(householdCode);
      if (!owner) continue;
      owner.loans.push(loan);
      ownerOf.set(id, owner);
    }
    for (const id of this.closedLoans) drop(id);
  }

  /** Rebuilding: every stored household, with its stored open loans; every group is touched. */
  private fromStored() {
    const members = this.storedMembers;
    for (const [householdCode, loan] of this.storedLoans) members.get(householdCode)?.loans.push(loan);
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
      for (const m of list) members.set(m.code, { ...m, groupCode });
    });
    return { members, before };
  }
}
