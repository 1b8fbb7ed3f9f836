import { readFile, stat } from "node:fs/promises";
import { isAbsolute } from "node:path";
import type { Api } from "grammy";

/** How long one download may take before it is given up. */
const DOWNLOAD_TIMEOUT_MS = 30_000;

/**
 * A Telegram file in memory, or null when it is larger than `maxBytes` (by what Telegram says of it
 * and by what actually arrives), or cannot be fetched. With a local Bot API server in --local mode
 * file_path is a path on this machine, read directly.
 */
export async function downloadTelegramFile(
  api: Api,
  fileRoot: string,
  fileId: string,
  maxBytes: number,
): Promise<Buffer | null> {
  const file = await api.getFile(fileId);
  if (!file.file_path || (file.file_size ?? 0) > maxBytes) return null;
  if (isAbsolute(file.file_path)) {
    return (await stat(file.file_path)).size > maxBytes ? null : readFile(file.file_path);
  }
  const response = await fetch(`${fileRoot}/${file.file_path}`, { signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS) });
  if (!response.ok || !response.body) return null;
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    total += chunk.length;
    if (total > maxBytes) return null;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}
