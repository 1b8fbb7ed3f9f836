import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, loadBaseConfig, loadBotConfig } from "../../src/app/config.js";
import { CATALOGUE_DIR, loadHolidays, loadProgrammeCatalogue } from "../../src/catalogue/load.js";
import { rateOn, reliefsFor } from "../../src/catalogue/rates.js";
import { catalogueSchema } from "../../src/catalogue/schema.js";
import { formatRate } from "../../src/domain/rates.js";
import { loadReminderConfig } from "../../src/reminders/config.js";

describe("programme catalogue", () => {
  it("loads, with a source and a checked date on every rate rule", () => {
    const catalogue = loadProgrammeCatalogue();
    expect(catalogue.checkedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(catalogue.sources.length).toBeGreaterThan(0);
    for (const p of catalogue.programmes) {
      expect(p.rate.schedule.length, p.code).toBeGreaterThan(0);
      for (const rule of p.rate.schedule) expect(rule.source && rule.basis && rule.checkedOn, p.code).toBeTruthy();
    }
    const poor = catalogue.programmes.find((p) => p.code === "HN");
    expect(poor?.maxAmount.dong).toBe(100_000_000);
    expect(catalogue.programmes.find((p) => p.code === "NOHN")?.openToNewLoans).toBe(false);
  });

  // The table of ../shared/domain.md ("Rate / year from 1 Dec 2025"), computed from the rules.
  it.each([
    ["HN", "6,24"],
    ["CN", "7,488"],
    ["MTN", "7,8"],
    ["HSSV", "6,24"],
    ["GQVL", "7,9248"],
    ["NSVS", "8,4"],
    ["NOXH", "5,4"],
    ["XKLD", "7,9248"],
    ["SXKD", "7,8"],
    ["TMKK", "7,8"],
    ["STEM", "4,8"],
    ["CHAT", "6,24"],
    ["NOHN", "3"],
  ])("gives %s the rate of the domain sheet on 1 Jan 2026: %s %%/year", (code, rate) => {
    const found = rateOn(loadProgrammeCatalogue(), code, "2026-01-01");
    expect(found && formatRate(found.ppm, "vi")).toBe(rate);
  });

  it("changes the rates on 1 Dec 2025 as Decision 2553 says, dependent programmes with them", () => {
    const catalogue = loadProgrammeCatalogue();
    const on = (code: string, date: string) => rateOn(catalogue, code, date);
    expect(on("HN", "2025-11-30")?.ppm).toBe(66_000);
    expect(on("HN", "2025-12-01")?.ppm).toBe(62_400);
    expect(on("CN", "2025-11-30")?.ppm).toBe(79_200);
    expect(on("CN", "2025-12-01")).toMatchObject({ ppm: 74_880, since: "2025-12-01" });
    expect(on("CN", "2025-12-01")?.basis).toContain("2553");
    expect(on("MTN", "2025-11-30")?.ppm).toBe(82_500);
    expect(on("NSVS", "2025-11-30")?.ppm).toBe(90_000);
    expect(on("NSVS", "2025-12-01")?.ppm).toBe(84_000);
    // Job creation moved to 127 % of the poor rate on 1 Jan 2026 (NĐ 338/2025).
    expect(on("GQVL", "2025-12-31")?.ppm).toBe(74_880);
    expect(on("GQVL", "2026-01-01")).toMatchObject({ ppm: 79_248, since: "2026-01-01" });
  });

  it("holds temporary relief as data, for the places it lists and its dates only", () => {
    const catalogue = loadProgrammeCatalogue();
    const relief = catalogue.reliefs.find((r) => r.id === "QD2654-2025");
    expect(relief).toMatchObject({ from: "2025-10-01", to: "2025-12-31", reductionPpm: 20_000 });
    const listed = { ...catalogue, reliefs: [{ ...(relief as NonNullable<typeof relief>), communes: ["X1"] }] };
    expect(reliefsFor(listed, "2025-11-15", { officeCode: "P", communeCode: "X1" })).toHaveLength(1);
    expect(reliefsFor(listed, "2026-01-02", { officeCode: "P", communeCode: "X1" })).toHaveLength(0);
    expect(reliefsFor(listed, "2025-11-15", { officeCode: "P", communeCode: "X2" })).toHaveLength(0);
  });

  it("rejects a catalogue with a repeated programme code", () => {
    const raw = JSON.parse(readFileSync(`${CATALOGUE_DIR}programmes.json`, "utf8"));
    raw.programmes.push(raw.programmes[0]);
    const result = catalogueSchema.safeParse(raw);
    expect(result.success).toBe(false);
    expect(JSON.stringify(result.error?.issues)).toContain("duplicate programme code HN");
  });

  it("has holiday closures in data", () => {
    expect(loadHolidays().closures.some((c) => c.name.includes("Tết"))).toBe(true);
  });
});

describe("configuration", () => {
  const token = "123456789:AAbbccddeeffgghhiijjkkllmmnnooppqq";

  it("names every bad variable with what is expected", () => {
    try {
      loadBotConfig({ BOT_TOKEN: "nope", MONGODB_URI: "http://x", LOG_LEVEL: "loud", ADMIN_TELEGRAM_IDS: "12,abc" });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const problems = (error as ConfigError).problems.join("\n");
      expect(problems).toContain("BOT_TOKEN");
      expect(problems).toContain("MONGODB_URI");
      expect(problems).toContain("LOG_LEVEL");
      expect(problems).toContain("ADMIN_TELEGRAM_IDS");
      expect((error as ConfigError).problems).toHaveLength(4);
    }
  });

  it("caps an import's heap at 512 MB unless told otherwise, and refuses a cap too small to import anything", () => {
    expect(loadBotConfig({ BOT_TOKEN: token }).IMPORT_WORKER_MEMORY_MB).toBe(512);
    expect(loadBotConfig({ BOT_TOKEN: token, IMPORT_WORKER_MEMORY_MB: "1024" }).IMPORT_WORKER_MEMORY_MB).toBe(1024);
    expect(() => loadBotConfig({ BOT_TOKEN: token, IMPORT_WORKER_MEMORY_MB: "64" })).toThrow(
      /IMPORT_WORKER_MEMORY_MB.*96/,
    );
  });

  it("requires the webhook's URL and secret in webhook mode only, and types them as present there", () => {
    expect(() => loadBotConfig({ BOT_TOKEN: token, BOT_MODE: "webhook" })).toThrow(/WEBHOOK_URL[\s\S]*WEBHOOK_SECRET/);
    expect(() =>
      loadBotConfig({
        BOT_TOKEN: token,
        BOT_MODE: "webhook",
        WEBHOOK_URL: "http://x.org/t",
        WEBHOOK_SECRET: "s".repeat(20),
      }),
    ).toThrow(/WEBHOOK_URL: expected the public https URL/);
    expect(() => loadBotConfig({ BOT_TOKEN: token, BOT_MODE: "carrier-pigeon" })).toThrow(
      /BOT_MODE: expected polling or webhook/,
    );
    const webhook = loadBotConfig({
      BOT_TOKEN: token,
      BOT_MODE: "webhook",
      WEBHOOK_URL: "https://bot.example.org/telegram",
      WEBHOOK_SECRET: "s".repeat(20),
    });
    if (webhook.BOT_MODE !== "webhook") throw new Error("expected webhook mode");
    const url: string = webhook.WEBHOOK_URL;
    expect(url).toBe("https://bot.example.org/telegram");
    expect(loadBotConfig({ BOT_TOKEN: token }).BOT_MODE).toBe("polling");
  });

  it("reports a missing token", () => {
    expect(() => loadBotConfig({})).toThrow(/BOT_TOKEN/);
  });

  it("accepts a good configuration and parses admin ids", () => {
    const config = loadBotConfig({
      BOT_TOKEN: token,
      ADMIN_TELEGRAM_IDS: "111, 222",
      BOT_API_ROOT: "http://127.0.0.1:8081",
    });
    expect(config.ADMIN_TELEGRAM_IDS).toEqual([111, 222]);
    expect(config.MONGODB_URI).toBeUndefined();
    expect(config.BOT_API_ROOT).toBe("http://127.0.0.1:8081");
  });

  it("requires ID_HASH_SECRET in production only", () => {
    expect(() => loadBaseConfig({ NODE_ENV: "production", MONGODB_URI: "mongodb://db/x" })).toThrow(/ID_HASH_SECRET/);
    const dataDir = mkdtempSync(join(tmpdir(), "tindung-config-"));
    expect(loadBaseConfig({ DATA_DIR: dataDir }).ID_HASH_SECRET.length).toBeGreaterThanOrEqual(16);
  });
});

describe("reminder settings file", () => {
  const dir = mkdtempSync(join(tmpdir(), "tindung-reminders-"));
  const write = (name: string, content: string) => {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  };

  it("uses the defaults without a file and overrides only what the file says", () => {
    expect(loadReminderConfig(undefined).interestDaysBefore).toEqual([3, 1]);
    const config = loadReminderConfig(write("ok.json", JSON.stringify({ interestDaysBefore: [5, 2] })));
    expect(config.interestDaysBefore).toEqual([5, 2]);
    expect(config.principalDaysBefore).toEqual([7, 1, 0]);
    expect(config.telegramLimits.globalPerSecond).toBe(30);
  });

  it("reports each problem in a bad file on its own line, and unreadable JSON clearly", () => {
    const bad = write(
      "bad.json",
      JSON.stringify({ sendingWindows: [{ from: "7am", to: "11:30" }], dispatch: { batchSize: 0 } }),
    );
    const problems = (() => {
      try {
        loadReminderConfig(bad);
      } catch (error) {
        return (error as ConfigError).problems;
      }
      return [];
    })();
    expect(problems).toHaveLength(2);
    expect(problems[0]).toContain("sendingWindows.0.from: expected HH:MM");
    expect(problems[1]).toContain("dispatch.batchSize");
    expect(() => loadReminderConfig(write("broken.json", "{"))).toThrow(/cannot read .* as JSON/);
  });
});
