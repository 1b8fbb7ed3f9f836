import { existsSync, mkdirSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Readable } from "node:stream";
import { createDeflateRaw } from "node:zlib";

/**
 * A zip entry: `data`, or `prefix` + `fill.count` bytes of `fill.byte` + `suffix`, deflated as a stream
 * of small repeated chunks (a 600 MB entry never sits in memory). `claims` makes the headers lie
 * about the unpacked size.
 */
export interface ZipEntry {
  name: string;
  data?: Buffer;
  prefix?: string;
  fill?: { byte: number; count: number };
  suffix?: string;
  claims?: number;
}

function* entryChunks(entry: ZipEntry): Generator<Buffer> {
  if (entry.data) yield entry.data;
  if (entry.prefix) yield Buffer.from(entry.prefix);
  if (entry.fill) {
    const chunk = Buffer.alloc(Math.min(entry.fill.count, 1024 * 1024), entry.fill.byte);
    for (let left = entry.fill.count; left > 0; left -= chunk.length) {
      yield left >= chunk.length ? chunk : chunk.subarray(0, left);
    }
  }
  if (entry.suffix) yield Buffer.from(entry.suffix);
}

async function deflated(entry: ZipEntry): Promise<{ packed: Buffer; size: number }> {
  const parts: Buffer[] = [];
  let size = 0;
  const source = Readable.from(
    (function* () {
      for (const chunk of entryChunks(entry)) {
        size += chunk.length;
        yield chunk;
      }
    })(),
  );
  for await (const part of source.pipe(createDeflateRaw({ level: 9 }))) parts.push(part as Buffer);
  return { packed: Buffer.concat(parts), size };
}

/** A zip archive with the given entries, deflated (no CRC: the importer refuses it before reading data). */
export async function zip(entries: ZipEntry[]): Promise<Buffer> {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const { packed, size } = await deflated(entry);
    const name = Buffer.from(entry.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(entry.claims ?? size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(entry.claims ?? size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, packed);
    centrals.push(central, name);
    offset += local.length + name.length + packed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const FIXTURES = new URL("../../.cache/test-fixtures/", import.meta.url).pathname;

/** A zip built once per machine and kept in .cache (written under a temporary name, then renamed). */
async function cachedZip(name: string, entries: ZipEntry[]): Promise<string> {
  const path = join(FIXTURES, name);
  if (existsSync(path)) return path;
  mkdirSync(FIXTURES, { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, await zip(entries));
  renameSync(temporary, path);
  return path;
}

const SST_OPEN = '<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>';

/** An XLSX whose shared strings honestly unpack to 120 MB: refused by its declared size. */
export const bigXlsxFile = () =>
  cachedZip("shared-strings-120mb.xlsx", [
    { name: "[Content_Types].xml", data: Buffer.from("<Types/>") },
    { name: "xl/sharedStrings.xml", fill: { byte: 0x41, count: 120 * 1024 * 1024 } },
  ]);

/** An XLSX whose headers claim 1 KB of shared strings that unpack to 600 MB (a bomb that lies). */
export const lyingXlsxFile = () =>
  cachedZip("lying-600mb.xlsx", [
    { name: "[Content_Types].xml", data: Buffer.from("<Types/>") },
    {
      name: "xl/sharedStrings.xml",
      prefix: SST_OPEN,
      fill: { byte: 0x41, count: 600 * 1024 * 1024 },
      suffix: "</t></si></sst>",
      claims: 1024,
    },
    { name: "xl/workbook.xml", data: Buffer.from("<workbook/>") },
  ]);
