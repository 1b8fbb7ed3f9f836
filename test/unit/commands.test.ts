import { describe, expect, it } from "vitest";
import { z } from "zod";
import { createBot } from "../../src/app/bot.js";
import { callbackKind } from "../../src/bot/callbackData.js";
import { CommandMenus } from "../../src/bot/menus.js";
import { createI18n } from "../../src/i18n.js";
import { logger } from "../../src/logger.js";
import { botInfo } from "../support/bot.js";
import { TEST_ID_SECRET } from "../support/secrets.js";

/** The menus as the real bot's features define them. */
function menusOfTheBot(): CommandMenus {
  const menus = new CommandMenus();
  createBot({ token: "1:test", botInfo, log: logger, idHashSecret: TEST_ID_SECRET, menus, i18n: createI18n() });
  return menus;
}

const BORROWER = [
  "start",
  "link",
  "balance",
  "duedates",
  "grouphead",
  "eligibility",
  "faq",
  "settings",
  "language",
  "unlink",
  "deletemydata",
  "privacy",
  "hardship",
];
const STAFF = [
  "broadcast",
  "cancel",
  "approve",
  "stats",
  "find",
  "optout",
  "optin",
  "confirmations",
  "experiment",
  "hardshipqueue",
  "disaster",
  "closure",
];

describe("command menus, from the features' own command definitions", () => {
  const menus = menusOfTheBot();
  const names = (audience: Parameters<CommandMenus["menu"]>[0], language?: "en") =>
    menus
      .menu(audience)
      .get(language)
      ?.map((c) => c.command);

  it("lists every borrower command in Vietnamese by default and in English for English clients", () => {
    expect(names("everyone")).toEqual(BORROWER);
    expect(names("everyone", "en")).toEqual(BORROWER);
    const vi = menus.menu("everyone").get(undefined);
    const en = menus.menu("everyone").get("en");
    expect(vi?.find((c) => c.command === "balance")?.description).toBe("Xem dư nợ");
    expect(en?.find((c) => c.command === "balance")?.description).toBe("My balance");
  });

  it("gives group heads, officers and admins their own commands on top", () => {
    expect(names("group-head")).toEqual([...BORROWER, "mygroup", "overdue"]);
    expect(names("staff")).toEqual([...BORROWER, ...STAFF]);
    expect(names("admin")).toEqual([...BORROWER, ...STAFF, "grant", "revoke", "audit", "national"]);
    const en = menus.menu("staff").get("en");
    expect(en?.find((c) => c.command === "broadcast")?.description).toBe("Write and send a notice");
  });

  it("defines each command once, with a description Telegram accepts", () => {
    const all = names("admin") ?? [];
    expect(new Set(all).size).toBe(all.length);
    for (const command of menus.menu("admin").get(undefined) ?? []) {
      expect(command.command).toMatch(/^[a-z0-9_]{1,32}$/);
      expect(command.description.length).toBeGreaterThan(2);
      expect(command.description.length).toBeLessThanOrEqual(256);
    }
  });
});

describe("typed callback data", () => {
  const kind = callbackKind("bc", { action: z.enum(["go", "x"]), id: z.string().regex(/^\w{1,40}$/) });

  it("decodes what it encodes", () => {
    const data = kind.encode({ action: "go", id: "a1b2c3d4" });
    expect(data).toBe("bc:go:a1b2c3d4");
    expect(kind.decode(data)).toEqual({ action: "go", id: "a1b2c3d4" });
  });

  it("refuses forged, stale or foreign data instead of guessing", () => {
    for (const raw of ["bc:go", "bc:go:a:b", "bc:run:a1", "bc:go:a b", "bcx:go:a1", "faq:go:a1", ""]) {
      expect(kind.decode(raw)).toBeNull();
    }
  });

  it("refuses to encode what Telegram would refuse or what would not decode back", () => {
    expect(() => kind.encode({ action: "go", id: "a:b" })).toThrow();
    expect(() => kind.encode({ action: "go", id: "x".repeat(70) })).toThrow();
  });

  it("coerces and bounds numeric fields", () => {
    const remove = callbackKind("lk:rm", { telegramUserId: z.coerce.number().int().positive() });
    expect(remove.decode("lk:rm:42")).toEqual({ telegramUserId: 42 });
    expect(remove.decode("lk:rm:-1")).toBeNull();
    expect(remove.decode("lk:rm:1.5")).toBeNull();
  });
});
