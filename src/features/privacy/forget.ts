import { appendAudit } from "../../data/audit.js";
import { forgetHardshipReports } from "../../data/hardship.js";
import { cancelPendingForChat, eraseDeliveriesTo } from "../../data/outboxForget.js";
import { deleteSessionsOfUser } from "../../data/sessions.js";
import { clearUnreachable } from "../../data/unreachable.js";

/**
 * What `/deletemydata` removes besides the link (which the caller removes first): the user's
 * sessions in every chat, the unreachable mark, and every message about a household sent or to be
 * sent to them, with its attempts and outcomes, and the hardship reports they filed for the household
 * they were linked to (`householdCode`, read before the unlink). What stays: the bank's own data about the household
 * (the bank's, not the user's), the anonymised linking attempt records (keyed hashes, kept for their
 * window so that a lock-out cannot be reset), and an audit entry holding counts only.
 */
export async function forgetTelegramUser(
  telegramUserId: number,
  householdCode: string | null,
  now = new Date(),
): Promise<void> {
  await cancelPendingForChat(telegramUserId, "deleted", now);
  const hardshipReports = householdCode ? await forgetHardshipReports(householdCode, telegramUserId) : 0;
  const removed = await eraseDeliveriesTo(telegramUserId);
  const sessions = await deleteSessionsOfUser(telegramUserId);
  const unreachable = await clearUnreachable(telegramUserId);
  await appendAudit({
    at: now,
    actor: { kind: "borrower", id: "deleted" },
    action: "delete-my-data",
    counts: { ...removed, sessions, unreachable, hardshipReports },
  });
}
