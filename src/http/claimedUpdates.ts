import type { Bot, Context } from "grammy";
import type { Update } from "grammy/types";
import { type Logger, safeError } from "../logger.js";

/** What the webhook of one branch needs of the update claims (data/updateClaims), bound to a replica. */
export interface UpdateClaims {
  /** How long a claim stays its holder's without renewal: a dead holder's update is taken over after it. */
  leaseMs: number;
  claim(updateId: number): Promise<"mine" | "done" | "busy">;
  /** Keeps the claim this replica's while its handler runs. */
  renew(updateId: number): Promise<void>;
  finish(updateId: number): Promise<void>;
  park(update: Update): Promise<void>;
  unpark(updateId: number): Promise<void>;
  parked(limit: number): Promise<{ updateId: number; update: unknown }[]>;
}

/** Parked updates a sweep looks at, at most (they are the few whose handlers outlived the answer). */
const SWEEP_LIMIT = 50;

export interface ClaimedUpdate {
  /** Settles when the handler has ended and the claim is done. */
  done: Promise<void>;
  /** Telegram was answered 200 while the handler ran: the update is parked until it ends. */
  markParked(): void;
}

/**
 * Runs the updates this replica claimed. While a handler runs, its claim's lease is renewed (a third
 * of the lease), so no other replica takes a live handler's update; when it ends, the claim is done
 * and a parked copy removed. A sweep takes over parked updates whose holder died (lease over) and
 * handles them here: Telegram, answered 200, would never send them again.
 */
export class ClaimedUpdates<C extends Context> {
  private readonly renewals = new Set<NodeJS.Timeout>();
  private sweeping = false;
  private closed = false;

  constructor(
    private readonly bot: Bot<C>,
    private readonly claims: UpdateClaims,
    private readonly log: Logger,
  ) {}

  run(update: Update): ClaimedUpdate {
    const id = update.update_id;
    let parked = false;
    const renewal = setInterval(() => {
      this.claims.renew(id).catch((error) => this.log.warn({ err: safeError(error) }, "claim renewal failed"));
    }, this.claims.leaseMs / 3);
    this.renewals.add(renewal);
    const done = this.bot
      .handleUpdate(update)
      .catch((error) => this.bot.errorHandler(error))
      .then(async () => {
        await this.claims.finish(id);
        if (parked) await this.claims.unpark(id);
      })
      .catch((error) => this.log.error({ err: safeError(error) }, "webhook update failed"))
      .finally(() => {
        clearInterval(renewal);
        this.renewals.delete(renewal);
      });
    return { done, markParked: () => (parked = true) };
  }

  /** Takes over and handles the parked updates whose holder died; removes those already done. */
  async sweep(): Promise<number> {
    if (this.sweeping || this.closed) return 0;
    this.sweeping = true;
    let taken = 0;
    try {
      for (const { updateId, update } of await this.claims.parked(SWEEP_LIMIT)) {
        const claim = await this.claims.claim(updateId);
        if (claim === "done") await this.claims.unpark(updateId);
        if (claim !== "mine") continue;
        this.run(update as Update).markParked();
        taken++;
      }
    } catch (error) {
      this.log.warn({ err: safeError(error) }, "parked updates sweep failed");
    } finally {
      this.sweeping = false;
    }
    return taken;
  }

  /**
   * A replica going away: no more sweeps, and its claims are no longer renewed, so that other
   * replicas take over what it still holds once the lease is over, as from a replica that died (a
   * handler that ends before the process does still marks its update done).
   */
  close(): void {
    this.closed = true;
    for (const renewal of this.renewals) clearInterval(renewal);
    this.renewals.clear();
  }
}
