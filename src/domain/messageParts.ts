/**
 * Long texts cut into Telegram messages. Pure; the translation function comes in (for the part
 * marker), so the delivery layer and the reminders share it.
 */

/** Telegram allows 4,096 characters; the rest is headroom for the part marker. */
export const MESSAGE_LIMIT = 3_900;

type Translate = (key: string, variables?: Record<string, string | number>) => string;

/**
 * Splits a long list into messages under the limit, repeating the header on each part and numbering
 * the parts; the footer goes on the last one.
 */
export function splitIntoMessages(
  t: Translate,
  header: readonly string[],
  rows: readonly string[],
  footer: readonly string[],
  limit = MESSAGE_LIMIT,
): string[] {
  const size = (lines: readonly string[]) => lines.reduce((n, l) => n + l.length + 1, 0);
  const room = limit - size(header) - size(footer) - 40;
  const chunks: string[][] = [[]];
  let used = 0;
  for (const row of rows) {
    const current = chunks.at(-1) as string[];
    if (current.length > 0 && used + row.length + 1 > room) {
      chunks.push([]);
      used = 0;
    }
    (chunks.at(-1) as string[]).push(row);
    used += row.length + 1;
  }
  return chunks.map((chunk, i) => {
    const marker = chunks.length > 1 ? [t("list-part", { part: i + 1, parts: chunks.length })] : [];
    const last = i === chunks.length - 1;
    return [...header, ...marker, ...chunk, ...(last ? footer : [])].join("\n");
  });
}
