import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadBaseConfig } from "../../src/app/config.js";
import { createI18n, LOCALES_DIR } from "../../src/i18n.js";

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

describe("who speaks (OPERATOR_NAME)", () => {
  it("does not present the bot as the bank unless an operator is named, and then names it", () => {
    const plain = createI18n();
    expect(plain.t("vi", "start-welcome")).toContain("không phải kênh chính thức");
    expect(plain.t("vi", "reminder-signature-bank")).not.toContain("Ngân hàng");
    expect(plain.t("vi", "broadcast-header")).not.toContain("Ngân hàng");
    const named = createI18n({ operatorName: "Chi nhánh NHCSXH tỉnh Gia Lai" });
    expect(named.t("vi", "start-welcome")).toContain("trợ lý vay vốn của Chi nhánh NHCSXH tỉnh Gia Lai");
    expect(named.t("en", "broadcast-header")).toContain("Notice from Chi nhánh NHCSXH tỉnh Gia Lai");
    expect(named.t("vi", "reminder-signature-bank")).toBe("— Chi nhánh NHCSXH tỉnh Gia Lai");
  });

  it("refuses an operator name that could break the HTML of a notice", () => {
    expect(() =>
      loadBaseConfig({ OPERATOR_NAME: "<b>Bank</b>", DATA_DIR: mkdtempSync(join(tmpdir(), "op-")) }),
    ).toThrow(/OPERATOR_NAME/);
  });
});

describe("how the Vietnamese texts address people", () => {
  it("addresses borrowers as a bank letter would (ông/bà), never 'bạn'", () => {
    const text = readFileSync(`${LOCALES_DIR}/vi.ftl`, "utf8");
    expect(text).not.toMatch(/\bbạn\b/iu);
    expect(text).toContain("Dư nợ của hộ ông/bà");
  });
});

describe("English counts", () => {
  const i18n = createI18n();
  it.each([
    ["import-summary-rejected", { count: 1 }, "The file has 1 error. Nothing was changed."],
    ["import-summary-rejected", { count: 2 }, "The file has 2 errors. Nothing was changed."],
    ["import-summary-applied", { rows: 1 }, "Imported 1 row."],
    ["import-summary-applied", { rows: 1200 }, "Imported 1,200 rows."],
    ["import-summary-dry-run", { rows: 1 }, "Dry run: 1 valid row. Nothing was changed."],
    ["import-error-too-many-errors", { count: 1 }, "… and 1 more error not listed."],
    ["import-chat-errors-file", { count: 1 }, "The error is in the attached file."],
    ["import-chat-errors-file", { count: 30 }, "All 30 errors are in the attached file."],
    ["broadcast-reach-unreachable", { count: 1 }, "1 account the bot cannot reach will be left out."],
    ["find-link-linked", { count: 1 }, "linked (1 account)"],
    ["find-link-linked", { count: 2 }, "linked (2 accounts)"],
    ["stats-overdue-row", { commune: "X", amount: "1 ₫", count: 1 }, "• X: 1 ₫ (1 loan)"],
  ])("%s with %o", (key, vars, expected) => {
    expect(i18n.t("en", key, vars as Record<string, string | number>)).toBe(expected);
  });

  it("writes thousands the Vietnamese way in Vietnamese", () => {
    expect(i18n.t("vi", "import-summary-applied", { rows: 1200 })).toContain("1.200");
  });
});
