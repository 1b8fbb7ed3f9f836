import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { once } from "node:events";
import { createReadStream, createWriteStream, mkdtempSync, openSync, rmSync, type WriteStream } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ImportRow } from "./rowSchema.js";

/** Rows written as one frame: one JSON text to write and one to parse for each. */
const ROWS_PER_FRAME = 500;
const LENGTH_BYTES = 4;

/** A spooled row: its number in the file, then its values in the spool's column order. */
type SpooledRow = [number, ...unknown[]];

/**
 * The validated rows of a file, as the first pass parsed them, so that the second pass applies them
 * without reading, parsing and validating the file again (that was a third of an import's time). The
 * rows hold names, phones and ID numbers: the spool is encrypted with a key that lives only in this
 * object, in a private temporary directory removed by `dispose`, so one left behind by a killed
 * process is unreadable.
 *
 * Rows are kept as arrays of values (the keys once, in memory) in length-prefixed frames of a few
 * hundred: reading back 100,000 rows as one JSON object a line cost more than a second of parsing and
 * line splitting (2026-12-07).
 */
export class RowSpool {
  private readonly key = randomBytes(32);
  private readonly iv = randomBytes(16);
  private readonly dir = mkdtempSync(join(tmpdir(), "tindung-import-"));
  private readonly path = join(this.dir, "rows");
  private readonly out: WriteStream;
  private readonly cipher = createCipheriv("aes-256-ctr", this.key, this.iv);
  private columns: (keyof ImportRow)[] | null = null;
  private frame: SpooledRow[] = [];
  private closed = false;
  count = 0;

  constructor() {
    // Opened here, not by the stream, which opens its file later: a spool disposed before that (a file
    // refused at its first line) had the open fail in a removed directory, an error nobody caught.
    this.out = createWriteStream(this.path, { fd: openSync(this.path, "w", 0o600) });
    this.cipher.pipe(this.out);
  }

  async add(row: number, data: ImportRow): Promise<void> {
    this.columns ??= Object.keys(data) as (keyof ImportRow)[];
    const { columns } = this;
    // Every row of a schema has the same keys, each with a value (fallbacks are null, 0, []): a row
    // that differs would come back wrong, so it is a bug, said at once.
    if (Object.keys(data).length !== columns.length) throw new Error("spooled rows differ in their columns");
    const spooled: SpooledRow = [row];
    for (const column of columns) {
      const value = data[column];
      if (value === undefined) throw new Error(`spooled row without ${column}`);
      spooled.push(value);
    }
    this.frame.push(spooled);
    this.count++;
    if (this.frame.length >= ROWS_PER_FRAME) await this.writeFrame();
  }

  private async writeFrame(): Promise<void> {
    const body = Buffer.from(JSON.stringify(this.frame));
    this.frame = [];
    const length = Buffer.alloc(LENGTH_BYTES);
    length.writeUInt32BE(body.length);
    this.cipher.write(length);
    if (!this.cipher.write(body)) await once(this.cipher, "drain");
  }

  /** Ends the writing; the rows can then be read. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.frame.length > 0) await this.writeFrame();
    await new Promise<void>((resolve, reject) => {
      this.out.once("finish", resolve).once("error", reject);
      this.cipher.end();
    });
  }

  async *rows(): AsyncGenerator<{ row: number; data: ImportRow }> {
    await this.close();
    const columns = this.columns ?? [];
    for await (const frame of this.frames()) {
      for (const spooled of JSON.parse(frame) as SpooledRow[]) {
        const data = {} as Record<keyof ImportRow, unknown>;
        for (let i = 0; i < columns.length; i++) data[columns[i] as keyof ImportRow] = spooled[i + 1];
        yield { row: spooled[0], data: data as ImportRow };
      }
    }
  }

  /** The decrypted frames, each a JSON text (a frame spans several reads: joined once it is whole). */
  private async *frames(): AsyncGenerator<string> {
    const decipher = createReadStream(this.path).pipe(createDecipheriv("aes-256-ctr", this.key, this.iv));
    let parts: Buffer[] = [];
    let size = 0;
    let needed = LENGTH_BYTES;
    for await (const chunk of decipher as AsyncIterable<Buffer>) {
      parts.push(chunk);
      size += chunk.length;
      if (size < needed) continue;
      const buffered = parts.length === 1 ? chunk : Buffer.concat(parts, size);
      let at = 0;
      for (;;) {
        if (buffered.length - at < LENGTH_BYTES) {
          needed = LENGTH_BYTES;
          break;
        }
        const end = at + LENGTH_BYTES + buffered.readUInt32BE(at);
        if (end > buffered.length) {
          needed = end - at;
          break;
        }
        yield buffered.toString("utf8", at + LENGTH_BYTES, end);
        at = end;
      }
      const rest = buffered.subarray(at);
      parts = rest.length > 0 ? [rest] : [];
      size = rest.length;
    }
    if (size > 0) throw new Error("the import spool ends inside a frame");
  }

  /** Closes the file and removes the directory; settles once both are done. */
  async dispose(): Promise<void> {
    this.cipher.destroy();
    if (!this.out.closed) {
      const closed = once(this.out, "close");
      this.out.destroy();
      await closed;
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}
