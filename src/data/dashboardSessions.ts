import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { isDuplicateKey } from "./errors.js";
import { DashboardSessionModel } from "./models/index.js";

const digest = (text: string) => createHash("sha256").update(text).digest("hex");

/**
 * Opens the one session a signed initData may open, for `telegramUserId` until `expiresAt`: a new
 * random token, or null when that initData already opened one (a copy replayed). Keyed by `_id`.
 */
export async function openDashboardSession(
  initDataHash: string,
  telegramUserId: number,
  expiresAt: Date,
): Promise<string | null> {
  const token = randomBytes(32).toString("base64url");
  try {
    await DashboardSessionModel.create({
      _id: digest(initDataHash),
      tokenDigest: digest(token),
      telegramUserId,
      expiresAt,
    });
    return token;
  } catch (error) {
    if (isDuplicateKey(error)) return null;
    throw error;
  }
}

/** Whether `token` is the one the session of this initData was given, for this user, still open at `now`. */
export async function dashboardSessionHolds(
  initDataHash: string,
  token: string,
  telegramUserId: number,
  now: Date,
): Promise<boolean> {
  const session = await DashboardSessionModel.findById(digest(initDataHash)).lean();
  if (!session || session.telegramUserId !== telegramUserId || session.expiresAt <= now) return false;
  const given = Buffer.from(digest(token), "hex");
  return timingSafeEqual(given, Buffer.from(session.tokenDigest, "hex"));
}

/** Removes the sessions that ended before `now` (the daily retention job); returns how many. */
export async function forgetEndedDashboardSessions(now: Date): Promise<number> {
  return (await DashboardSessionModel.deleteMany({ expiresAt: { $lt: now } })).deletedCount;
}
