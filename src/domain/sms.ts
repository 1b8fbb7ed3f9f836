/**
 * SMS text rules. The bank's SMS go out in Vietnamese without diacritics, in the GSM 03.38 7-bit
 * alphabet, so that one message holds 160 characters (with a single character outside it, the
 * whole message would go as UCS-2 and hold 70).
 */

/** The GSM 03.38 basic character set (one septet each). */
const GSM7_BASIC = new Set(
  "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà",
);
/** The extension table: each costs two septets (an escape, then the character). */
const GSM7_EXTENDED = new Set("^{}\\[~]|€\f");

export const SMS_SINGLE_SEGMENT = 160;
/** Each part of a concatenated message loses 7 septets to its header. */
const SMS_CONCATENATED_SEGMENT = 153;

/**
 * "Nguyễn Thị Hằng, 1.250.000 ₫" → "Nguyen Thi Hang, 1.250.000 d": marks removed, đ/Đ to d/D, the
 * đồng sign to "d", typographic quotes and dashes to their plain forms, anything else outside the
 * GSM-7 alphabet to "?".
 */
export function toSmsText(text: string): string {
  const plain = text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .replace(/₫/g, "d")
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/[\u2013\u2014]/g, "-")
    .replace(/[\u00a0\u2009\u202f]/g, " ");
  let out = "";
  for (const ch of plain) out += GSM7_BASIC.has(ch) || GSM7_EXTENDED.has(ch) ? ch : "?";
  return out;
}

/** Septets the text takes in GSM-7, or null when it cannot be written in GSM-7 at all. */
export function gsm7Length(text: string): number | null {
  let septets = 0;
  for (const ch of text) {
    if (GSM7_BASIC.has(ch)) septets += 1;
    else if (GSM7_EXTENDED.has(ch)) septets += 2;
    else return null;
  }
  return septets;
}

/** How many SMS (segments) the text is billed as: GSM-7 when it fits the alphabet, else UCS-2. */
export function smsSegments(text: string): number {
  const septets = gsm7Length(text);
  if (septets !== null) {
    return septets <= SMS_SINGLE_SEGMENT ? 1 : Math.ceil(septets / SMS_CONCATENATED_SEGMENT);
  }
  const units = text.length;
  return units <= 70 ? 1 : Math.ceil(units / 67);
}

/**
 * Builds one SMS from a required part and optional parts in order of importance: each optional
 * part is added only while the whole still fits one segment. The required part alone may be longer
 * (then it goes as several segments: the content did not allow one).
 */
export function fitOneSegment(required: string, optional: readonly string[]): string {
  let text = toSmsText(required);
  for (const part of optional) {
    const candidate = `${text}${toSmsText(part)}`;
    const septets = gsm7Length(candidate);
    if (septets !== null && septets <= SMS_SINGLE_SEGMENT) text = candidate;
  }
  return text;
}

/** Shortens a name or place to at most `max` characters, at a word boundary where possible. */
export function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(" ");
  return (space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.-]+$/, "");
}

/**
 * Whether a text a phone sent the brandname refuses further messages: STOP, or the Vietnamese words
 * people use ("từ chối", "huỷ", "dừng", "không nhận"), with or without diacritics, any case.
 */
export function isStopWord(text: string): boolean {
  const folded = text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase()
    .trim();
  return /^(stop|tu ?choi|huy|dung|khong nhan)\b/.test(folded);
}

/**
 * What must never go out under the bank's brandname, in a text an import or an officer can set (a
 * transaction place, a name): an account or phone number (seven digits or more, however spaced), a
 * link, or the words fraudsters use to make people pay or give a code away. Returns what was found
 * (for the officer's message, as written without diacritics), or null when the text is safe.
 */
export function unsafeForBrandname(text: string): string | null {
  const folded = text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase();
  const found =
    /(\d[\s.\-/]?){6,}\d/.exec(folded) ??
    /(https?:\/\/\S*|www\.\S*|\b[a-z0-9-]+\.(vn|com|net|org|me|io|ly|co|link|xyz|top|info)\b\S*)/.exec(folded) ??
    /\b(chuyen khoan|chuyen tien|nap tien|so tai khoan|tai khoan|stk|otp|ma xac (nhan|thuc)|mat khau)\b/.exec(folded);
  return found ? found[0].trim() : null;
}
