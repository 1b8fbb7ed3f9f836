import { type Delivery, type Outcome, saveOutcomes } from "../../data/dispatch.js";
import { type OutcomeDoc, outcomeDoc } from "../../data/outbox.js";
import { deliveriesTotal } from "../../metrics.js";

/**
 * Writes what each attempt came to, and keeps the count of messages in doubt: attempts on record
 * whose outcome is not (yet). A crash leaves at most `maxInDoubt` of them.
 *
 * Successes are written in groups: while one group is being written, the next gathers. The message
 * stays in doubt (and holds its slot) until its group is on record. Any other outcome is rare and is
 * written at once.
 */
export class OutcomeRecorder {
  private sentBuffer: OutcomeDoc[] = [];
  private flushing: Promise<void> | null = null;
  private inDoubt = 0;
  /** The first error of a background write: sending stops and the run throws it. */
  private failure: unknown = null;
  /** Called whenever a slot frees (the sending loop may pick the next message). */
  onReleased: (() => void) | null = null;

  constructor(readonly maxInDoubt: number) {}

  get hasRoom(): boolean {
    return this.inDoubt < this.maxInDoubt;
  }

  /** Nothing in doubt, nothing waiting to be written: a run may start on it. */
  get idle(): boolean {
    return this.inDoubt === 0 && this.sentBuffer.length === 0 && this.flushing === null;
  }

  get failed(): boolean {
    return this.failure !== null;
  }

  /** A message is being sent: it holds a slot until its outcome is written. */
  holdSlot(): void {
    this.inDoubt++;
  }

  release(count: number): void {
    this.inDoubt -= count;
    this.onReleased?.();
  }

  fail(error: unknown): void {
    this.failure ??= error;
  }

  /** The failure recorded so far, if any, cleared for the next run. */
  takeFailure(): unknown {
    const failure = this.failure;
    this.failure = null;
    return failure;
  }

  async record(delivery: Delivery, attempt: number, outcome: Outcome, reason: string | null): Promise<void> {
    await this.insert([outcomeDoc(delivery, attempt, outcome, reason, null)]);
  }

  recordSent(delivery: Delivery, attempt: number, messageId: number | string): void {
    this.sentBuffer.push(outcomeDoc(delivery, attempt, "sent", null, messageId));
    this.flushing ??= this.writeSent();
  }

  /**
   * Writes the gathered successes until none is left. `flushing` is cleared in the same step as the
   * last check of the buffer, so a success recorded after that check starts a new write. (With a
   * buffer that is not empty, the first await comes before the `finally`, so the caller's assignment
   * of `flushing` always happens before it is cleared.)
   */
  private async writeSent(): Promise<void> {
    try {
      while (this.sentBuffer.length > 0) {
        const docs = this.sentBuffer.splice(0);
        await this.insert(docs);
        this.release(docs.length);
      }
    } catch (error) {
      this.fail(error);
    } finally {
      this.flushing = null;
    }
  }

  /** Waits until every success gathered so far is written (not after a failed write: the run throws). */
  async flush(): Promise<void> {
    while ((this.flushing || this.sentBuffer.length > 0) && this.failure === null) {
      this.flushing ??= this.writeSent();
      await this.flushing;
    }
  }

  async insert(docs: OutcomeDoc[]): Promise<void> {
    await saveOutcomes(docs);
    for (const d of docs) deliveriesTotal.inc({ kind: d.kind, outcome: d.outcome });
  }
}
