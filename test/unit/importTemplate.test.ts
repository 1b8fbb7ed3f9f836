import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { COLUMNS, HEADERS, mapHeaders } from "../../src/import/template.js";

describe("import template", () => {
  it("is documented column by column in docs/import.md", () => {
    const doc = readFileSync(new URL("../../docs/import.md", import.meta.url), "utf8");
    for (const column of Object.values(COLUMNS)) {
      expect(doc).toContain(`| ${column.header} | ${column.required ? "yes" : "no"} |`);
    }
  });

  it("matches the sample file's header row", () => {
    const sample = readFileSync(new URL("../../examples/import-sample.csv", import.meta.url), "utf8");
    expect(sample.split("\n")[0]).toBe(HEADERS.join(","));
  });

  it("matches headers without diacritics or case and reports missing, unknown and repeated ones", () => {
    const mapping = mapHeaders(["MA KHACH HANG", "mã  khách hàng", "Ghi chú", "So khe uoc"]);
    expect(mapping.positions.get(0)).toBe("customerCode");
    expect(mapping.positions.get(3)).toBe("loanNumber");
    expect(mapping.duplicated).toEqual(["Mã khách hàng"]);
    expect(mapping.unknown).toEqual(["Ghi chú"]);
    expect(mapping.missing).toContain("Mã PGD");
    expect(mapping.missing).not.toContain("Số khế ước");
  });
});
