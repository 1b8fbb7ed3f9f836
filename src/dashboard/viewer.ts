import { accountLanguage } from "../data/accounts.js";
import { groupHeadedBy, type HeadedGroup } from "../features/groupHead/roster.js";
import type { Locale } from "../i18n.js";
import { type Staff, staffRole } from "../staff/roles.js";

/** Who opened the dashboard, as stored now: staff with their scope, or the head of one group. */
export type Viewer =
  | { kind: "staff"; staff: Staff; locale: Locale }
  | { kind: "head"; head: HeadedGroup; locale: Locale };

/**
 * Read on every request from the stored roles (an officer revoked a second ago, or a head an import
 * replaced, is nobody now); null for anyone else: a borrower, or a user the bot does not know.
 */
export async function viewerOf(
  telegramUserId: number,
  adminIds: readonly number[],
  languageCode: string | undefined,
): Promise<Viewer | null> {
  const staff = await staffRole(telegramUserId, adminIds);
  if (staff) return { kind: "staff", staff, locale: languageCode === "en" ? "en" : "vi" };
  const head = await groupHeadedBy(telegramUserId);
  if (head) return { kind: "head", head, locale: await accountLanguage(head.customerCode) };
  return null;
}
