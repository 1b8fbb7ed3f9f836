import { describe, expect, it } from "vitest";
import { acceptedPhotoMime, photoType, withoutLocation } from "../../src/domain/photo.js";
import { GPS_TEXT, jpegWithLocation, pngWithLocation } from "../support/photos.js";

const has = (bytes: Buffer | null, text: string) => (bytes ?? Buffer.alloc(0)).includes(Buffer.from(text, "latin1"));

describe("hardship photos: type by their bytes, location removed", () => {
  it("knows JPEG and PNG by their first bytes, whatever a file claims", () => {
    expect(photoType(jpegWithLocation())).toBe("jpeg");
    expect(photoType(pngWithLocation())).toBe("png");
    expect(photoType(Buffer.from("<html>not a photo</html>"))).toBeNull();
    expect(photoType(Buffer.alloc(0))).toBeNull();
    expect(acceptedPhotoMime("image/jpeg")).toBe(true);
    expect(acceptedPhotoMime("image/svg+xml")).toBe(false);
    expect(acceptedPhotoMime(undefined)).toBe(false);
  });

  it("drops a JPEG's EXIF segment and keeps every other segment and the scan data byte for byte", () => {
    const original = jpegWithLocation(7);
    expect(has(original, GPS_TEXT)).toBe(true);
    const cleaned = withoutLocation(original) as Buffer;
    expect(has(cleaned, GPS_TEXT)).toBe(false);
    expect(has(cleaned, "Exif")).toBe(false);
    expect(has(cleaned, "JFIF")).toBe(true);
    // Only the APP1 segment (2 marker + 2 length + body) is gone; the end (scan, EOI) is identical.
    const app1Length = 2 + 2 + 6 + GPS_TEXT.length;
    expect(cleaned.length).toBe(original.length - app1Length);
    expect(cleaned.subarray(-12).equals(original.subarray(-12))).toBe(true);
    expect(withoutLocation(cleaned)?.equals(cleaned)).toBe(true);
  });

  it("drops a PNG's eXIf and text chunks and keeps the image chunks", () => {
    const cleaned = withoutLocation(pngWithLocation()) as Buffer;
    expect(has(cleaned, GPS_TEXT)).toBe(false);
    for (const kept of ["IHDR", "IDAT", "IEND"]) expect(has(cleaned, kept)).toBe(true);
  });

  it("refuses (null) what it cannot follow rather than store it with its location", () => {
    const jpeg = jpegWithLocation();
    expect(withoutLocation(jpeg.subarray(0, 20))).toBeNull();
    const badLength = Buffer.from(jpeg);
    badLength.writeUInt16BE(60_000, 4);
    expect(withoutLocation(badLength)).toBeNull();
    expect(withoutLocation(pngWithLocation().subarray(0, 40))).toBeNull();
    expect(withoutLocation(Buffer.from("GIF89a"))).toBeNull();
  });
});
