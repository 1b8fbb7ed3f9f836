import { formatDateVi, type LocalDate } from "../domain/dates.js";
import { groupShortName } from "../domain/groupLists.js";
import { type Dong, formatVnd } from "../domain/money.js";
import { fitOneSegment, shorten } from "../domain/sms.js";
import { shortPointPlace } from "../domain/transactionPoint.js";
import type { Translate } from "../i18n.js";
import type { Signature, TransactionPlace } from "./messages.js";
import type { PlannedReminder } from "./rules.js";

/**
 * The texts of reminders sent by SMS, and the parameters of the Zalo (ZNS) templates. Pure. An SMS
 * is always Vietnamese without diacritics and one segment wherever the content allows: the amount,
 * the date and the household come first; the signature, the place and the way to stop follow only
 * while they fit (domain/sms.ts fitOneSegment).
 */

/** Longest name or place kept in an SMS: enough to recognise, short enough to leave room for the rest. */
const NAME_MAX = 24;
const PLACE_MAX = 36;
const GROUP_MAX = 40;

/** "1.250.000d": the đồng sign written the way SMS write it. */
export function smsAmount(amount: Dong): string {
  return formatVnd(amount).replace(" ₫", "d");
}

export function borrowerReminderSms(
  t: Translate,
  householdName: string,
  reminder: PlannedReminder,
  point: TransactionPlace | null,
  signature: Signature,
): string {
  const name = shorten(householdName, NAME_MAX);
  const amount = smsAmount(reminder.amount);
  const date = formatDateVi(reminder.eventDate);
  const required =
    reminder.kind === "overdue"
      ? t("sms-overdue", { name, amount, since: date })
      : t(reminder.kind === "interest" ? "sms-interest" : "sms-principal", { name, amount, date });
  const optional = [
    signature ? t("sms-signature", { name: shorten(signature.head, NAME_MAX) }) : "",
    point && reminder.kind !== "overdue"
      ? t("sms-place", { place: shorten(shortPointPlace(point.place, point.point), PLACE_MAX) })
      : "",
    t("sms-stop"),
  ];
  return fitOneSegment(required, optional);
}

/** The short SMS a group head without Telegram gets before the transaction day, instead of the list. */
export function collectionSummarySms(
  t: Translate,
  groupName: string,
  session: LocalDate,
  households: number,
  total: Dong,
  overdueHouseholds: number,
): string {
  const required = t("sms-collection", {
    group: shorten(groupShortName(groupName), GROUP_MAX),
    count: households,
    date: formatDateVi(session),
    amount: smsAmount(total),
  });
  const optional = overdueHouseholds > 0 ? [t("sms-collection-overdue", { count: overdueHouseholds })] : [];
  return fitOneSegment(required, optional);
}

/**
 * The parameters of a reminder's ZNS template. The bank registers one template per kind with Zalo
 * using these names (docs/channels.md); Zalo renders the text, with diacritics.
 */
export function znsTemplateData(
  householdName: string,
  /** The customer code, only when the bank's templates show it (ZNS_TEMPLATE_CUSTOMER_CODE). */
  householdCode: string | null,
  reminder: PlannedReminder,
  point: TransactionPlace | null,
  signature: Signature,
): Record<string, string> {
  return {
    customer_name: shorten(householdName, 30),
    ...(householdCode ? { customer_code: householdCode } : {}),
    amount: smsAmount(reminder.amount),
    date: formatDateVi(reminder.eventDate),
    place: shorten(point ? shortPointPlace(point.place, point.point) : "", 100),
    group_head: shorten(signature?.head ?? "", 30),
  };
}
