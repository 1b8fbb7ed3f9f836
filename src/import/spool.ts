import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { once } from "node:events";
import { createReadStream, createWriteStream, mkdtempSync, openSync, rmSync, type WriteStream } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import type { ImportRow } from "./rowSchema.js";

/** Bytes of lines gathered before one write. */
const WRITE_CHUNK = 256 * 1024;

/**
 * The validated rows of a file, as the first pass parsed them, so that the second pass applies them
 * without reading, parsing and validating the file again (that was a third of an import's time). The
 * rows hold names, phones and ID numbers: the spool is encrypted with a key that lives only in this
 * object, in a private temporary directory removed by `dispose`, so one left behind by a killed
 * process is unreadable.
 */
export class RowSpool {
  private readonly key = randomBytes(32);
  private readonly iv = randomBytes(16);
  private readonly dir = mkdtempSync(join(tmpdir(), "tindung-import-"));
  private readonly path = join(this.dir, "rows");
  private readonly out: WriteStream;
  private readonly cipher = createCipheriv("aes-256-ctr", this.key, this.iv);
  private pending = "";
  private closed = false;
  count = 0;

  constructor() {
    // Opened here, not by the stream, which opens its file later: a spool disposed before that (a file
    // refused at its first line) had the open fail in a removed directory, an error nobody caught.
    this.out = createWriteStream(this.path, { fd: openSync(this.path, "w", 0o600) });
    this.cipher.pipe(this.out);
  }

  async add(row: number, data: ImportRow): Promise<void> {
    this.pending += `${JSON.stringify([row, data])}\n`;
    this.count++;
    if (this.pending.length >= WRITE_CHUNK) await this.writePending();
  }

  private async writePending(): Promise<void> {
    const text = this.pending;
    this.pending = "";
    if (!this.cipher.write(text)) await new Promise<void>((resolve) => this.cipher.once("drain", resolve));
  }

  /** Ends the writing; the rows can then be read. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.pending) await this.writePending();
    await new Promise<void>((resolve, reject) => {
      this.out.once("finish", resolve).once("error", reject);
      this.cipher.end();
    });
  }

  async *rows(): AsyncGenerator<{ row: number; data: ImportRow }> {
    await this.close();
    const decipher = createDecipheriv("aes-256-ctr", this.key, this.iv);
    const lines = createInterface({ input: createReadStream(this.path).pipe(decipher), crlfDelay: Infinity });
    for await (const line of lines) {
      const [row, data] = JSON.parse(line) as [number, ImportRow];
      yield { row, data };
    }
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
