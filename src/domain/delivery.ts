import { addDays, type LocalDate } from "./dates.js";

export type ReminderKind = "interest" | "principal" | "overdue";

/**
 * Everything the dispatcher sends: reminders to borrowers, lists to group heads, officer summaries,
 * broadcasts, the list of messages a crash left in doubt, to the officers who follow them up, and
 * admins' alerts that an SMS or Zalo provider went down or came back, the one notice to borrowers
 * of an area under a disaster event, and what an import recorded of a household's payments.
 */
export const DELIVERY_KINDS = [
  "interest",
  "principal",
  "overdue",
  "collection-list",
  "overdue-list",
  "officer-summary",
  "broadcast",
  "in-doubt-report",
  "channel-alert",
  "disaster-notice",
  "payment-recorded",
] as const;
export type DeliveryKind = (typeof DELIVERY_KINDS)[number];

/** The unique key of one delivery: one per recipient, subject, kind and event date. */
export function deliveryKey(
  recipient: string,
  r: { kind: DeliveryKind; subject: string; eventDate: LocalDate },
): string {
  return `${recipient}|${r.kind}|${r.subject}|${r.eventDate}`;
}

/**
 * The last day a delivery is still worth sending: a notice about a payment date is pointless after
 * that date; overdue notices, lists and summaries stay useful for a week.
 */
export function deliveryExpiresOn(kind: DeliveryKind, eventDate: LocalDate, planDate: LocalDate): LocalDate {
  if (kind === "interest" || kind === "principal" || kind === "collection-list") return eventDate;
  return addDays(planDate, 6);
}
