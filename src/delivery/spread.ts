import { createHash, randomUUID } from "node:crypto";
import { beat, forgetProcesses, knownProcesses, leave } from "../data/processes.js";
import { type Logger, safeError } from "../logger.js";

/**
 * Which live process is first in line for a key (a branch): the highest hash of (process, key), so
 * that keys spread evenly over processes and, when one dies or joins, only its share moves
 * (rendezvous hashing). Pure.
 */
export function preferredProcess(processIds: readonly string[], key: string): string | null {
  let best: { id: string; score: string } | null = null;
  for (const id of processIds) {
    const score = createHash("sha256").update(`${id}\u0000${key}`).digest("hex");
    if (!best || score > best.score) best = { id, score };
  }
  return best?.id ?? null;
}

export interface ProcessRegistryOptions {
  log: Logger;
  now?: () => Date;
  /** How often this process writes its heartbeat. */
  beatMs?: number;
  /** A process silent for longer is no longer counted (it may still hold leases until they run out). */
  aliveMs?: number;
}

/**
 * This process among the others (heartbeats in the home database). The leases stay the only thing
 * that decides who sends; the registry only says who should try first, so that with several processes
 * each takes its share of the branches instead of the quickest taking them all.
 */
export class ProcessRegistry {
  readonly id = randomUUID();
  private alive: string[] = [this.id];
  private timer: NodeJS.Timeout | null = null;
  private readonly now: () => Date;
  private readonly beatMs: number;
  private readonly aliveMs: number;

  constructor(private readonly options: ProcessRegistryOptions) {
    this.now = options.now ?? (() => new Date());
    this.beatMs = options.beatMs ?? 5_000;
    this.aliveMs = options.aliveMs ?? 20_000;
  }

  /** Beats now and then every `beatMs`, refreshing who is alive. */
  async start(): Promise<void> {
    await this.refresh();
    this.timer = setInterval(() => {
      this.refresh().catch((error) => this.options.log.warn({ err: safeError(error) }, "heartbeat failed"));
    }, this.beatMs);
    this.timer.unref();
  }

  async refresh(): Promise<void> {
    const now = this.now();
    await beat(this.id, now);
    const known = await knownProcesses();
    const cutoff = now.getTime() - this.aliveMs;
    this.alive = known.filter((p) => p.beatAt.getTime() >= cutoff).map((p) => p.id);
    if (!this.alive.includes(this.id)) this.alive.push(this.id);
    const longGone = known.filter((p) => p.beatAt.getTime() < cutoff - 3_600_000).map((p) => p.id);
    if (longGone.length > 0) await forgetProcesses(longGone);
  }

  /** True when this process is first in line for `key` among the processes alive now. */
  isPreferred(key: string): boolean {
    return preferredProcess(this.alive, key) === this.id;
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await leave(this.id).catch(() => undefined);
  }
}
