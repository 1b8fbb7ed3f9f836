import { deflateRawSync } from "node:zlib";

/**
 * A zip archive with the given entries, deflated (no CRC: the importer refuses it before reading
 * data). `claims` makes the headers lie about an entry's unpacked size.
 */
export function zip(entries: { name: string; data: Buffer; claims?: number }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const packed = deflateRawSync(entry.data, { level: 9 });
    const name = Buffer.from(entry.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(entry.claims ?? entry.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(entry.claims ?? entry.data.length, 24);
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

/** An XLSX whose headers claim 1 KB of shared strings that unpack to 600 MB (a bomb that lies). */
export function lyingXlsx(): Buffer {
  const sst = Buffer.concat([
    Buffer.from('<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>'),
    Buffer.alloc(600 * 1024 * 1024, 0x41),
    Buffer.from("</t></si></sst>"),
  ]);
  return zip([
    { name: "[Content_Types].xml", data: Buffer.from("<Types/>") },
    { name: "xl/sharedStrings.xml", data: sst, claims: 1024 },
    { name: "xl/workbook.xml", data: Buffer.from("<workbook/>") },
  ]);
}
