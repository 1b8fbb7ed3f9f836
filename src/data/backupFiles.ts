import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createHmac,
  hkdfSync,
  randomBytes,
  timingSafeEqual,
} from "node:crypto";
import { once } from "node:events";
import { closeSync, createReadStream, createWriteStream, openSync, readSync, statSync } from "node:fs";
import { join, resolve, sep } from "node:path";
import { createInterface } from "node:readline";
import type { Readable } from "node:stream";

/**
 * The files of a backup. With a key (BACKUP_KEY) each collection's file is encrypted (AES-256-GCM:
 * a 12-byte IV, the ciphertext, the 16-byte tag) and the manifest carries an HMAC of itself, so a
 * backup holds no readable phone, token or ID hash, and a crafted one (a role granted, an audit log
 * emptied) is refused before anything is written. Files are the owner's only (0600).
 */

export class BackupError extends Error {}

export interface BackupKeys {
  encryption: Buffer;
  mac: Buffer;
}

/** The two keys of a backup, derived from BACKUP_KEY; null without one. */
export function backupKeys(secret: string | undefined): BackupKeys | null {
  if (!secret) return null;
  const derive = (info: string) => Buffer.from(hkdfSync("sha256", secret, "tindung-backup", info, 32));
  return { encryption: derive("encryption"), mac: derive("manifest-mac") };
}

const IV_BYTES = 12;
const TAG_BYTES = 16;
const FILE_MODE = 0o600;
export const DIR_MODE = 0o700;
const COLLECTION_NAME = /^[A-Za-z0-9_-][A-Za-z0-9_.-]{0,100}$/;

/** The file of a collection, derived from its name: a manifest cannot point anywhere else. */
export function collectionFile(dir: string, collection: string, encrypted: boolean): string {
  if (!COLLECTION_NAME.test(collection) || collection.startsWith("system.")) {
    throw new BackupError(`not a collection this backup may name: ${JSON.stringify(collection.slice(0, 60))}`);
  }
  const path = resolve(dir, `${collection}.ejson${encrypted ? ".enc" : ""}`);
  if (!path.startsWith(resolve(dir) + sep)) throw new BackupError("a backup file outside the backup folder");
  return path;
}

/** Writes lines to a file (encrypted with a key), returning their count and the SHA-256 of the plain lines. */
export async function writeLines(
  path: string,
  lines: AsyncIterable<string>,
  keys: BackupKeys | null,
): Promise<{ count: number; sha256: string }> {
  const out = createWriteStream(path, { mode: FILE_MODE });
  const iv = randomBytes(IV_BYTES);
  const cipher = keys ? createCipheriv("aes-256-gcm", keys.encryption, iv) : null;
  if (cipher) out.write(iv);
  const hash = createHash("sha256");
  let count = 0;
  const write = async (chunk: Buffer | string) => {
    if (!out.write(chunk)) await once(out, "drain");
  };
  for await (const line of lines) {
    hash.update(line);
    count++;
    await write(cipher ? cipher.update(line, "utf8") : line);
  }
  if (cipher) {
    await write(cipher.final());
    await write(cipher.getAuthTag());
  }
  out.end();
  await once(out, "finish");
  return { count, sha256: hash.digest("hex") };
}

/** The plain lines of a file written by writeLines; a tampered encrypted file fails at its end. */
export async function* readLines(path: string, keys: BackupKeys | null): AsyncGenerator<string> {
  let source: Readable;
  if (keys) {
    const size = statSync(path).size;
    if (size < IV_BYTES + TAG_BYTES) throw new BackupError(`${path} is not an encrypted backup file`);
    const fd = openSync(path, "r");
    const iv = Buffer.alloc(IV_BYTES);
    const tag = Buffer.alloc(TAG_BYTES);
    readSync(fd, iv, 0, IV_BYTES, 0);
    readSync(fd, tag, 0, TAG_BYTES, size - TAG_BYTES);
    closeSync(fd);
    const decipher = createDecipheriv("aes-256-gcm", keys.encryption, iv);
    decipher.setAuthTag(tag);
    if (size === IV_BYTES + TAG_BYTES) {
      // An empty collection: nothing to read, but its tag is still checked.
      try {
        decipher.final();
      } catch (error) {
        throw new BackupError(`${path} cannot be read with this BACKUP_KEY: ${(error as Error).message}`);
      }
      return;
    }
    source = createReadStream(path, { start: IV_BYTES, end: size - TAG_BYTES - 1 }).pipe(decipher);
  } else {
    source = createReadStream(path);
  }
  try {
    for await (const line of createInterface({ input: source, crlfDelay: Number.POSITIVE_INFINITY })) yield line;
  } catch (error) {
    throw new BackupError(
      `${path} cannot be read with this BACKUP_KEY (damaged, edited, or another key): ${(error as Error).message}`,
    );
  }
}

/** The keyed MAC of a manifest's content (everything but the MAC itself). */
export function manifestMac(content: object, keys: BackupKeys): string {
  return createHmac("sha256", keys.mac).update(JSON.stringify(content)).digest("hex");
}

export function sameMac(a: string, b: string): boolean {
  const x = Buffer.from(a, "hex");
  const y = Buffer.from(b, "hex");
  return x.length === y.length && timingSafeEqual(x, y);
}

export const manifestPath = (dir: string) => join(dir, "manifest.json");
export const MANIFEST_MODE = FILE_MODE;
