import type { I18n } from "@grammyjs/i18n";
import { withLock } from "../data/lock.js";
import { enqueueDeliveries, type NewDelivery, releasePlanningBatches } from "../data/outbox.js";
import {
  allGroups,
  communesWithPoints,
  eachHousehold,
  eachLinkedAccount,
  eachOpenLoan,
  savePlanRun,
} from "../data/planning.js";
import { activeOfficers } from "../data/staff.js";
import { allUnreachable } from "../data/unreachable.js";
import { nextSendingTime } from "../delivery/settings.js";
import { formatDateVi, type LocalDate } from "../domain/dates.js";
import { type DeliveryKind, deliveryExpiresOn, deliveryKey } from "../domain/delivery.js";
import {
  type CommuneOverdue,
  collectionRows,
  type LinkStatus,
  linkStatusOf,
  overdueRows,
  type ReminderLoan,
  type RosterMember,
} from "../domain/groupLists.js";
import {
  type Closure,
  HOLIDAY_NOTICE_DAYS,
  holidayDataRunsShort,
  nextTransactionDate,
  type TransactionDayRule,
} from "../domain/transactionDay.js";
import { toReminderLoan } from "../features/groupHead/roster.js";
import { isLocale, type Locale, type Translate } from "../i18n.js";
import type { ReminderConfig } from "./config.js";
import {
  borrowerReminderText,
  collectionListTexts,
  officerSummaryTexts,
  overdueListTexts,
  type Signature,
  type TransactionPlace,
} from "./messages.js";
import { collectionListDue, officerSummaryDue, overdueListDue, remindersDueOn } from "./rules.js";

export const REMINDER_SOURCE = "reminders";

export interface PlanOptions {
  config: ReminderConfig;
  closures: readonly Closure[];
  i18n: I18n;
  /** Admins get the officer summary of every commune. */
  adminIds?: readonly number[];
  /** Where a transaction day in a closure or on a weekend goes (holidays.json; the default when absent). */
  transactionDayRule?: TransactionDayRule;
  /** The last day the holiday data is known complete: admins are warned when it is near. */
  holidaysCoverUntil?: LocalDate;
  now?: Date;
}

export interface PlanReport {
  date: LocalDate;
  planned: Partial<Record<DeliveryKind, number>>;
  alreadyPlanned: number;
  skipped: { muted: number; unreachable: number };
  durationMs: number;
  /** Where the time went: reading the book, rendering the messages, writing the outbox. */
  phasesMs: { read: number; render: number; enqueue: number };
}

interface Account {
  chats: number[];
  language: Locale;
  muted: Set<string>;
}

interface CommuneInfo {
  name: string;
  officeCode: string;
  point: TransactionPlace;
  nextSession: LocalDate;
}

interface GroupInfo {
  name: string;
  communeCode: string;
  headCode: string | null;
  members: string[];
}

interface HouseholdInfo {
  name: string;
  groupCode: string;
  communeCode: string;
  loans: ReminderLoan[];
}

/**
 * Plans one local day's deliveries: reminders to linked borrowers, lists to linked group heads and
 * the weekly officer summary, each rendered in the recipient's language and written to the outbox.
 * Planning the same day again adds only what is new (e.g. after a re-import). Reads every collection
 * once, in full, and works in memory: on FerretDB each filtered query is a full scan anyway, and on
 * MongoDB a few sequential reads of ~100,000 small documents take seconds.
 */
export async function planReminders(today: LocalDate, options: PlanOptions): Promise<PlanReport> {
  return withLock("plan-reminders", 10 * 60_000, () => plan(today, options));
}

/** The whole book as planning needs it, read once. */
interface Book {
  communes: Map<string, CommuneInfo>;
  groups: Map<string, GroupInfo>;
  households: Map<string, HouseholdInfo>;
  accounts: Map<string, Account>;
  unreachable: Set<number>;
}

