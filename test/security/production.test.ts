/**
 * Attacker's checklist: production safety (issue 10, item 15).
 */
import { mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadBotConfig } from "../../src/app/config.js";

const TOKEN = "123456:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
const packageJson = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8"));

describe("item 15: production refuses unsafe defaults", () => {
  it("refuses to start in production without MONGODB_URI or ID_HASH_SECRET", () => {
    const secret = "0123456789abcdef0123";
    expect(() => loadBotConfig({ NODE_ENV: "production", BOT_TOKEN: TOKEN, ID_HASH_SECRET: secret })).toThrow(
      /MONGODB_URI: required in production/,
    );
    expect(() => loadBotConfig({ NODE_ENV: "production", BOT_TOKEN: TOKEN, MONGODB_URI: "mongodb://db/x" })).toThrow(
      /ID_HASH_SECRET: required in production/,
    );
    expect(
      loadBotConfig({ NODE_ENV: "production", BOT_TOKEN: TOKEN, MONGODB_URI: "mongodb://db/x", ID_HASH_SECRET: secret })
        .ID_HASH_SECRET,
    ).toBe(secret);
  });

  it("gives each embedded installation its own random secret, kept owner-only under DATA_DIR", () => {
    const one = mkdtempSync(join(tmpdir(), "tindung-a-"));
    const two = mkdtempSync(join(tmpdir(), "tindung-b-"));
    const first = loadBotConfig({ BOT_TOKEN: TOKEN, DATA_DIR: one }).ID_HASH_SECRET;
    expect(first).not.toBe("local-development-only-secret-do-not-use");
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    expect(loadBotConfig({ BOT_TOKEN: TOKEN, DATA_DIR: one }).ID_HASH_SECRET).toBe(first);
    expect(loadBotConfig({ BOT_TOKEN: TOKEN, DATA_DIR: two }).ID_HASH_SECRET).not.toBe(first);
    expect(statSync(join(one, "id-hash-secret")).mode & 0o077).toBe(0);
  });

  it("keeps mongodb-memory-server out of the production image (a development dependency)", () => {
    expect(packageJson.dependencies["mongodb-memory-server"]).toBeUndefined();
    expect(packageJson.devDependencies["mongodb-memory-server"]).toBeDefined();
  });
});
