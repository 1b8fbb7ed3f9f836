import { describe, expect, it } from "vitest";
import { BORROWER_COMMANDS, borrowerCommandMenu, STAFF_COMMANDS, staffCommandMenu } from "../../src/bot/menus.js";
import { createI18n } from "../../src/i18n.js";

describe("command menu", () => {
  it("lists every borrower command in Vietnamese by default and in English for English clients", () => {
    const { scopes, uncompliantCommands } = borrowerCommandMenu(createI18n()).toArgs();
    expect(uncompliantCommands).toEqual([]);
    const byLanguage = new Map(scopes.map((s) => [s.language_code ?? "default", s.commands]));
    expect(byLanguage.get("default")?.map((c) => c.command)).toEqual([...BORROWER_COMMANDS]);
    expect(byLanguage.get("default")?.find((c) => c.command === "balance")?.description).toBe("Xem dư nợ");
    expect(byLanguage.get("en")?.find((c) => c.command === "balance")?.description).toBe("My balance");
  });

  it("gives officers their commands on top, described in both languages", () => {
    const { scopes, uncompliantCommands } = staffCommandMenu(createI18n()).toArgs();
    expect(uncompliantCommands).toEqual([]);
    const byLanguage = new Map(scopes.map((s) => [s.language_code ?? "default", s.commands]));
    expect(byLanguage.get("default")?.map((c) => c.command)).toEqual([...BORROWER_COMMANDS, ...STAFF_COMMANDS]);
    expect(byLanguage.get("en")?.find((c) => c.command === "broadcast")?.description).toBe("Write and send a notice");
  });
});
