import type { I18n } from "@grammyjs/i18n";
import { allChannelFailures, allOptOuts } from "../data/channels.js";
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
import { type Channel, chooseChannel, type PhoneChannel } from "../domain/channels.js";
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
import { smsSegments } from "../domain/sms.js";
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
import { collectionListDue, officerSummaryDue, overdueListDue, type PlannedReminder, remindersDueOn } from "./rules.js";
import { borrowerReminderSms, collectionSummarySms, znsTemplateData } from "./smsMessages.js";

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
  /** SMS and Zalo, in the order the bank tries them, for households Telegram does not reach. */
  phoneChannels?: readonly PhoneChannel[];
  now?: Date;
}

export interface PlanReport {
  date: LocalDate;
  planned: Partial<Record<DeliveryKind, number>>;
  alreadyPlanned: number;
  /** Deliveries planned per channel. */
  channels: Partial<Record<Channel, number>>;
  /** muted: turned off by the borrower; unreachable: chats Telegram refused; optedOut: no SMS or Zalo wanted. */
  skipped: { muted: number; unreachable: number; optedOut: number };
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
  /** The first phone on file ("+84…"), for SMS and Zalo. */
  phone: string | null;
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
  optedOut: Set<string>;
  channelFailures: Map<string, Set<PhoneChannel>>;
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

type About = { householdCode: string | null; groupCode: string | null; communeCode: string | null };
const ABOUT_NOBODY: About = { householdCode: null, groupCode: null, communeCode: null };

/** The day's deliveries as they are rendered, and who was left out and why. */
class DayPlan {
  readonly deliveries: NewDelivery[] = [];
  readonly skipped = { muted: 0, unreachable: 0, optedOut: 0 };
  private readonly translators: Map<Locale, Translate>;

  constructor(
    readonly today: LocalDate,
    readonly book: Book,
    i18n: I18n,
    readonly phoneChannels: readonly PhoneChannel[],
  ) {
    this.translators = new Map(
      (["vi", "en"] as const).map((locale) => [locale, (key, vars) => i18n.t(locale, key, vars)] as const),
    );
  }

  t(locale: Locale): Translate {
    return this.translators.get(locale) as Translate;
  }

  /** A group's members as the group-head lists show them. */
  rosterOf(group: GroupInfo): RosterMember[] {
    return group.members.map((code) => {
      const h = this.book.households.get(code) as HouseholdInfo;
      return { code, name: h.name, linkStatus: this.linkStatus(code), loans: h.loans };
    });
  }

  linkStatus(code: string): LinkStatus {
    return linkStatusOf(this.book.accounts.get(code)?.chats ?? [], this.book.unreachable);
  }

  /**
   * The channel a household is reached by (Telegram first; chooseChannel), with its reachable chats;
   * counts the chats Telegram refused and the households that opted out of SMS and Zalo.
   */
  channelFor(
    code: string,
    count = true,
    enabled: readonly PhoneChannel[] = this.phoneChannels,
  ): { channel: Channel | null; chats: number[] } {
    const account = this.book.accounts.get(code);
    const chats = !account
      ? []
      : count
        ? this.reachableChats(account)
        : account.chats.filter((c) => !this.book.unreachable.has(c));
    const household = this.book.households.get(code);
    const optedOut = this.book.optedOut.has(code);
    const channel = chooseChannel(
      {
        reachableChats: chats.length,
        phone: household?.phone ?? null,
        optedOut,
        failed: this.book.channelFailures.get(code) ?? new Set(),
      },
      enabled,
    );
    if (count && channel === null && optedOut && chats.length === 0 && this.phoneChannels.length > 0) {
      this.skipped.optedOut++;
    }
    return { channel, chats };
  }

