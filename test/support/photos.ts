/** Small hand-built JPEG and PNG files with location metadata, for the hardship photo tests. */

const segment = (marker: number, body: Buffer) => {
  const head = Buffer.from([0xff, marker, 0, 0]);
  head.writeUInt16BE(body.length + 2, 2);
  return Buffer.concat([head, body]);
};

export const GPS_TEXT = "GPSLatitude 21.0278N 105.8342E";

/** SOI, APP0 (JFIF), APP1 (Exif carrying GPS_TEXT), DQT, SOS, scan data, EOI; `seed` varies the scan. */
export function jpegWithLocation(seed = 0): Buffer {
  return Buffer.concat([
    Buffer.from([0xff, 0xd8]),
    segment(0xe0, Buffer.from("JFIF\0\x01\x01\0\0\x01\0\x01\0\0", "latin1")),
    segment(0xe1, Buffer.concat([Buffer.from("Exif\0\0", "latin1"), Buffer.from(GPS_TEXT)])),
    segment(0xdb, Buffer.alloc(65, 1)),
    segment(0xda, Buffer.from([1, 1, 0, 0, 63, 0])),
    Buffer.from([0x12, 0x34, 0xff, 0x00, seed & 0xff, 0xff, 0xd0, 0x56]),
    Buffer.from([0xff, 0xd9]),
  ]);
}

const chunk = (type: string, data: Buffer) => {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  return Buffer.concat([length, Buffer.from(type, "latin1"), data, Buffer.alloc(4)]);
};

/** Signature, IHDR, eXIf and tEXt carrying GPS_TEXT, IDAT, IEND. */
export function pngWithLocation(): Buffer {
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", Buffer.alloc(13, 1)),
    chunk("eXIf", Buffer.from(GPS_TEXT)),
    chunk("tEXt", Buffer.from(`Comment\0${GPS_TEXT}`, "latin1")),
    chunk("IDAT", Buffer.from([1, 2, 3, 4])),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}
