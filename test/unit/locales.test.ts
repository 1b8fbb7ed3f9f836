import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { LOCALES_DIR } from "../../src/i18n.js";

function keys(locale: string): Set<string> {
  const text = readFileSync(`${LOCALES_DIR}/${locale}.ftl`, "utf8");
  return new Set([...text.matchAll(/^([a-z][a-z0-9-]*)\s*=/gm)].map((m) => m[1] as string));
}

describe("locales", () => {
  it("has the same keys in every language", () => {
    const locales = readdirSync(LOCALES_DIR).map((f) => f.replace(/\.ftl$/, ""));
    expect(locales.sort()).toEqual(["en", "vi"]);
    const vi = keys("vi");
    const en = keys("en");
    expect([...vi].filter((k) => !en.has(k))).toEqual([]);
    expect([...en].filter((k) => !vi.has(k))).toEqual([]);
    expect(vi.size).toBeGreaterThan(20);
  });
});
