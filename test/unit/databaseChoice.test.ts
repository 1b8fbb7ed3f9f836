import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { findLocalMongod } from "../../src/data/ferretdb.js";

describe("the test harness's choice of database", () => {
  const saved = { MONGOD_BIN: process.env.MONGOD_BIN, PATH: process.env.PATH };
  let dir = "";
  afterEach(() => {
    process.env.MONGOD_BIN = saved.MONGOD_BIN;
    if (saved.MONGOD_BIN === undefined) delete process.env.MONGOD_BIN;
    process.env.PATH = saved.PATH;
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const fakeBinary = (name: string, output: string) => {
    dir = mkdtempSync(join(tmpdir(), "tindung-mongod-"));
    const path = join(dir, name);
    writeFileSync(path, `#!/bin/sh\necho "${output}"\n`);
    chmodSync(path, 0o755);
    return path;
  };

  it("prefers a mongod named by MONGOD_BIN that answers like one", () => {
    const path = fakeBinary("mongod", "db version v7.0.14");
    process.env.MONGOD_BIN = path;
    expect(findLocalMongod()).toBe(path);
  });

  it("finds a mongod on PATH, and ignores a program that is not one", () => {
    const path = fakeBinary("mongod", "db version v8.0.3");
    process.env.PATH = `${dir}:${saved.PATH}`;
    expect(findLocalMongod()).toBe("mongod");
    writeFileSync(path, '#!/bin/sh\necho "something else"\n');
    expect(findLocalMongod()).not.toBe("mongod");
  });
});
