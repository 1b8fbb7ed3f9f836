import { wholeRead } from "./commandLog.js";
import { isDuplicateKey } from "./errors.js";
import { ParkedUpdateModel, UpdateClaimModel, UpdateLeaseModel } from "./models/index.js";

/** What a webhook replica may do with an update: handle it, or leave it (done, or in another's hands). */
export type UpdateClaim = "mine" | "done" | "busy";

/**
 * Claims an update for `holder` until `leaseMs` from now. A first claim is one insert (the unique
 * `_id` refuses a second). A claim whose holder died (lease over, not done) is taken over by whoever
 * inserts the next generation's marker first (a marker whose taker died before it updated the claim
 * is stepped over once its lease is over): a conditional update would do on MongoDB, but FerretDB
 * v1 applies one as a read then a write, so two takers could both win it (tested).
 */
export async function claimUpdate(updateId: number, holder: string, now: Date, leaseMs: number): Promise<UpdateClaim> {
  const _id = String(updateId);
  const leaseUntil = new Date(now.getTime() + leaseMs);
  if (await inserted({ _id, holder, leaseUntil, done: false, generation: 0, at: now })) return "mine";
  const claim = await UpdateClaimModel.findById(_id).lean();
  if (!claim) return "busy"; // forgotten between the two reads: Telegram sends it again
  if (claim.done) return "done";
  if (claim.leaseUntil > now || (await renewedUntil(_id, claim.holder)) > now) return "busy";
  const generation = await takeNextGeneration(_id, claim.generation + 1, holder, now, leaseUntil);
  if (generation === null) return "busy";
  await UpdateClaimModel.updateOne({ _id }, { $set: { holder, leaseUntil, generation } });
  return "mine";
}

/** A taker may die between its marker and its claim's update: so many generations are stepped over at most. */
const MAX_GENERATIONS_STEPPED = 20;

/**
 * Inserts the first free generation's marker from `first` on. A marker whose taker's lease is over
 * (it died before it updated the claim) is stepped over; one whose lease lasts means "busy".
 */
async function takeNextGeneration(
  _id: string,
  first: number,
  holder: string,
  now: Date,
  leaseUntil: Date,
): Promise<number | null> {
  for (let generation = first; generation < first + MAX_GENERATIONS_STEPPED; generation++) {
    const marker = { _id: `${_id}@${generation}`, holder, leaseUntil, done: true, generation, at: now };
    if (await inserted(marker)) return generation;
    const taken = await UpdateClaimModel.findById(marker._id, { leaseUntil: 1 }).lean();
    if (taken && taken.leaseUntil > now) return null;
  }
  return null;
}

async function inserted(claim: Record<string, unknown>): Promise<boolean> {
  try {
    await UpdateClaimModel.create(claim);
    return true;
  } catch (error) {
    if (isDuplicateKey(error)) return false;
    throw error;
  }
}

export async function finishUpdate(updateId: number): Promise<void> {
  await UpdateClaimModel.updateOne({ _id: String(updateId) }, { $set: { done: true } });
}

/**
 * Pushes a live handler's lease on to `leaseUntil`, so that no replica takes its update over. Written
 * to the holder's own lease document, never to the claim (see UpdateLeaseModel); a lease of a holder
 * the claim no longer names is not read.
 */
export async function renewUpdateClaim(updateId: number, holder: string, leaseUntil: Date, now: Date): Promise<void> {
  const _id = `${updateId}/${holder}`;
  try {
    await UpdateLeaseModel.updateOne({ _id }, { $set: { leaseUntil, at: now } }, { upsert: true });
  } catch (error) {
    // Two renewals' upserts raced to insert it: it is there now.
    if (!isDuplicateKey(error)) throw error;
    await UpdateLeaseModel.updateOne({ _id }, { $set: { leaseUntil, at: now } });
  }
}

async function renewedUntil(claimId: string, holder: string): Promise<Date> {
  const lease = await UpdateLeaseModel.findById(`${claimId}/${holder}`, { leaseUntil: 1 }).lean();
  return lease?.leaseUntil ?? new Date(0);
}

/** Keeps an update Telegram will not send again (answered 200 while its handler still runs). */
export async function parkUpdate(updateId: number, update: unknown, now: Date): Promise<void> {
  try {
    await ParkedUpdateModel.create({ _id: String(updateId), update: JSON.stringify(update), at: now });
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
  }
}

export async function unparkUpdate(updateId: number): Promise<void> {
  await ParkedUpdateModel.deleteOne({ _id: String(updateId) });
}

/** The parked updates, oldest first, as Telegram sent them. */
export async function parkedUpdates(limit: number): Promise<{ updateId: number; update: unknown }[]> {
  const parked = await ParkedUpdateModel.find({})
    .sort({ at: 1 })
    .limit(limit)
    .comment(wholeRead("parked updates: the few whose handlers outlived the webhook's answer"))
    .lean();
  return parked.map((p) => ({ updateId: Number(p._id), update: JSON.parse(p.update) as unknown }));
}

type InBranch = <T>(work: () => Promise<T>) => Promise<T>;

/**
 * The claims of one webhook replica (`holder`), as its webhook uses them (http/claimedUpdates): each
 * run through `inBranch` (the branch's database), at the time `now` gives, for `leaseMs`.
 */
export function replicaClaims(holder: string, leaseMs: number, now: () => Date, inBranch: InBranch = (work) => work()) {
  return {
    leaseMs,
    claim: (id: number) => inBranch(() => claimUpdate(id, holder, now(), leaseMs)),
    renew: (id: number) => inBranch(() => renewUpdateClaim(id, holder, new Date(now().getTime() + leaseMs), now())),
    finish: (id: number) => inBranch(() => finishUpdate(id)),
    park: (update: { update_id: number }) => inBranch(() => parkUpdate(update.update_id, update, now())),
    unpark: (id: number) => inBranch(() => unparkUpdate(id)),
    parked: (limit: number) => inBranch(() => parkedUpdates(limit)),
  };
}

/** Forgets claims, and parked updates never handled, older than `before` (retention). */
export async function forgetUpdateClaims(before: Date): Promise<number> {
  const result = await UpdateClaimModel.deleteMany({ at: { $lt: before } });
  await ParkedUpdateModel.deleteMany({ at: { $lt: before } });
  await UpdateLeaseModel.deleteMany({ at: { $lt: before } });
  return result.deletedCount;
}
