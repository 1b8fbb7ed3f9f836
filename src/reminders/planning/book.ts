import { allChannelFailures, allOptOuts } from "../../data/channels.js";
import { allGroups, communesWithPoints, eachAccount, eachHousehold, eachOpenLoan } from "../../data/planning.js";
import { allUnreachable } from "../../data/unreachable.js";
import type { PhoneChannel } from "../../domain/channels.js";
import type { LocalDate } from "../../domain/dates.js";
import type { ReminderLoan } from "../../domain/groupLists.js";
import { type Closure, nextTransactionDate, type TransactionDayRule } from "../../domain/transactionDay.js";
import { toReminderLoan } from "../../features/groupHead/roster.js";
import { isLocale, type Locale } from "../../i18n.js";
import type { TransactionPlace } from "../messages.js";

export interface Account {
  chats: number[];
  language: Locale;
  muted: Set<string>;
}

export interface CommuneInfo {
  name: string;
  officeCode: string;
  point: TransactionPlace;
  nextSession: LocalDate;
}

export interface GroupInfo {
  name: string;
  communeCode: string;
  headCode: string | null;
  members: string[];
}

export interface HouseholdInfo {
  name: string;
  /** The first phone on file ("+84…"), for SMS and Zalo. */
  phone: string | null;
  groupCode: string;
  communeCode: string;
  loans: ReminderLoan[];
}

/** The whole book as planning needs it, read once. */
export interface Book {
  communes: Map<string, CommuneInfo>;
  groups: Map<string, GroupInfo>;
  households: Map<string, HouseholdInfo>;
  accounts: Map<string, Account>;
  unreachable: Set<number>;
  optedOut: Set<string>;
  channelFailures: Map<string, Set<PhoneChannel>>;
}

/** The book as of `today`: each commune's next transaction day worked out with these closures. */
export async function readBook(
  today: LocalDate,
  closures: readonly Closure[],
  transactionDayRule: TransactionDayRule | undefined,
): Promise<Book> {
  const communes = new Map<string, CommuneInfo>();
  for (const c of await communesWithPoints()) {
    communes.set(c.code, {
      name: c.name,
      officeCode: c.officeCode,
      point: { place: c.point.place, hours: c.point.hours },
      nextSession: nextTransactionDate(today, c.point.day, closures, transactionDayRule),
    });
  }
  const groups = new Map<string, GroupInfo>();
  for (const g of await allGroups()) {
    groups.set(g.code, { name: g.name, communeCode: g.communeCode, headCode: g.headCode, members: [] });
  }
  // The three big reads run side by side: the database server can use its other core meanwhile.
  const households = new Map<string, HouseholdInfo>();
  const loansByHousehold = new Map<string, ReminderLoan[]>();
  const accounts = new Map<string, Account>();
  const [unreachableChats, optedOut, channelFailures] = await Promise.all([
    allUnreachable(),
    allOptOuts(),
    allChannelFailures(),
    eachHousehold((h) => {
      households.set(h.code, {
        name: h.name,
        phone: h.phone,
        groupCode: h.groupCode,
        communeCode: h.communeCode,
        loans: [],
      });
      groups.get(h.groupCode)?.members.push(h.code);
    }),
    eachOpenLoan((l) => {
      const list = loansByHousehold.get(l.householdCode);
      if (list) list.push(toReminderLoan(l));
      else loansByHousehold.set(l.householdCode, [toReminderLoan(l)]);
    }),
    eachAccount((a) => {
      accounts.set(a.code, {
        chats: a.chats,
        language: isLocale(a.language) ? a.language : "vi",
        muted: new Set(a.muted),
      });
    }),
  ]);
  for (const [code, loans] of loansByHousehold) {
    const household = households.get(code);
    if (household) household.loans = loans;
  }
  return {
    communes,
    groups,
    households,
    accounts,
    unreachable: new Set(unreachableChats.map((u) => u.chatId)),
    optedOut,
    channelFailures,
  };
}
