import { allChannelFailures, allOptOuts } from "../../data/channels.js";
import {
  allCommunes,
  allGroups,
  eachAccount,
  eachHousehold,
  eachOpenLoan,
  type LinkedAccount,
} from "../../data/planning.js";
import { allPoints } from "../../data/points.js";
import { allUnreachable } from "../../data/unreachable.js";
import type { PhoneChannel } from "../../domain/channels.js";
import type { LocalDate } from "../../domain/dates.js";
import type { ReminderLoan } from "../../domain/groupLists.js";
import type { HolidayCalendar } from "../../domain/transactionDay.js";
import { nextSessionOf, type TransactionPlace, transactionPlaceOf } from "../../domain/transactionPoint.js";
import { toReminderLoan } from "../../features/groupHead/roster.js";
import { isLocale, type Locale } from "../../i18n.js";

export interface Account {
  chats: number[];
  language: Locale;
  muted: Set<string>;
}

export interface CommuneInfo {
  name: string;
  officeCode: string;
}

/** A transaction point as reminders say it, with its next session. */
export interface PointInfo {
  name: string;
  communeCode: string;
  officeCode: string;
  point: TransactionPlace;
  nextSession: LocalDate;
}

export interface GroupInfo {
  name: string;
  communeCode: string;
  pointCode: string;
  headCode: string | null;
  members: string[];
}

export interface HouseholdInfo {
  name: string;
  /** The first phone on file ("+84…"), for SMS and Zalo. */
  phone: string | null;
  groupCode: string;
  communeCode: string;
  officeCode: string;
  loans: ReminderLoan[];
}

/** What the weekly officer summary says of a place: its overdue loans, and members nobody reaches. */
export interface Figures {
  overdueLoans: number;
  overdueAmount: number;
  unreachableMembers: number;
}

/** The summary's figures per commune and per transaction point. */
export interface PlaceFigures {
  byCommune: Map<string, Figures>;
  byPoint: Map<string, Figures>;
}

/** The whole book as planning needs it, read once. */
export interface Book {
  communes: Map<string, CommuneInfo>;
  points: Map<string, PointInfo>;
  groups: Map<string, GroupInfo>;
  households: Map<string, HouseholdInfo>;
  accounts: Map<string, Account>;
  unreachable: Set<number>;
  optedOut: Set<string>;
  channelFailures: Map<string, Set<PhoneChannel>>;
  /**
   * The weekly officer summary's figures, when the planner streamed them from its index (the day's
   * households are then only those with something due); otherwise they are counted from `households`.
   */
  placeFigures?: PlaceFigures;
}

/** A linked account as planning uses it (its language one the bot speaks, else Vietnamese). */
export const accountOf = (a: LinkedAccount): Account => ({
  chats: a.chats,
  language: isLocale(a.language) ? a.language : "vi",
  muted: new Set(a.muted),
});

/**
 * The book as of `today`: each point's next session worked out with this calendar. A session past
 * what the holiday data covers is marked `assumed`, and the messages say so.
 */
export async function readBook(today: LocalDate, calendar: HolidayCalendar): Promise<Book> {
  const { communes, points, groups } = await readPlaces(today, calendar);
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
        officeCode: h.officeCode,
        loans: [],
      });
      groups.get(h.groupCode)?.members.push(h.code);
    }),
    eachOpenLoan((l) => {
      const list = loansByHousehold.get(l.householdCode);
      if (list) list.push(toReminderLoan(l));
      else loansByHousehold.set(l.householdCode, [toReminderLoan(l)]);
    }),
    eachAccount((a) => accounts.set(a.code, accountOf(a))),
  ]);
  for (const [code, loans] of loansByHousehold) {
    const household = households.get(code);
    // In one order whatever the read's: the index (indexedBook.ts) keeps them by number.
    if (household) household.loans = loans.sort((a, b) => (a.loanNumber < b.loanNumber ? -1 : 1));
  }
  return {
    communes,
    points,
    groups,
    households,
    accounts,
    unreachable: new Set(unreachableChats.map((u) => u.chatId)),
    optedOut,
    channelFailures,
  };
}

/** Communes, transaction points (with their next session by this calendar) and groups: all of them, small. */
export async function readPlaces(today: LocalDate, calendar: HolidayCalendar) {
  const communes = new Map<string, CommuneInfo>();
  for (const c of await allCommunes()) communes.set(c.code, { name: c.name, officeCode: c.officeCode });
  const points = new Map<string, PointInfo>();
  for (const p of await allPoints()) {
    const nextSession = nextSessionOf(today, p, calendar);
    points.set(p.code, {
      name: p.name,
      communeCode: p.communeCode,
      officeCode: p.officeCode,
      point: transactionPlaceOf(p, nextSession, calendar),
      nextSession,
    });
  }
  const groups = new Map<string, GroupInfo>();
  for (const g of await allGroups()) {
    groups.set(g.code, {
      name: g.name,
      communeCode: g.communeCode,
      pointCode: g.pointCode,
      headCode: g.headCode,
      members: [],
    });
  }
  return { communes, points, groups };
}