  /** One message to a household's phone, by SMS (its text) or Zalo (its template's parameters). */
  addByPhone(
    channel: PhoneChannel,
    code: string,
    message: { kind: DeliveryKind; subject: string; eventDate: LocalDate; text: string },
    templateData: Record<string, string> | null,
  ): void {
    const household = this.book.households.get(code) as HouseholdInfo;
    this.deliveries.push({
      _id: deliveryKey(`hh:${code}`, message),
      kind: message.kind,
      eventDate: message.eventDate,
      expiresOn: deliveryExpiresOn(message.kind, message.eventDate, this.today),
      chatId: null,
      channel,
      address: household.phone,
      text: message.text,
      templateData,
      segments: channel === "sms" ? smsSegments(message.text) : 1,
      language: "vi",
      householdCode: code,
      groupCode: household.groupCode,
      communeCode: household.communeCode,
    });
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

/**
 * Reminders to every household with something due, signed by its group head: in its language to its
 * linked Telegram chats, or else by SMS or Zalo to its phone (chooseChannel).
 */
function planBorrowerReminders(day: DayPlan, config: ReminderConfig): void {
  const { communes, groups, households, accounts } = day.book;
  for (const [code, household] of households) {
    const account = accounts.get(code);
    // Neither linked nor reachable by phone: nothing to work out.
    if (!account && (!household.phone || day.phoneChannels.length === 0)) continue;
    const commune = communes.get(household.communeCode);
    const due = remindersDueOn(day.today, commune?.nextSession ?? null, household.loans, config);
    if (due.length === 0) continue;
    const group = groups.get(household.groupCode);
    const headName = group?.headCode && group.headCode !== code ? households.get(group.headCode)?.name : undefined;
    const signature: Signature = headName && group ? { head: headName, group: group.name } : null;
    const { channel, chats } = day.channelFor(code);
    if (channel === null) continue;
    for (const reminder of due) {
      if (channel === "telegram" && account) {
        remindByTelegram(day, code, household, account, chats, reminder, commune?.point ?? null, signature);
        continue;
      }
      const point = commune?.point ?? null;
      const text = borrowerReminderSms(day.t("vi"), household.name, reminder, point, signature);
      const data = channel === "zns" ? znsTemplateData(household.name, code, reminder, point, signature) : null;
      day.addByPhone(channel as PhoneChannel, code, { ...reminder, text }, data);
    }
  }
}

function remindByTelegram(
  day: DayPlan,
  code: string,
  household: HouseholdInfo,
  account: Account,
  chats: readonly number[],
  reminder: PlannedReminder,
  point: TransactionPlace | null,
  signature: Signature,
): void {
  if (account.muted.has(reminder.kind)) {
    day.skipped.muted += chats.length;
    return;
  }
  const about = { householdCode: code, groupCode: household.groupCode, communeCode: household.communeCode };
  const text = borrowerReminderText(day.t(account.language), account.language, reminder, point, signature);
  for (const chatId of chats) {
    day.add(chatId, reminder.kind, reminder.subject, reminder.eventDate, text, about, account.language);
  }
}

/** Collection lists before the transaction day and overdue lists, to linked group heads. */
function planGroupHeadLists(day: DayPlan, config: ReminderConfig): void {
  const { communes, groups, accounts } = day.book;
  const today = day.today;
  for (const [groupCode, group] of groups) {
    if (!group.headCode) continue;
    const headAccount = accounts.get(group.headCode);
    const bySms =
      day.phoneChannels.includes("sms") && day.channelFor(group.headCode, false, SMS_ONLY).channel === "sms";
    if (bySms) {
      planHeadSummarySms(day, config, groupCode, group);
      continue;
    }
    if (!headAccount) continue;
    const commune = communes.get(group.communeCode);
    const roster = day.rosterOf(group);
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

/** The head's summary has no Zalo template: it goes by SMS when the bank uses SMS, or not at all. */
const SMS_ONLY: readonly PhoneChannel[] = ["sms"];

/**
 * A group head Telegram does not reach, and SMS does, gets before the transaction day one short SMS
 * (how many households pay, and the total) instead of the full list.
 */
function planHeadSummarySms(day: DayPlan, config: ReminderConfig, groupCode: string, group: GroupInfo): void {
  const commune = day.book.communes.get(group.communeCode);
  const headCode = group.headCode as string;
  if (!commune || !collectionListDue(day.today, commune.nextSession, config)) return;
  const roster = day.rosterOf(group);
  const rows = collectionRows(roster, commune.nextSession);
  const total = rows.reduce((sum, r) => sum + r.interest + r.principal, 0);
  const overdue = roster.filter((m) => m.loans.some((l) => l.overduePrincipal > 0)).length;
  const text = collectionSummarySms(day.t("vi"), group.name, commune.nextSession, rows.length, total, overdue);
  const message = {
    kind: "collection-list" as const,
    subject: `${groupCode}/sms`,
    eventDate: commune.nextSession,
    text,
  };
  day.addByPhone("sms", headCode, message, null);
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
  const day = new DayPlan(today, await readBook(today, options), options.i18n, options.phoneChannels ?? []);
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
  const channels: Partial<Record<Channel, number>> = {};
  for (const d of day.deliveries) {
    planned[d.kind] = (planned[d.kind] ?? 0) + 1;
    const channel = d.channel ?? "telegram";
    channels[channel] = (channels[channel] ?? 0) + 1;
  }
  const { skipped } = day;
  const durationMs = Math.round(performance.now() - clock);
  await savePlanRun(today, started, { durationMs, planned, alreadyPlanned: result.alreadyPlanned, skipped });
  return {
    date: today,
    planned,
    alreadyPlanned: result.alreadyPlanned,
    channels,
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
