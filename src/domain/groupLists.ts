import { daysBetween, type LocalDate } from "./dates.js";
import type { Dong } from "./money.js";

/** A loan as reminders and the group lists see it. */
export interface ReminderLoan {
  loanNumber: string;
  interestDueNext: Dong;
  overduePrincipal: Dong;
  overdueSince: LocalDate | null;
  annualRatePpm: number;
  nextInstallment: { dueOn: LocalDate; amount: Dong } | null;
}

/**
 * A group's name without its own leading "Tổ" ("Tổ TK&VV Thôn 3" → "TK&VV Thôn 3"): the texts put
 * "Tổ" / "group" before it, and the bank's names often start with it already ("Tổ Tổ …").
 */
export function groupShortName(name: string): string {
  return name.replace(/^\s*tổ\s+/iu, "").trim() || name;
}

/** Whether the bot can reach a member: linked and reachable, linked but blocked, or never linked. */
export type LinkStatus = "linked" | "unreachable" | "not-linked";

/** A household's status from its linked chats and the chats Telegram refused. */
export function linkStatusOf(chats: readonly number[], unreachable: ReadonlySet<number>): LinkStatus {
  if (chats.length === 0) return "not-linked";
  return chats.every((c) => unreachable.has(c)) ? "unreachable" : "linked";
}

export interface RosterMember {
  code: string;
  name: string;
  linkStatus: LinkStatus;
  loans: readonly ReminderLoan[];
  /** The member has an open hardship report (marked on overdue lists). */
  openReport?: boolean;
}

export interface CollectionRow {
  code: string;
  name: string;
  interest: Dong;
  principal: Dong;
  linkStatus: LinkStatus;
}

/**
 * What each member brings to the session on `session`: interest due at that session and every
 * principal installment falling due by then. Members with nothing due are left out; order is by name.
 */
export function collectionRows(
  members: readonly RosterMember[],
  session: LocalDate,
  /** Interest collection is suspended that day (a relief): only principal is collected. */
  interestSuspended = false,
): CollectionRow[] {
  const rows: CollectionRow[] = [];
  for (const m of members) {
    let interest = 0;
    let principal = 0;
    for (const loan of m.loans) {
      if (!interestSuspended) interest += loan.interestDueNext;
      if (loan.nextInstallment && loan.nextInstallment.dueOn <= session) principal += loan.nextInstallment.amount;
    }
    if (interest > 0 || principal > 0) {
      rows.push({ code: m.code, name: m.name, interest, principal, linkStatus: m.linkStatus });
    }
  }
  return rows.sort(byName);
}

export interface OverdueRow {
  code: string;
  name: string;
  amount: Dong;
  /** The earliest date any of the member's loans fell overdue. */
  since: LocalDate;
  days: number;
  linkStatus: LinkStatus;
  openReport?: boolean;
}

/** Members with overdue principal, longest overdue first. */
export function overdueRows(members: readonly RosterMember[], today: LocalDate): OverdueRow[] {
  const rows: OverdueRow[] = [];
  for (const m of members) {
    let amount = 0;
    let since: LocalDate | null = null;
    for (const loan of m.loans) {
      if (loan.overduePrincipal <= 0 || !loan.overdueSince) continue;
      amount += loan.overduePrincipal;
      if (!since || loan.overdueSince < since) since = loan.overdueSince;
    }
    if (since && amount > 0) {
      rows.push({
        code: m.code,
        name: m.name,
        amount,
        since,
        days: Math.max(0, daysBetween(since, today)),
        linkStatus: m.linkStatus,
        ...(m.openReport ? { openReport: true } : {}),
      });
    }
  }
  return rows.sort((a, b) => b.days - a.days || byName(a, b));
}

const collator = new Intl.Collator("vi");
function byName(a: { name: string; code: string }, b: { name: string; code: string }): number {
  return collator.compare(a.name, b.name) || (a.code < b.code ? -1 : 1);
}

export interface CommuneOverdue {
  communeCode: string;
  communeName: string;
  overdueLoans: number;
  overdueAmount: Dong;
  unreachableMembers: number;
}
