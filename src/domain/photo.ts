/**
 * Photos a borrower attaches to a hardship report (issue 26): JPEG or PNG, checked by their first
 * bytes (not by what the sender's file name or MIME type claims), at most PHOTO_MAX_BYTES each and
 * HARDSHIP_PHOTOS_MAX per report. Unless the borrower agrees to keep it, the metadata that can carry
 * where a photo was taken (EXIF with its GPS block, and XMP) is removed before it is stored.
 */

export const HARDSHIP_PHOTOS_MAX = 5;
export const PHOTO_MAX_BYTES = 5 * 1024 * 1024;

export type PhotoType = "jpeg" | "png";

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export function photoType(bytes: Uint8Array): PhotoType | null {
  if (bytes.length > 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return "jpeg";
  if (bytes.length > 8 && Buffer.from(bytes.subarray(0, 8)).equals(PNG_SIGNATURE)) return "png";
  return null;
}

/** A MIME type a photo sent as a file may claim (its bytes are checked again when downloaded). */
export const acceptedPhotoMime = (mime: string | undefined): boolean => mime === "image/jpeg" || mime === "image/png";

/**
 * The photo without location-bearing metadata, or null when its structure cannot be followed (a photo
 * that cannot be cleaned is not stored rather than stored with its location).
 */
export function withoutLocation(bytes: Uint8Array): Buffer | null {
  const type = photoType(bytes);
  if (type === "jpeg") return jpegWithoutMetadata(Buffer.from(bytes));
  if (type === "png") return pngWithoutMetadata(Buffer.from(bytes));
  return null;
}

const APP1 = 0xe1;
const START_OF_SCAN = 0xda;
/** Markers with no length field after them: TEM and RST0–7 (SOI is handled before the loop). */
const standalone = (marker: number) => marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7);

/** JPEG: every APP1 segment (EXIF, XMP) dropped; everything from the start of scan on kept as is. */
function jpegWithoutMetadata(jpeg: Buffer): Buffer | null {
  const kept: Buffer[] = [jpeg.subarray(0, 2)];
  let at = 2;
  while (at < jpeg.length) {
    if (jpeg[at] !== 0xff) return null;
    const marker = jpeg[at + 1];
    if (marker === undefined) return null;
    if (marker === 0xff) {
      at++; // fill byte
      continue;
    }
    if (standalone(marker)) {
      kept.push(jpeg.subarray(at, at + 2));
      at += 2;
      continue;
    }
    if (at + 4 > jpeg.length) return null;
    const end = at + 2 + jpeg.readUInt16BE(at + 2);
    if (end > jpeg.length) return null;
    if (marker === START_OF_SCAN) {
      kept.push(jpeg.subarray(at));
      return Buffer.concat(kept);
    }
    if (marker !== APP1) kept.push(jpeg.subarray(at, end));
    at = end;
  }
  return null;
}

/** PNG chunks that can carry where a photo was taken: EXIF, and XMP or other text. */
const PNG_METADATA = new Set(["eXIf", "iTXt", "tEXt", "zTXt"]);

function pngWithoutMetadata(png: Buffer): Buffer | null {
  const kept: Buffer[] = [png.subarray(0, 8)];
  let at = 8;
  while (at + 12 <= png.length) {
    const length = png.readUInt32BE(at);
    const type = png.toString("latin1", at + 4, at + 8);
    const end = at + 12 + length;
    if (end > png.length) return null;
    if (!PNG_METADATA.has(type)) kept.push(png.subarray(at, end));
    at = end;
    if (type === "IEND") return Buffer.concat(kept);
  }
  return null;
}
