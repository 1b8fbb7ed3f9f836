import { telegramLinksOf } from "../../data/accounts.js";
import { household as findHousehold, type Household, openLoansOf, placeNameOf } from "../../data/book.js";
import { isOptedOut } from "../../data/channels.js";
import { recentDeliveriesAbout } from "../../data/outbox.js";
import { unreachableAmong } from "../../data/unreachable.js";
import { groupShortName, type LinkStatus, linkStatusOf } from "../../domain/groupLists.js";
import { normalizeCustomerCode } from "../../domain/linking.js";
import { audit, describeScope, inScope, type Staff } from "../../staff/roles.js";

/** What /find and the dashboard's search show of one household: place, reach, loans, savings, last messages. */
export interface HouseholdFacts {
  code: string;
  name: string;
  group: string;
  commune: string;
  groupRole: string;
  link: LinkStatus;
  linkedChats: number;
  phoneRefused: boolean;
  loans: number;
  outstanding: number;
  overdue: number;
  savings: number;
  deliveries: Awaited<ReturnType<typeof recentDeliveriesAbout>>;
}

async function factsOf(code: string, household: Household): Promise<HouseholdFacts> {
  const [groupName, communeName, loans, links, deliveries, optedOut] = await Promise.all([
    placeNameOf("group", household.groupCode),
    placeNameOf("commune", household.communeCode),
    openLoansOf(code, household.loanNumbers),
    telegramLinksOf(code),
    recentDeliveriesAbout(code, 5),
    isOptedOut(code),
  ]);
  const chats = links?.map((l) => l.telegramUserId) ?? [];
  return {
    code,
    name: household.fullName,
    group: groupShortName(groupName ?? household.groupCode),
    commune: communeName ?? household.communeCode,
    groupRole: household.groupRole,
    link: linkStatusOf(chats, await unreachableAmong(chats)),
    linkedChats: chats.length,
    phoneRefused: optedOut,
    loans: loans.length,
    outstanding: loans.reduce((s, l) => s + l.outstandingPrincipal, 0),
    overdue: loans.reduce((s, l) => s + l.overduePrincipal, 0),
    savings: household.savingsBalance,
    deliveries,
  };
}

export type FindResult =
  | { kind: "usage" }
  | { kind: "not-found"; code: string }
  | { kind: "found"; facts: HouseholdFacts };

/**
 * One household within the officer's scope as stored now. Out of scope and unknown read the same, so
 * an officer learns nothing about other communes; every lookup is audited, found or not (/find and
 * the dashboard's search alike).
 */
export async function findInScope(staff: Staff, typed: string): Promise<FindResult> {
  const code = normalizeCustomerCode(typed);
  if (!code) return { kind: "usage" };
  const household = await findHousehold(code);
  if (!household || !inScope(staff.scope, household)) {
    // A typed code, cut to a code's length.
    await audit(staff.telegramUserId, "find", describeScope(staff.scope), { found: 0 }, { code: code.slice(0, 40) });
    return { kind: "not-found", code };
  }
  const facts = await factsOf(code, household);
  await audit(staff.telegramUserId, "find", describeScope(staff.scope), { found: 1 }, { code });
  return { kind: "found", facts };
}