async function readBook(today: LocalDate, options: PlanOptions): Promise<Book> {
  const communes = new Map<string, CommuneInfo>();
  for (const c of await communesWithPoints()) {
    communes.set(c.code, {
      name: c.name,
      officeCode: c.officeCode,
      point: { place: c.point.place, hours: c.point.hours },
      nextSession: nextTransactionDate(today, c.point.day, options.closures, options.transactionDayRule),
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
  const [unreachableChats] = await Promise.all([
    allUnreachable(),
    eachHousehold((h) => {
      households.set(h.code, { name: h.name, groupCode: h.groupCode, communeCode: h.communeCode, loans: [] });
      groups.get(h.groupCode)?.members.push(h.code);
    }),
    eachOpenLoan((l) => {
      const list = loansByHousehold.get(l.householdCode);
      if (list) list.push(toReminderLoan(l));
      else loansByHousehold.set(l.householdCode, [toReminderLoan(l)]);
    }),
    eachLinkedAccount((a) => {
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
  return { communes, groups, households, accounts, unreachable: new Set(unreachableChats.map((u) => u.chatId)) };
}

type About = { householdCode: string | null; groupCode: string | null; communeCode: string | null };
const ABOUT_NOBODY: About = { householdCode: null, groupCode: null, communeCode: null };

/** The day's deliveries as they are rendered, and who was left out and why. */
class DayPlan {
  readonly deliveries: NewDelivery[] = [];
  readonly skipped = { muted: 0, unreachable: 0 };
  private readonly translators: Map<Locale, Translate>;

  constructor(
    readonly today: LocalDate,
    readonly book: Book,
    i18n: I18n,
  ) {
    this.translators = new Map(
      (["vi", "en"] as const).map((locale) => [locale, (key, vars) => i18n.t(locale, key, vars)] as const),
    );
  }

  t(locale: Locale): Translate {
    return this.translators.get(locale) as Translate;
  }

  linkStatus(code: string): LinkStatus {
    return linkStatusOf(this.book.accounts.get(code)?.chats ?? [], this.book.unreachable);
  }

  /** The chats of a household that Telegram still reaches; counts the ones it does not. */
  reachableChats(account: Account): number[] {
    const chats = account.chats.filter((c) => !this.book.unreachable.has(c));
    this.skipped.unreachable += account.chats.length - chats.length;
    return chats;
  }

  add(
    chatId: number,
    kind: DeliveryKind,
    subject: string,
    eventDate: LocalDate,
    text: string,
    about: About,
    language: Locale,
  ): void {
    this.deliveries.push({
      _id: deliveryKey(`tg:${chatId}`, { kind, subject, eventDate }),
      kind,
      eventDate,
      expiresOn: deliveryExpiresOn(kind, eventDate, this.today),
      chatId,
      text,
      language,
      ...about,
    });
  }
}

/** Reminders to linked borrowers, in their language, signed by their group head. */
function planBorrowerReminders(day: DayPlan, config: ReminderConfig): void {
  const { communes, groups, households, accounts } = day.book;
  for (const [code, account] of accounts) {
    const household = households.get(code);
    if (!household) continue;
    const commune = communes.get(household.communeCode);
    const due = remindersDueOn(day.today, commune?.nextSession ?? null, household.loans, config);
    if (due.length === 0) continue;
    const group = groups.get(household.groupCode);
    const headName = group?.headCode && group.headCode !== code ? households.get(group.headCode)?.name : undefined;
    const signature: Signature = headName && group ? { head: headName, group: group.name } : null;
    const chats = day.reachableChats(account);
    const about = { householdCode: code, groupCode: household.groupCode, communeCode: household.communeCode };
    for (const reminder of due) {
      if (account.muted.has(reminder.kind)) {
        day.skipped.muted += chats.length;
        continue;
      }
      const t = day.t(account.language);
      const text = borrowerReminderText(t, account.language, reminder, commune?.point ?? null, signature);
      for (const chatId of chats) {
        day.add(chatId, reminder.kind, reminder.subject, reminder.eventDate, text, about, account.language);
      }
    }
  }
}

/** Collection lists before the transaction day and overdue lists, to linked group heads. */
function planGroupHeadLists(day: DayPlan, config: ReminderConfig): void {
  const { communes, groups, households, accounts } = day.book;
  const today = day.today;
  for (const [groupCode, group] of groups) {
    const headAccount = group.headCode ? accounts.get(group.headCode) : undefined;
    if (!group.headCode || !headAccount) continue;
    const commune = communes.get(group.communeCode);
    const roster: RosterMember[] = group.members.map((code) => {
      const h = households.get(code) as HouseholdInfo;
      return { code, name: h.name, linkStatus: day.linkStatus(code), loans: h.loans };
    });
    const collectionDue = commune ? collectionListDue(today, commune.nextSession, config) : false;
    const overdueSince = roster.flatMap((m) => m.loans.flatMap((l) => (l.overdueSince ? [l.overdueSince] : [])));
    const overdueReason = overdueListDue(today, overdueSince, config);
    if (!collectionDue && !overdueReason) continue;
    const chats = day.reachableChats(headAccount);
    const t = day.t(headAccount.language);
    const about = { householdCode: group.headCode, groupCode, communeCode: group.communeCode };
    const addPages = (kind: DeliveryKind, eventDate: LocalDate, texts: string[]) =>
      texts.forEach((text, i) => {
        for (const chatId of chats) {
          day.add(chatId, kind, `${groupCode}/p${i + 1}`, eventDate, text, about, headAccount.language);
        }
      });
    if (collectionDue && commune) {
      const rows = collectionRows(roster, commune.nextSession);
      addPages(
        "collection-list",
        commune.nextSession,
        collectionListTexts(t, group.name, commune.nextSession, commune.point, rows),
      );
    }
    if (overdueReason) {
      addPages(
        "overdue-list",
        today,
        overdueListTexts(t, group.name, today, overdueRows(roster, today), overdueReason),
      );
    }
  }
}

/** The weekly summary per commune to officers in scope (and admins, for all communes). */
async function planOfficerSummaries(day: DayPlan, adminIds: readonly number[]): Promise<void> {
  const summaries = communeSummaries(day.book.communes, day.book.households, (code) => day.linkStatus(code));
  const recipients = new Map<number, { locale: Locale; communes: CommuneOverdue[] }>();
  for (const id of adminIds) recipients.set(id, { locale: "vi", communes: summaries });
  for (const officer of await activeOfficers()) {
    if (recipients.has(officer.telegramUserId)) continue;
    const codes = new Set(officer.scope?.codes ?? []);
    const inScope = summaries.filter(
      (s) =>
        officer.scope?.kind === "all" ||
        (officer.scope?.kind === "communes" && codes.has(s.communeCode)) ||
        (officer.scope?.kind === "offices" && codes.has(s.officeCode)),
    );
    if (inScope.length === 0) continue;
    const locale = isLocale(officer.language) ? officer.language : "vi";
    recipients.set(officer.telegramUserId, { locale, communes: inScope });
  }
  for (const [chatId, r] of recipients) {
    if (day.book.unreachable.has(chatId)) {
      day.skipped.unreachable++;
      continue;
    }
    officerSummaryTexts(day.t(r.locale), day.today, r.communes).forEach((text, i) => {
      day.add(chatId, "officer-summary", `week/p${i + 1}`, day.today, text, ABOUT_NOBODY, r.locale);
    });
  }
}

/** With the weekly summary, admins are told when the holiday data runs out within 90 days. */
function planHolidayNotice(day: DayPlan, adminIds: readonly number[], coverUntil: LocalDate): void {
  if (!holidayDataRunsShort(day.today, coverUntil)) return;
  const text = day.t("vi")("holidays-running-out", { date: formatDateVi(coverUntil), days: HOLIDAY_NOTICE_DAYS });
  for (const chatId of adminIds) {
    if (day.book.unreachable.has(chatId)) continue;
    day.add(chatId, "officer-summary", `holidays/${coverUntil}`, day.today, text, ABOUT_NOBODY, "vi");
  }
}

async function plan(today: LocalDate, options: PlanOptions): Promise<PlanReport> {
  const started = options.now ?? new Date();
  const clock = performance.now();
  const { config, closures } = options;
  await releasePlanningBatches(REMINDER_SOURCE);
  const day = new DayPlan(today, await readBook(today, options), options.i18n);
  const readDone = performance.now();
  planBorrowerReminders(day, config);
  planGroupHeadLists(day, config);
  if (officerSummaryDue(today, config)) {
    await planOfficerSummaries(day, options.adminIds ?? []);
    if (options.holidaysCoverUntil) planHolidayNotice(day, options.adminIds ?? [], options.holidaysCoverUntil);
  }
  const renderDone = performance.now();
  const result = await enqueueDeliveries(REMINDER_SOURCE, today, day.deliveries, {
    batchSize: config.dispatch.batchSize,
    notBefore: nextSendingTime(started, config, closures),
    now: started,
  });
  const planned: Partial<Record<DeliveryKind, number>> = {};
  for (const d of day.deliveries) planned[d.kind] = (planned[d.kind] ?? 0) + 1;
  const { skipped } = day;
  const durationMs = Math.round(performance.now() - clock);
  await savePlanRun(today, started, { durationMs, planned, alreadyPlanned: result.alreadyPlanned, skipped });
  return {
    date: today,
    planned,
    alreadyPlanned: result.alreadyPlanned,
    skipped,
    durationMs,
    phasesMs: {
      read: Math.round(readDone - clock),
      render: Math.round(renderDone - readDone),
      enqueue: Math.round(performance.now() - renderDone),
    },
  };
}

function communeSummaries(
  communes: ReadonlyMap<string, CommuneInfo>,
  households: ReadonlyMap<string, HouseholdInfo>,
  linkStatus: (code: string) => LinkStatus,
): (CommuneOverdue & { officeCode: string })[] {
  const byCommune = new Map<string, CommuneOverdue & { officeCode: string }>();
  for (const [code, c] of communes) {
    byCommune.set(code, {
      communeCode: code,
      communeName: c.name,
      officeCode: c.officeCode,
      overdueLoans: 0,
      overdueAmount: 0,
      unreachableMembers: 0,
    });
  }
  for (const [code, h] of households) {
    const summary = byCommune.get(h.communeCode);
    if (!summary) continue;
    for (const loan of h.loans) {
      if (loan.overduePrincipal > 0) {
        summary.overdueLoans++;
        summary.overdueAmount += loan.overduePrincipal;
      }
    }
    if (linkStatus(code) === "unreachable") summary.unreachableMembers++;
  }
  return [...byCommune.values()].sort((a, b) => a.communeName.localeCompare(b.communeName, "vi"));
}
