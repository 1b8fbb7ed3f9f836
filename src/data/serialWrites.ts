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
