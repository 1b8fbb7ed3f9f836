import { existsSync, readdirSync, readFileSync } from "node:fs";
import { extname } from "node:path";
import { fileURLToPath } from "node:url";

/** Where `npm run build` puts the page (scripts/build-dashboard.mjs): dist/web, from src/ or dist/ alike. */
export const WEB_DIR = fileURLToPath(new URL("../../dist/web/", import.meta.url));

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
};

export interface Asset {
  body: Buffer;
  type: string;
}

/**
 * The built page's files, read once into memory: what is served is exactly this list (no path from
 * a request ever reaches the file system). Empty when the page was not built.
 */
export function loadAssets(dir = WEB_DIR): Map<string, Asset> {
  const assets = new Map<string, Asset>();
  if (!existsSync(dir)) return assets;
  for (const name of readdirSync(dir)) {
    const type = TYPES[extname(name)];
    if (type) assets.set(name, { body: readFileSync(`${dir}${name}`), type });
  }
  return assets;
}
