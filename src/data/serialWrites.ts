import { isFerretdb } from "./byIds.js";

/**
 * Runs writes one after another, in the order asked, whatever their callers do meanwhile: one write
 * command in flight. FerretDB v1 over SQLite can hang, or fail an upsert with a duplicate key, when
 * several write commands touch the same documents at once (docs/ferretdb.md); the data layer sends
 * such writes through one of these there.
 */
export class SerialWrites {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(write: () => Promise<T>): Promise<T> {
    const next = this.tail.then(write);
    this.tail = next.catch(() => undefined);
    return next;
  }
}

/**
 * Runs writes with at most `limit` of them in flight, the others waiting their turn in the order asked.
 * The import's inserts go two at a time (data/bookWriter.ts): FerretDB converts one command's
 * documents while SQLite stores the other's.
 */
export class BoundedWrites {
  private free: number;
  private readonly waiting: (() => void)[] = [];

  constructor(limit: number) {
    this.free = limit;
  }

  async run<T>(write: () => Promise<T>): Promise<T> {
    if (this.free > 0) this.free--;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    try {
      return await write();
    } finally {
      // The slot passes straight to the next in line, if any.
      const next = this.waiting.shift();
      if (next) next();
      else this.free++;
    }
  }
}

/**
 * `write` through `queue` on FerretDB, directly on MongoDB. FerretDB v1 applies an update as read,
 * change, write without holding the document: of updates of one document at once, all but one can be
 * lost, and a conditional update (`{_id, status}`) is not an exclusive claim (docs/ferretdb.md). The
 * embedded database serves one bot process, so one queue in it makes such writes exclusive there.
 */
export async function oneAtATimeOnFerretdb<T>(queue: SerialWrites, write: () => Promise<T>): Promise<T> {
  return (await isFerretdb()) ? queue.run(write) : write();
}
