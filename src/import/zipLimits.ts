import { open } from "node:fs/promises";
import { ImportFileError } from "./source.js";

/**
 * What an XLSX (a zip archive) may unpack to before any parsing starts. A bank export of 100,000
 * loans unpacks to well under 100 MB; a zip bomb declares far more, or compresses far better than
 * spreadsheet XML does. A file that lies in its directory is stopped by the row and column limits
 * while parsing, and, for imports by chat, by the memory cap of the process that parses it.
 */
export const XLSX_LIMITS = {
  entries: 2_000,
  totalUnpackedBytes: 300 * 1024 * 1024,
  sharedStringsBytes: 100 * 1024 * 1024,
  /** Spreadsheet XML compresses 5–30 times; more than this on a large entry is a bomb. */
  maxRatio: 200,
};

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;

/** Reads the archive's central directory (names and sizes only) and refuses what is out of bounds. */
export async function checkXlsxArchive(path: string, limits = XLSX_LIMITS): Promise<void> {
  const handle = await open(path, "r");
  try {
    const { size } = await handle.stat();
    const tailLength = Math.min(size, 65_557);
    const tail = Buffer.alloc(tailLength);
    await handle.read(tail, 0, tailLength, size - tailLength);
    let eocd = -1;
    for (let i = tailLength - 22; i >= 0; i--) {
      if (tail.readUInt32LE(i) === EOCD_SIGNATURE) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) throw new ImportFileError("unreadable", { reason: "not an XLSX (zip) file" });
    const entries = tail.readUInt16LE(eocd + 10);
    const directorySize = tail.readUInt32LE(eocd + 12);
    const directoryOffset = tail.readUInt32LE(eocd + 16);
    if (entries === 0xffff || directorySize === 0xffffffff || directoryOffset === 0xffffffff) {
      throw new ImportFileError("too-large-unpacked", { max: limits.totalUnpackedBytes / 1024 / 1024 });
    }
    if (entries > limits.entries || directoryOffset + directorySize > size) {
      throw new ImportFileError("unreadable", { reason: "damaged XLSX (zip) directory" });
    }
    const directory = Buffer.alloc(directorySize);
    await handle.read(directory, 0, directorySize, directoryOffset);
    let total = 0;
    for (let at = 0, n = 0; n < entries; n++) {
      if (at + 46 > directory.length || directory.readUInt32LE(at) !== CENTRAL_SIGNATURE) {
        throw new ImportFileError("unreadable", { reason: "damaged XLSX (zip) directory" });
      }
      const compressed = directory.readUInt32LE(at + 20);
      const unpacked = directory.readUInt32LE(at + 24);
      const nameLength = directory.readUInt16LE(at + 28);
      const name = directory.toString("utf8", at + 46, at + 46 + nameLength);
      at += 46 + nameLength + directory.readUInt16LE(at + 30) + directory.readUInt16LE(at + 32);
      total += unpacked;
      const bomb =
        total > limits.totalUnpackedBytes ||
        (name.endsWith("sharedStrings.xml") && unpacked > limits.sharedStringsBytes) ||
        (unpacked > 10 * 1024 * 1024 && unpacked > compressed * limits.maxRatio);
      if (bomb) throw new ImportFileError("too-large-unpacked", { max: limits.totalUnpackedBytes / 1024 / 1024 });
    }
  } finally {
    await handle.close();
  }
}
