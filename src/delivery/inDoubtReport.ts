import type { I18n } from "@grammyjs/i18n";
import { commune } from "../data/book.js";
import type { Delivery } from "../data/dispatch.js";
import { enqueueFixedBatch, type NewDelivery } from "../data/outbox.js";
import { groupCodesOfPoints } from "../data/points.js";
import { activeOfficers } from "../data/staff.js";
import { addDays, formatDateVi, type LocalDate } from "../domain/dates.js";
import { deliveryKey } from "../domain/delivery.js";
import { escapeHtml } from "../domain/html.js";
import { splitIntoMessages } from "../domain/messageParts.js";
import { inScope, officerScope, resolvedScope } from "../domain/scope.js";
import { isLocale, type Locale, translatorFor } from "../i18n.js";

export const IN_DOUBT_REPORT_SOURCE = "in-doubt";

interface Reader {
  chatId: number;
  locale: Locale;
  deliveries: Delivery[];
}

/**
 * Who follows up each delivery: the active officers whose scope covers its commune; the admins when
 * none does or when it is about no commune (an officer's own summary).
 */
async function readersOf(deliveries: readonly Delivery[], adminIds: readonly number[]): Promise<Reader[]> {
  const officers = [];
  for (const o of await activeOfficers()) {
    const grant = officerScope(o.scope);
    if (!grant) continue;
    const groups = grant.kind === "points" ? await groupCodesOfPoints(grant.codes) : new Set<string>();
    officers.push({ ...o, scope: resolvedScope(grant, groups) });
  }
  const offices = new Map<string, string>();
  const readers = new Map<number, Reader>();
  const give = (chatId: number, locale: Locale, delivery: Delivery) => {
    const reader = readers.get(chatId) ?? { chatId, locale, deliveries: [] };
    reader.deliveries.push(delivery);
    readers.set(chatId, reader);
  };
  for (const delivery of deliveries) {
    const communeCode = delivery.communeCode;
    if (communeCode && !offices.has(communeCode)) {
      offices.set(communeCode, (await commune(communeCode))?.officeCode ?? "");
    }
    const place = communeCode
      ? { communeCode, officeCode: offices.get(communeCode) ?? "", groupCode: delivery.groupCode }
      : null;
    const covering = place ? officers.filter((o) => inScope(o.scope, place)) : [];
    for (const o of covering) give(o.telegramUserId, isLocale(o.language) ? o.language : "vi", delivery);
    if (covering.length === 0) for (const id of adminIds) give(id, "vi", delivery);
  }
  return [...readers.values()];
}

/** The list, in as many messages as it takes (a message holds 4,096 characters; nothing is dropped). */
function reportTexts(i18n: I18n, locale: Locale, today: LocalDate, deliveries: readonly Delivery[]): string[] {
  const t = translatorFor(i18n, locale);
  const rows = deliveries.map((d) =>
    t("in-doubt-row", {
      household: escapeHtml(d.householdCode ?? "—"),
      group: escapeHtml(d.groupCode ?? "—"),
      kind: t(`delivery-kind-${d.kind}`),
      date: formatDateVi(d.eventDate as LocalDate),
    }),
  );
  return splitIntoMessages(t, [t("in-doubt-title", { date: formatDateVi(today), count: deliveries.length })], rows, []);
}

/**
 * Lists deliveries in doubt that will not be sent again (a crash left them so, or the provider gave
 * no answer) to the officers of their communes, today: for each reader, the list for this `round`
 * (a batch taken over for the n-th time, or its messages left unanswered), split into as many
 * messages as it needs. Written once whatever happens: the batch's id is derived from the round,
 * and a second write changes nothing.
 */
export async function reportInDoubt(
  deliveries: readonly Delivery[],
  options: { round: string; today: LocalDate; notBefore: Date; i18n: I18n; adminIds: readonly number[] },
): Promise<number> {
  if (deliveries.length === 0) return 0;
  const { today, i18n } = options;
  const readers = await readersOf(deliveries, options.adminIds);
  const notices: NewDelivery[] = readers.flatMap((r) =>
    reportTexts(i18n, r.locale, today, r.deliveries).map((text, i) => {
      const subject = i === 0 ? options.round : `${options.round}/p${i + 1}`;
      return {
        _id: deliveryKey(`tg:${r.chatId}`, { kind: "in-doubt-report", subject, eventDate: today }),
        kind: "in-doubt-report" as const,
        eventDate: today,
        expiresOn: addDays(today, 6),
        chatId: r.chatId,
        householdCode: null,
        groupCode: null,
        communeCode: null,
        text,
        language: r.locale,
      };
    }),
  );
  if (notices.length === 0) return 0;
  await enqueueFixedBatch(`${IN_DOUBT_REPORT_SOURCE}:${options.round}`, IN_DOUBT_REPORT_SOURCE, today, notices, {
    notBefore: options.notBefore,
  });
  return notices.length;
}
