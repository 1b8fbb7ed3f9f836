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
import { formatDateVi, type LocalDate } from "../domain/dates.js";
import {
  type CommuneOverdue,
  collectionRows,
  type LinkStatus,
  linkStatusOf,
  overdueRows,
  type RosterMember,
} from "../domain/groupLists.js";
import {
  collectionListDue,
  type DeliveryKind,
  deliveryExpiresOn,
  deliveryKey,
  nextSendingTime,
  officerSummaryDue,
  overdueListDue,
  type ReminderConfig,
  type ReminderLoan,
  remindersDueOn,
} from "../domain/reminders.js";
import {
  type Closure,
  HOLIDAY_NOTICE_DAYS,
  holidayDataRunsShort,
  nextTransactionDate,
  type TransactionDayRule,
} from "../domain/transactionDay.js";
import { toReminderLoan } from "../features/groupHead/roster.js";
import { isLocale, type Locale, type Translate } from "../i18n.js";
import {
  borrowerReminderText,
  collectionListTexts,
  officerSummaryTexts,
  overdueListTexts,
  type Signature,
  type TransactionPlace,
} from "./messages.js";

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

async function plan(today: LocalDate, options: PlanOptions): Promise<PlanReport> {
  const started = options.now ?? new Date();
  const clock = performance.now();
  const { config, closures, i18n } = options;
  await releasePlanningBatches(REMINDER_SOURCE);

  const communes = new Map<string, CommuneInfo>();
  for (const c of await communesWithPoints()) {
    communes.set(c.code, {
      name: c.name,
      officeCode: c.officeCode,
      point: { place: c.point.place, hours: c.point.hours },
      nextSession: nextTransactionDate(today, c.point.day, closures, options.transactionDayRule),
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
  const readDone = performance.now();
  for (const [code, loans] of loansByHousehold) {
    const household = households.get(code);
    if (household) household.loans = loans;
  }
  const unreachable = new Set<number>(unreachableChats.map((u) => u.chatId));
  const linkStatus = (code: string): LinkStatus => linkStatusOf(accounts.get(code)?.chats ?? [], unreachable);
  const translators = new Map<Locale, Translate>(
    (["vi", "en"] as const).map((locale) => [locale, (key, vars) => i18n.t(locale, key, vars)]),
  );
  const tr = (locale: Locale) => translators.get(locale) as Translate;

  const out: NewDelivery[] = [];
  const skipped = { muted: 0, unreachable: 0 };
  const push = (
    chatId: number,
    kind: DeliveryKind,
    subject: string,
    eventDate: LocalDate,
    text: string,
    about: { householdCode: string | null; groupCode: string | null; communeCode: string | null },
  ) => {
    out.push({
      _id: deliveryKey(`tg:${chatId}`, { kind, subject, eventDate }),
      kind,
      eventDate,
      expiresOn: deliveryExpiresOn(kind, eventDate, today),
      chatId,
      text,
      ...about,
    });
  };
  /** The chats of a household that Telegram still reaches; counts the ones it does not. */
  const reachableChats = (account: Account) => {
    const chats = account.chats.filter((c) => !unreachable.has(c));
    skipped.unreachable += account.chats.length - chats.length;
    return chats;
  };

  // Reminders to borrowers.
  for (const [code, account] of accounts) {
    const household = households.get(code);
    if (!household) continue;
    const commune = communes.get(household.communeCode);
    const due = remindersDueOn(today, commune?.nextSession ?? null, household.loans, config);
    if (due.length === 0) continue;
    const group = groups.get(household.groupCode);
    const headName = group?.headCode && group.headCode !== code ? households.get(group.headCode)?.name : undefined;
    const signature: Signature = headName && group ? { head: headName, group: group.name } : null;
    const chats = reachableChats(account);
    for (const reminder of due) {
      if (account.muted.has(reminder.kind)) {
        skipped.muted += chats.length;
        continue;
      }
      const text = borrowerReminderText(
        tr(account.language),
        account.language,
        reminder,
        commune?.point ?? null,
        signature,
      );
      for (const chatId of chats) {
        push(chatId, reminder.kind, reminder.subject, reminder.eventDate, text, {
          householdCode: code,
          groupCode: household.groupCode,
          communeCode: household.communeCode,
        });
      }
    }
  }

  // Collection and overdue lists to group heads.
  for (const [groupCode, group] of groups) {
    const headAccount = group.headCode ? accounts.get(group.headCode) : undefined;
    if (!group.headCode || !headAccount) continue;
    const commune = communes.get(group.communeCode);
    const roster: RosterMember[] = group.members.map((code) => {
      const h = households.get(code) as HouseholdInfo;
      return { code, name: h.name, linkStatus: linkStatus(code), loans: h.loans };
    });
    const collectionDue = commune ? collectionListDue(today, commune.nextSession, config) : false;
    const overdueSince = roster.flatMap((m) => m.loans.flatMap((l) => (l.overdueSince ? [l.overdueSince] : [])));
    const overdueReason = overdueListDue(today, overdueSince, config);
    if (!collectionDue && !overdueReason) continue;
    const chats = reachableChats(headAccount);
    const t = tr(headAccount.language);
    const about = { householdCode: group.headCode, groupCode, communeCode: group.communeCode };
    if (collectionDue && commune) {
      const texts = collectionListTexts(
        t,
        group.name,
        commune.nextSession,
        commune.point,
        collectionRows(roster, commune.nextSession),
      );
      texts.forEach((text, i) => {
        for (const chatId of chats) {
          push(chatId, "collection-list", `${groupCode}/p${i + 1}`, commune.nextSession, text, about);
        }
      });
    }
    if (overdueReason) {
      const texts = overdueListTexts(t, group.name, today, overdueRows(roster, today), overdueReason);
      texts.forEach((text, i) => {
        for (const chatId of chats) push(chatId, "overdue-list", `${groupCode}/p${i + 1}`, today, text, about);
      });
    }
  }

  // The weekly summary per commune to officers in scope (and admins, for all communes).
  if (officerSummaryDue(today, config)) {
    const summaries = communeSummaries(communes, households, linkStatus);
    const officers = await activeOfficers();
    const recipients = new Map<number, { locale: Locale; communes: CommuneOverdue[] }>();
    for (const id of options.adminIds ?? []) recipients.set(id, { locale: "vi", communes: summaries });
    for (const officer of officers) {
      if (recipients.has(officer.telegramUserId)) continue;
      const codes = new Set(officer.scope?.codes ?? []);
      const inScope = summaries.filter(
        (s) =>
          officer.scope?.kind === "all" ||
          (officer.scope?.kind === "communes" && codes.has(s.communeCode)) ||
          (officer.scope?.kind === "offices" && codes.has(s.officeCode)),
      );
      if (inScope.length > 0) {
        recipients.set(officer.telegramUserId, {
          locale: isLocale(officer.language) ? officer.language : "vi",
          communes: inScope,
        });
      }
    }
    for (const [chatId, r] of recipients) {
      if (unreachable.has(chatId)) {
        skipped.unreachable++;
        continue;
      }
      officerSummaryTexts(tr(r.locale), today, r.communes).forEach((text, i) => {
        push(chatId, "officer-summary", `week/p${i + 1}`, today, text, {
          householdCode: null,
          groupCode: null,
          communeCode: null,
        });
      });
    }
  }

  // With the weekly summary, admins are told when the holiday data runs out within 90 days.
  const coverUntil = options.holidaysCoverUntil;
  if (coverUntil && officerSummaryDue(today, config) && holidayDataRunsShort(today, coverUntil)) {
    for (const chatId of options.adminIds ?? []) {
      if (unreachable.has(chatId)) continue;
      const text = tr("vi")("holidays-running-out", { date: formatDateVi(coverUntil), days: HOLIDAY_NOTICE_DAYS });
      push(chatId, "officer-summary", `holidays/${coverUntil}`, today, text, {
        householdCode: null,
        groupCode: null,
        communeCode: null,
      });
    }
  }

  const renderDone = performance.now();
  const notBefore = nextSendingTime(started, config, closures);
  const result = await enqueueDeliveries(REMINDER_SOURCE, today, out, {
    batchSize: config.dispatch.batchSize,
    notBefore,
    now: started,
  });
  const planned: Partial<Record<DeliveryKind, number>> = {};
  for (const d of out) planned[d.kind] = (planned[d.kind] ?? 0) + 1;
  const report: PlanReport = {
    date: today,
    planned,
    alreadyPlanned: result.alreadyPlanned,
    skipped,
    durationMs: Math.round(performance.now() - clock),
    phasesMs: {
      read: Math.round(readDone - clock),
      render: Math.round(renderDone - readDone),
      enqueue: Math.round(performance.now() - renderDone),
    },
  };
  await savePlanRun(today, started, {
    durationMs: report.durationMs,
    planned,
    alreadyPlanned: result.alreadyPlanned,
    skipped,
  });
  return report;
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
