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

/** Inserts a lease record; false when its `_id` is taken. */
async function inserted(lease: { _id: string; holder: string; expiresAt: Date; generation: number }) {
  try {
    await LockModel.create(lease);
    return true;
  } catch (error) {
    if (isDuplicateKey(error)) return false;
    throw error;
  }
}

/**
 * Takes the named lease if it is free or expired. A new lease is one insert. An expired one is taken
 * by whoever inserts its next generation's marker first: a conditional update (or findOneAndUpdate)
 * would do on MongoDB, but FerretDB v1 applies one as a read then a write, so two takers both won an
 * expired lease there (19 races of 20, measured), and two dispatchers sent on one token at once.
 */
async function takeLease(name: string, holder: string, now: Date, expiresAt: Date): Promise<boolean> {
  if (await inserted({ _id: name, holder, expiresAt, generation: 0 })) return true;
  const lease = await LockModel.findById(name).lean();
  if (!lease || lease.expiresAt >= now) return false;
  const first = (lease.generation ?? 0) + 1;
  const generation = await takeNextGeneration(name, first, holder, now, expiresAt);
  if (generation === null) return false;
  for (let old = first - 1; old < generation; old++) await LockModel.deleteOne({ _id: `${name}@${old}` });
  const taken = await LockModel.updateOne(
    { _id: name, generation: { $lt: generation } },
    { $set: { holder, expiresAt, generation } },
  );
  return taken.matchedCount === 1;
}

/** A taker may die between its marker and the lease's update: so many generations are stepped over at most. */
const MAX_DEAD_TAKERS = 5;

/**
 * Inserts the first free generation's marker from `first` on, carrying the lease its taker would hold.
 * A marker whose lease is over belongs to a taker that died before it updated the lease (killed with
 * SIGKILL in between): without stepping over it, every later taker met it and nobody took the lease
 * again (a dispatcher never sent the officers' list in a full-scale kill test).
 */
async function takeNextGeneration(
  name: string,
  first: number,
  holder: string,
  now: Date,
  expiresAt: Date,
): Promise<number | null> {
  for (let generation = first; generation < first + MAX_DEAD_TAKERS; generation++) {
    if (await inserted({ _id: `${name}@${generation}`, holder, expiresAt, generation })) return generation;
    const marker = await LockModel.findById(`${name}@${generation}`, { expiresAt: 1 }).lean();
    if (!marker || marker.expiresAt >= now) return null;
  }
  return null;
}

/**
 * Runs `work` while holding the named lease (takeLease); an unexpired lease held by someone else
 * raises LockHeldError. Long work calls `renew` now and then so that a crashed holder's lease runs out
 * but a live one's does not. Released by running it out (the record stays, see models/lock.ts).
 */
export async function withLock<T>(
  name: string,
  ttlMs: number,
  work: (renew: () => Promise<void>, holder: string) => Promise<T>,
  options: { heartbeatMs?: number } = {},
): Promise<T> {
  const holder = randomUUID();
  const now = new Date();
  if (!(await takeLease(name, holder, now, new Date(now.getTime() + ttlMs)))) throw new LockHeldError(name);
  let renewedAt = now.getTime();
  const renew = async () => {
    const at = Date.now();
    const renewed = await LockModel.updateOne({ _id: name, holder }, { $set: { expiresAt: new Date(at + ttlMs) } });
    if (renewed.matchedCount === 0) throw new LockHeldError(name);
    renewedAt = at;
  };
  // A heartbeat keeps a short lease alive while the holder lives, whatever the work is doing; a lost
  // lease surfaces at the work's next renew.
  let lost: unknown = null;
  const heartbeat = options.heartbeatMs
    ? setInterval(() => renew().catch((error) => (lost = error)), options.heartbeatMs)
    : undefined;
  // Renewed (or taken) less than a tenth of the lease ago, it is ours for nine tenths of it still: no
  // one can take an unexpired lease, so the work's frequent calls need no write each (an import calls
  // every thousand rows).
  const renewOrFail = async () => {
    if (lost) throw lost;
    if (Date.now() - renewedAt < ttlMs / 10) return;
    await renew();
  };
  try {
    return await work(renewOrFail, holder);
  } finally {
    clearInterval(heartbeat);
    await LockModel.updateOne({ _id: name, holder }, { $set: { expiresAt: new Date(0) } });
  }
}
