import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { longFunctions } from "../support/functionLengths.js";

const MAX_LINES = 80;

describe("functions short enough to read at once", () => {
  it(`has no function over ${MAX_LINES} lines in src/ without a reason written above it`, () => {
    const unexplained = longFunctions("src", MAX_LINES)
      .filter((f) => f.reason === null)
      .map((f) => `${f.file}:${f.line} ${f.name} (${f.lines} lines)`);
    expect(unexplained).toEqual([]);
  });

  it("finds a long function, and accepts it only with a reason", () => {
    const dir = mkdtempSync(join(tmpdir(), "fn-length-"));
    const body = Array.from({ length: 85 }, (_, i) => `  const v${i} = ${i};`).join("\n");
    writeFileSync(join(dir, "long.ts"), `export function long() {\n${body}\n}\n`);
    writeFileSync(
      join(dir, "explained.ts"),
      `/** Long because it is a table. */\nexport const explained = () => {\n${body}\n};\n`,
    );
    const found = longFunctions(dir, MAX_LINES);
    expect(found.map((f) => [f.name, f.reason === null])).toEqual(
      expect.arrayContaining([
        ["long", true],
        ["explained", false],
      ]),
    );
  });
});
