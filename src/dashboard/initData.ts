import { parse, validate } from "@tma.js/init-data-node";

/** Who a Mini App says it is, once Telegram's signature over it was checked. */
export interface SignedUser {
  telegramUserId: number;
  languageCode: string | undefined;
  authDate: Date;
  /** Telegram's signature of this initData: what a session is keyed by (one initData, one session). */
  hash: string;
}

export type InitDataCheck = { ok: true; user: SignedUser } | { ok: false; reason: "missing" | "invalid" | "expired" };

/** initData is a few hundred bytes; anything much longer is not Telegram's. */
const MAX_INIT_DATA_LENGTH = 8_192;
/** A client clock a little ahead is tolerated; an auth_date further in the future is not Telegram's. */
const FUTURE_SKEW_MS = 60_000;

/**
 * Checks a Mini App's initData per Telegram's spec (HMAC-SHA-256 keyed by the bot token, through
 * @tma.js/init-data-node) and its age against `now`: the app's clock, so that tests which move the
 * clock move this too (the library's own expiry reads the system clock and is switched off).
 */
export function checkInitData(
  raw: string | undefined,
  botToken: string,
  now: Date,
  maxAgeSeconds: number,
): InitDataCheck {
  if (!raw) return { ok: false, reason: "missing" };
  if (raw.length > MAX_INIT_DATA_LENGTH) return { ok: false, reason: "invalid" };
  let parsed: ReturnType<typeof parse>;
  try {
    validate(raw, botToken, { expiresIn: 0 });
    parsed = parse(raw);
  } catch {
    return { ok: false, reason: "invalid" };
  }
  const id = parsed.user?.id;
  const authDate = parsed.auth_date;
  if (!Number.isSafeInteger(id) || !id || id <= 0 || !(authDate instanceof Date))
    return { ok: false, reason: "invalid" };
  if (authDate.getTime() > now.getTime() + FUTURE_SKEW_MS) return { ok: false, reason: "invalid" };
  if (now.getTime() - authDate.getTime() > maxAgeSeconds * 1_000) return { ok: false, reason: "expired" };
  return {
    ok: true,
    user: { telegramUserId: id, languageCode: parsed.user?.language_code, authDate, hash: parsed.hash },
  };
}
