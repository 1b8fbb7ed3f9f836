/**
 * Normalises a Vietnamese phone number to "+84…" (E.164). Accepts "0912 345 678", "0912.345.678",
 * "84912345678", "+84 912 345 678". Mobile numbers have 9 digits after the country code, landlines 10
 * (area code 2xx). Returns null when the text is not a Vietnamese number.
 */
export function normalizeVnPhone(text: string): string | null {
  const compact = text.trim().replace(/[\s.\-()]/g, "");
  let national: string;
  if (/^\+84\d+$/.test(compact)) national = compact.slice(3);
  else if (/^84\d{9,10}$/.test(compact)) national = compact.slice(2);
  else if (/^0\d+$/.test(compact)) national = compact.slice(1);
  else return null;
  const mobile = /^[35789]\d{8}$/.test(national);
  const landline = /^2\d{9}$/.test(national);
  return mobile || landline ? `+84${national}` : null;
}

/**
 * A stored "+84…" number as Vietnamese write it: mobiles "0867 207 431", landlines "024 3825 1234".
 * Anything else is returned as it is.
 */
export function formatVnPhone(e164: string): string {
  const m = /^\+84(\d+)$/.exec(e164);
  const national = m?.[1];
  if (!national) return e164;
  if (national.length === 9) return `0${national.slice(0, 3)} ${national.slice(3, 6)} ${national.slice(6)}`;
  if (national.length === 10) return `0${national.slice(0, 2)} ${national.slice(2, 6)} ${national.slice(6)}`;
  return `0${national}`;
}
