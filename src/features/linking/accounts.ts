import {
  accountsLinkedTo,
  addTelegramLink,
  deleteIndexedCustomerCode,
  indexedCustomerCode,
  linkCandidate,
  recordLinkLockout,
  setIndexedCustomerCode,
  setTelegramLinks,
  telegramLinksOf,
} from "../../data/accounts.js";
import { cancelPendingForChat } from "../../data/outboxForget.js";
import { normalizeCustomerCode, type SecondFactor, verifySecondFactor } from "../../domain/linking.js";
import type { Locale } from "../../i18n.js";
import { ACCOUNT_LIMIT, attemptKey, CODE_LIMIT, lockedUntil, releaseAttempt, reserveAttempt } from "./attemptLimits.js";

export type LinkOutcome =
  | {
      ok: true;
      customerCode: string;
      /** Other Telegram accounts already linked to the household, and the household's language. */
      alsoLinked: number[];
      language: Locale;
    }
  | { ok: false; lockedOut: boolean; until?: Date };

/** When this Telegram account may try linking again, or null when it is not locked out now. */
export async function accountLockedUntil(secret: string, telegramUserId: number, now: Date): Promise<Date | null> {
  return lockedUntil(attemptKey(secret, "account", telegramUserId), ACCOUNT_LIMIT, now);
}

/**
 * Tries to link `telegramUserId` to the household with `typedCode`. Every failure looks the same to
 * the caller (no hint whether the code exists). Each attempt takes a slot of the account's limit,
 * and of the code's limit, before it is verified, so concurrent guesses cannot overrun either; a
 * verified own contact (Telegram's contact of the sender, phone on file) is not held by the code's
 * limit, so strangers guessing a code cannot lock its owner out. The failure that exhausts a limit is
 * recorded for officers.
 */
export async function attemptLink(
  secret: string,
  telegramUserId: number,
  typedCode: string,
  factor: SecondFactor,
  now = new Date(),
): Promise<LinkOutcome> {
  const customerCode = normalizeCustomerCode(typedCode);
  const accountKey = attemptKey(secret, "account", telegramUserId);
  const codeKey = attemptKey(secret, "code", customerCode);
  const accountSlot = await reserveAttempt(accountKey, ACCOUNT_LIMIT, now);
  if (!accountSlot)
    return { ok: false, lockedOut: true, until: (await lockedUntil(accountKey, ACCOUNT_LIMIT, now)) ?? now };
  const ownContact = factor.kind === "contact" && factor.contactUserId === factor.senderId;
  const codeSlot = ownContact ? null : await reserveAttempt(codeKey, CODE_LIMIT, now);
  if (!ownContact && !codeSlot) {
    await releaseAttempt(accountSlot);
    return { ok: false, lockedOut: true, until: (await lockedUntil(codeKey, CODE_LIMIT, now)) ?? now };
  }

  const household = await linkCandidate(customerCode);
  if (!verifySecondFactor(household, factor)) {
    const accountUntil = await lockedUntil(accountKey, ACCOUNT_LIMIT, now);
    const codeUntil = codeSlot ? await lockedUntil(codeKey, CODE_LIMIT, now) : null;
    const reason = accountUntil ? "account-hourly" : codeUntil ? "code-daily" : null;
    if (reason) {
      await recordLinkLockout({
        accountHash: accountKey,
        codeHash: codeKey,
        customerCode: household ? customerCode : null,
        communeCode: household?.communeCode ?? null,
        officeCode: household?.officeCode ?? null,
        groupCode: household?.groupCode ?? null,
        reason,
        at: now,
      });
    }
    const until = accountUntil ?? codeUntil;
    return until ? { ok: false, lockedOut: true, until } : { ok: false, lockedOut: false };
  }
  await releaseAttempt(accountSlot);
  if (codeSlot) await releaseAttempt(codeSlot);

  // One household per Telegram account: a new link replaces an older one elsewhere.
  await removeLinks(telegramUserId, customerCode);
  const via = factor.kind === "contact" ? "contact" : "national-id";
  const { linkedBefore, language } = await addTelegramLink(customerCode, { telegramUserId, linkedAt: now, via });
  const alreadyLinked = linkedBefore.includes(telegramUserId);
  await setIndexedCustomerCode(telegramUserId, customerCode);
  return {
    ok: true,
    customerCode,
    alsoLinked: alreadyLinked ? [] : linkedBefore,
    language: language === "en" ? "en" : "vi",
  };
}

/** The household this Telegram account is linked to, or null. */
export async function linkedCustomerCode(telegramUserId: number): Promise<string | null> {
  const indexed = await indexedCustomerCode(telegramUserId);
  if (indexed) {
    const links = await telegramLinksOf(indexed);
    return links?.some((l) => l.telegramUserId === telegramUserId) ? indexed : null;
  }
  // No entry: never linked, or linked before the index existed or by a process that died before
  // writing it. The account is the record, so look there and mend the index.
  const [account] = await accountsLinkedTo(telegramUserId);
  if (!account) return null;
  await setIndexedCustomerCode(telegramUserId, account.customerCode);
  return account.customerCode;
}

/** Removes the account's links (except on `keep`). */
async function removeLinks(telegramUserId: number, keep?: string): Promise<number> {
  let removed = 0;
  for (const account of await accountsLinkedTo(telegramUserId)) {
    if (account.customerCode === keep) continue;
    await setTelegramLinks(
      account.customerCode,
      account.telegramLinks.filter((l) => l.telegramUserId !== telegramUserId),
    );
    removed++;
  }
  return removed;
}

/**
 * Removes `target`'s link to the household `requester` is linked to: the undo offered to the
 * accounts already linked when a new one links. Both links are read now, from the accounts.
 */
export async function removeOtherLink(requester: number, target: number): Promise<boolean> {
  if (requester === target) return false;
  const code = await linkedCustomerCode(requester);
  if (!code || (await linkedCustomerCode(target)) !== code) return false;
  await unlink(target);
  return true;
}

/** Removes the account's link, and settles what was still to be sent to it as skipped. */
export async function unlink(telegramUserId: number): Promise<boolean> {
  const removed = await removeLinks(telegramUserId);
  await deleteIndexedCustomerCode(telegramUserId);
  await cancelPendingForChat(telegramUserId, "unlinked");
  return removed > 0;
}
