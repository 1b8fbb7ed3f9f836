import { randomUUID } from "node:crypto";
import { isDuplicateKey } from "./errors.js";
import { LockModel } from "./models/index.js";

/**
 * The lease held by whatever writes the bank's book (communes, points, groups, households, loans):
 * an import, or a data migration of those records. One writer at a time.
 */
export const BOOK_WRITE_LOCK = "import";

export class LockHeldError extends Error {
  constructor(readonly lockName: string) {
    super(`lock ${lockName} is held by another process`);
  }
}

/**
 * Runs `work` while holding the named lease. Taking a free or expired lease is one atomic operation
 * thanks to the unique `_id`; an unexpired lease held by someone else raises LockHeldError. Long work
 * calls `renew` now and then so that a crashed holder's lease runs out but a live one's does not.
 */
export async function withLock<T>(
  name: string,
  ttlMs: number,
  work: (renew: () => Promise<void>, holder: string) => Promise<T>,
  options: { heartbeatMs?: number } = {},
): Promise<T> {
  const holder = randomUUID();
  const now = new Date();
  const expiresAt = new Date(now.getTime() + ttlMs);
  const expired = await LockModel.findOneAndUpdate(
    { _id: name, expiresAt: { $lt: now } },
    { $set: { holder, expiresAt } },
    { returnDocument: "after" },
  ).lean();
  if (!expired) {
    try {
      await LockModel.create({ _id: name, holder, expiresAt });
    } catch (error) {
      if (isDuplicateKey(error)) throw new LockHeldError(name);
      throw error;
    }
  }
  const renew = async () => {
    const renewed = await LockModel.updateOne(
      { _id: name, holder },
      { $set: { expiresAt: new Date(Date.now() + ttlMs) } },
    );
    if (renewed.matchedCount === 0) throw new LockHeldError(name);
  };
  // A heartbeat keeps a short lease alive while the holder lives, whatever the work is doing; a lost
  // lease surfaces at the work's next renew.
  let lost: unknown = null;
  const heartbeat = options.heartbeatMs
    ? setInterval(() => renew().catch((error) => (lost = error)), options.heartbeatMs)
    : undefined;
  const renewOrFail = async () => {
    if (lost) throw lost;
    await renew();
  };
  try {
    return await work(renewOrFail, holder);
  } finally {
    clearInterval(heartbeat);
    await LockModel.deleteOne({ _id: name, holder });
  }
}
