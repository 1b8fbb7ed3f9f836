import type { I18n } from "@grammyjs/i18n";
import type { Api } from "grammy";
import { accountLanguage, telegramLinksOf } from "../../data/accounts.js";
import { group, household } from "../../data/book.js";
import type { HardshipReport } from "../../data/hardship.js";
import { escapeHtml } from "../../domain/html.js";
import { translatorFor } from "../../i18n.js";
import type { Logger } from "../../logger.js";
import { headConfirmKeyboard } from "./views.js";

/**
 * Messages a report's progress sends at once, from the handler that made the change: to the borrower
 * who filed it (only while that user is still linked to the household) and to the group head. Sent
 * once, never retried: the report's status is the record, and each side sees it in /hardship.
 */

async function sendQuietly(api: Api, chatId: number, text: string, log: Logger, extra: object = {}): Promise<void> {
  await api.sendMessage(chatId, text, { parse_mode: "HTML", ...extra }).catch((error: Error) => {
    log.warn({ err: error.message }, "hardship notice not delivered");
  });
}

/** Tells the borrower who filed the report, in the household's language, what changed. */
export async function tellBorrower(
  api: Api,
  i18n: I18n,
  log: Logger,
  report: HardshipReport,
  key: string,
  variables: Record<string, string> = {},
): Promise<void> {
  const links = await telegramLinksOf(report.householdCode);
  if (!links?.some((l) => l.telegramUserId === report.filedBy)) return;
  const locale = await accountLanguage(report.householdCode);
  const status = i18n.t(locale, `hardship-status-${report.status}`);
  const decision = report.decision ? i18n.t(locale, `hardship-decision-${report.decision}`) : "";
  const text = i18n.t(locale, key, { reference: String(report._id), status, decision, ...variables });
  await sendQuietly(api, report.filedBy, text, log);
}

/** What the head's question needs of a report. */
type AskedReport = Pick<HardshipReport, "_id" | "groupCode" | "householdCode" | "reason" | "when">;

/**
 * Asks the group's head to confirm a member's report: what and when, not the member's words or
 * photos (those are the borrower's). `memberName` when the caller has read it already.
 */
export async function askHead(
  api: Api,
  i18n: I18n,
  log: Logger,
  report: AskedReport,
  memberName?: string,
): Promise<void> {
  const headCode = (await group(report.groupCode))?.headCode;
  if (!headCode || headCode === report.householdCode) return;
  const [links, member, locale] = await Promise.all([
    telegramLinksOf(headCode),
    memberName !== undefined ? { fullName: memberName } : household(report.householdCode),
    accountLanguage(headCode),
  ]);
  const t = translatorFor(i18n, locale);
  const text = t("hardship-head-ask", {
    reference: String(report._id),
    member: escapeHtml(member?.fullName ?? report.householdCode),
    reason: t(`hardship-reason-${report.reason}`),
    when: t(`hardship-when-${report.when}`),
  });
  for (const link of links ?? []) {
    await sendQuietly(api, link.telegramUserId, text, log, {
      reply_markup: headConfirmKeyboard(t, String(report._id)),
    });
  }
}
