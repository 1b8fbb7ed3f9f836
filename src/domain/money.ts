/** Money is always an integer number of đồng. */
export type Dong = number;

export function isDong(value: unknown): value is Dong {
  return typeof value === "number" && Number.isSafeInteger(value);
}

/** 1250000 → "1.250.000 ₫" (Vietnamese grouping with dots, the đồng sign after a space). */
export function formatVnd(amount: Dong): string {
  if (!isDong(amount)) throw new RangeError("amount must be an integer number of đồng");
  const digits = Math.abs(amount)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ".");
  return `${amount < 0 ? "-" : ""}${digits} ₫`;
}

/**
 * Reads an amount typed by a person or exported by a spreadsheet: "1250000", "1.250.000",
 * "1,250,000", "1 250 000", with or without "đ"/"₫"/"VND". Dots and commas are accepted only as
 * thousands separators (groups of three), because đồng have no fractional part.
 * Returns null for anything else (negative numbers, decimals, words).
 */
export function parseDong(text: string): Dong | null {
  const cleaned = text
    .trim()
    .replace(/\s*(₫|đ|đồng|vnd|vnđ)$/i, "")
    .trim();
  if (/^\d+$/.test(cleaned)) return toSafe(cleaned);
  if (/^\d{1,3}([.,\s\u00a0]\d{3})+$/.test(cleaned)) {
    const separators = new Set(cleaned.replace(/\d/g, ""));
    if (separators.size !== 1) return null;
    return toSafe(cleaned.replace(/\D/g, ""));
  }
  return null;
}

function toSafe(digits: string): Dong | null {
  const n = Number(digits);
  return Number.isSafeInteger(n) ? n : null;
}
