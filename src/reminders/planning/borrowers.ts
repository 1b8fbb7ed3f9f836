import { rateAfterReliefs } from "../../catalogue/rates.js";
import type { PhoneChannel } from "../../domain/channels.js";
import type { ReminderConfig } from "../config.js";
import { borrowerReminderText, type Signature, type TransactionPlace } from "../messages.js";
import { type PlannedReminder, remindersDueOn } from "../rules.js";
import { borrowerReminderSms, znsTemplateData } from "../smsMessages.js";
import type { Account, HouseholdInfo } from "./book.js";
import type { DayPlan } from "./dayPlan.js";
import { remindersAfterDisaster, withoutHeld } from "./disasters.js";

/**
 * Reminders to every household with something due, signed by its group head: in its language to its
 * linked Telegram chats, or else by SMS or Zalo to its phone (chooseChannel).
 */
export function planBorrowerReminders(day: DayPlan, config: ReminderConfig): void {
  const { groups, households, accounts } = day.book;
  for (const [code, household] of households) {
    const account = accounts.get(code);
    // Neither linked nor reachable by phone: nothing to work out.
    if (!account && (!household.phone || day.phoneChannels.length === 0)) continue;
    const point = day.pointOfGroup(household.groupCode);
    const regular = remindersDueOn(day.today, point?.nextSession ?? null, household.loans, config);
    const afterDisaster = remindersAfterDisaster(day, household, point?.nextSession ?? null, regular, config);
    const due = withoutHeld(day, household, [...regular, ...afterDisaster])
      .filter((r) => {
        // No interest is collected while a relief suspends it: no reminder to pay it either.
        if (r.kind !== "interest" || !day.suspensionFor(household.groupCode, r.eventDate, household)) return true;
        day.skipped.suspended++;
        return false;
      })
      .map((r) => withReliefRate(day, household, r));
    if (due.length === 0) continue;
    const group = groups.get(household.groupCode);
    const headName = group?.headCode && group.headCode !== code ? households.get(group.headCode)?.name : undefined;
    const signature: Signature = headName && group ? { head: headName, group: group.name } : null;
    const { channel, chats } = day.channelFor(code);
    if (channel === null) continue;
    const pointCode = group?.pointCode ?? null;
    for (const reminder of due) {
      if (channel === "telegram" && account) {
        // A wording experiment over the household's place decides the wording (Telegram only).
        const wording = day.experiments.wordingFor(
          code,
          { communeCode: household.communeCode, pointCode },
          reminder.kind,
        );
        if (wording === "none") {
          day.skipped.experiment++;
          continue;
        }
        const signed = wording === null || wording === "signed" ? signature : null;
        const extra = wording === "savings" ? day.t(account.language)("experiment-savings-line") : null;
        remindByTelegram(day, code, household, account, chats, reminder, point?.point ?? null, signed, extra);
        continue;
      }
      // A kind the household turned off in /settings is off on every channel.
      if (account?.muted.has(reminder.kind)) {
        day.skipped.muted++;
        continue;
      }
      const byPhone = day.phoneChannelFor(code, channel as PhoneChannel, reminder.kind);
      if (!byPhone) continue;
      const place = point?.point ?? null;
      const text = borrowerReminderSms(day.t("vi"), household.name, reminder, place, signature);
      const shownCode = day.znsCustomerCode ? code : null;
      const data = byPhone === "zns" ? znsTemplateData(household.name, shownCode, reminder, place, signature) : null;
      day.addByPhone(byPhone, code, { ...reminder, text }, data);
    }
  }
}

/** An overdue reminder states the loan's rate less the rate cuts in force today for the household. */
function withReliefRate(day: DayPlan, household: HouseholdInfo, reminder: PlannedReminder): PlannedReminder {
  if (!reminder.loan) return reminder;
  const cuts = day.reliefsOn(household.groupCode, day.today, household);
  if (cuts.length === 0) return reminder;
  return {
    ...reminder,
    loan: { ...reminder.loan, annualRatePpm: rateAfterReliefs(reminder.loan.annualRatePpm, cuts) },
  };
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
  extraLine: string | null = null,
): void {
  if (account.muted.has(reminder.kind)) {
    day.skipped.muted += chats.length;
    return;
  }
  const about = { householdCode: code, groupCode: household.groupCode, communeCode: household.communeCode };
  const text = borrowerReminderText(day.t(account.language), account.language, reminder, point, signature, extraLine);
  for (const chatId of chats) {
    day.add(chatId, reminder.kind, reminder.subject, reminder.eventDate, text, about, account.language);
  }
}
