import type { PhoneChannel } from "../../domain/channels.js";
import type { LocalDate } from "../../domain/dates.js";
import type { DeliveryKind } from "../../domain/delivery.js";
import { collectionRows, overdueRows } from "../../domain/groupLists.js";
import type { ReminderConfig } from "../config.js";
import { collectionListTexts, overdueListTexts } from "../messages.js";
import { collectionListDue, overdueListDue } from "../rules.js";
import { collectionSummarySms } from "../smsMessages.js";
import type { GroupInfo } from "./book.js";
import type { DayPlan } from "./dayPlan.js";

/** Collection lists before the transaction day and overdue lists, to linked group heads. */
export function planGroupHeadLists(day: DayPlan, config: ReminderConfig): void {
  const { groups, accounts } = day.book;
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
    const point = day.pointOfGroup(groupCode);
    const roster = day.rosterOf(group);
    const collectionDue = point ? collectionListDue(today, point.nextSession, config) : false;
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
    if (collectionDue && point) {
      const suspended = day.suspensionFor(groupCode, point.nextSession);
      const rows = collectionRows(roster, point.nextSession, suspended !== null);
      addPages(
        "collection-list",
        point.nextSession,
        collectionListTexts(t, group.name, point.nextSession, point.point, rows, suspended),
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
  const point = day.pointOfGroup(groupCode);
  const headCode = group.headCode as string;
  if (!point || !collectionListDue(day.today, point.nextSession, config)) return;
  const roster = day.rosterOf(group);
  const rows = collectionRows(roster, point.nextSession, day.suspensionFor(groupCode, point.nextSession) !== null);
  const total = rows.reduce((sum, r) => sum + r.interest + r.principal, 0);
  const overdue = roster.filter((m) => m.loans.some((l) => l.overduePrincipal > 0)).length;
  const text = collectionSummarySms(day.t("vi"), group.name, point.nextSession, rows.length, total, overdue);
  const message = {
    kind: "collection-list" as const,
    subject: `${groupCode}/sms`,
    eventDate: point.nextSession,
    text,
  };
  day.addByPhone("sms", headCode, message, null);
}
