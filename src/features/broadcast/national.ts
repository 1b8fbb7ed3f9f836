import type { FeatureDeps } from "../../bot/deps.js";
import { loadHolidays } from "../../catalogue/load.js";
import { branchCodeIfAny, withBranch } from "../../data/branchContext.js";
import { type Broadcast, findBroadcast, insertBroadcast } from "../../data/broadcasts.js";
import { isDuplicateKey } from "../../data/errors.js";
import type { Staff } from "../../staff/roles.js";
import { broadcastProgress, cancelBroadcast, enqueueBroadcast, resolveAudience } from "./service.js";

/**
 * A national broadcast: written and approved once, by the central office's admins (maker-checker as
 * for any broadcast), then queued in every branch's own outbox, so that each branch's bot sends it to
 * its own borrowers within its own flood limits and sending window. The broadcast keeps the same id in
 * every branch; the maker's branch holds the original, the others a copy without a progress message.
 */
type National = FeatureDeps["national"];

export const isNational = (broadcast: Pick<Broadcast, "audience"> | null | undefined): boolean =>
  broadcast?.audience?.kind === "national";

/** Only the central office's admins, and only in a deployment of several branches. */
export const mayBroadcastNationally = (national: National, userId: number): boolean =>
  national.branches.length > 1 && national.adminIds.includes(userId);

/** Every branch's linked households counted within that branch, added up. */
export async function nationalReach(national: National): Promise<{ count: number; unreachable: number }> {
  let count = 0;
  let unreachable = 0;
  for (const branch of national.branches) {
    const reach = await withBranch(branch, () => resolveAudience({ kind: "all" }, { kind: "all" }));
    count += reach.recipients.length;
    unreachable += reach.unreachable;
  }
  return { count, unreachable };
}

/** Queues the approved broadcast in every other branch (the maker's branch queued it already). */
export async function fanOut(deps: FeatureDeps, broadcast: Broadcast, now: Date): Promise<void> {
  const here = branchCodeIfAny();
  for (const branch of deps.national.branches.filter((b) => b.code !== here)) {
    await withBranch(branch, async () => {
      const copy = await copyInBranch(broadcast);
      await enqueueBroadcast(
        copy,
        { kind: "all" },
        {
          i18n: deps.i18n,
          config: deps.sending,
          closures: deps.closures ?? loadHolidays().closures,
          now,
        },
      );
    });
  }
}

async function copyInBranch(broadcast: Broadcast): Promise<Broadcast> {
  const { _id, createdBy, createdAt, scope, body, media, audience, scheduledAt, approvedBy, decidedAt } = broadcast;
  try {
    return await insertBroadcast({
      _id,
      status: "queued",
      createdBy,
      createdAt,
      scope,
      body,
      media,
      audience,
      scheduledAt,
      approvedBy,
      decidedAt,
      queuedAt: new Date(),
      progress: { chatId: null, messageId: null, language: "vi" },
    });
  } catch (error) {
    // Queued here already (a second approval click, or a fan-out run again after a crash).
    if (!isDuplicateKey(error)) throw error;
    return (await findBroadcast(_id)) as Broadcast;
  }
}

export interface BranchProgress {
  name: string;
  total: number;
  sent: number;
  notDelivered: number;
  left: number;
}

/** Where a national broadcast stands in each branch (0 everywhere it was not queued). */
export async function nationalProgress(national: National, id: string): Promise<BranchProgress[]> {
  const rows: BranchProgress[] = [];
  for (const branch of national.branches) {
    const progress = await withBranch(branch, () => broadcastProgress(id));
    const { sent, ...others } = progress.counts;
    const notDelivered = Object.values(others).reduce((sum, n) => sum + n, 0);
    rows.push({ name: branch.name ?? branch.code, total: progress.total, sent, notDelivered, left: progress.left });
  }
  return rows;
}

/** Stops a national broadcast in every other branch (the caller stopped it in its own). */
export async function cancelInOtherBranches(national: National, id: string, by: Staff): Promise<void> {
  const here = branchCodeIfAny();
  for (const branch of national.branches.filter((b) => b.code !== here)) {
    await withBranch(branch, () => cancelBroadcast(id, by));
  }
}
