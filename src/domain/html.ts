/** Escapes text for Telegram's HTML parse mode; every piece of imported or typed data goes through it. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
