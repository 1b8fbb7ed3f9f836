/** Escapes text for Telegram's HTML parse mode; every piece of imported or typed data goes through it. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** A percentage as people write it: "6,6" in Vietnamese, "6.6" in English, up to four decimals. */
export function formatPercent(value: number, locale: "vi" | "en"): string {
  return value.toLocaleString(locale === "vi" ? "vi-VN" : "en-US", { maximumFractionDigits: 4 });
}
