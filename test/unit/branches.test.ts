import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { adminsOf, chooseBranch, loadDeployment, singleBranch } from "../../src/app/branches.js";
import { ConfigError, loadBotConfig } from "../../src/app/config.js";

const TOKEN_A = "111111:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
const TOKEN_B = "222222:BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB";
const dir = mkdtempSync(join(tmpdir(), "branches-"));
const file = (name: string, content: unknown) => {
  const path = join(dir, name);
  writeFileSync(path, typeof content === "string" ? content : JSON.stringify(content));
  return path;
};
const problems = (run: () => unknown): string[] => {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
};
const twoBranches = {
  nationalAdmins: [9],
  branches: [
    { code: "DIENBIEN", name: "Chi nhánh Điện Biên", token: { env: "TOKEN_DB" }, admins: [1] },
    { code: "LAICHAU", name: "Chi nhánh Lai Châu", token: { file: "lc.token" }, admins: [2, 9] },
  ],
};

describe("the branches settings file", () => {
  it("reads each branch's token from the environment or a secrets file next to it, and names its database", () => {
    file("lc.token", `${TOKEN_B}\n`);
    const deployment = loadDeployment(file("ok.json", twoBranches), { TOKEN_DB: TOKEN_A }, false);
    expect(deployment.branches.map((b) => [b.code, b.token, b.database])).toEqual([
      ["DIENBIEN", TOKEN_A, "tindung_dienbien"],
      ["LAICHAU", TOKEN_B, "tindung_laichau"],
    ]);
    expect(adminsOf(deployment, deployment.branches[1] as never)).toEqual([2, 9]);
    expect(chooseBranch(deployment, "laichau").code).toBe("LAICHAU");
  });

  it("refuses a token written in the file itself, a code used twice, two branches on one token, a missing secret", () => {
    const inline = { branches: [{ code: "DB", name: "Điện Biên", token: TOKEN_A }] };
    expect(problems(() => loadDeployment(file("inline.json", inline), {}, false)).join()).toMatch(/branches\.0\.token/);
    const twice = { branches: [twoBranches.branches[0], { ...twoBranches.branches[0], token: { env: "OTHER" } }] };
    expect(
      problems(() => loadDeployment(file("twice.json", twice), { TOKEN_DB: TOKEN_A, OTHER: TOKEN_B }, false)),
    ).toEqual([
      "BRANCHES_FILE branches.1.code: DIENBIEN twice",
      "BRANCHES_FILE branches.1.database: tindung_dienbien twice",
    ]);
    const shared = { branches: [twoBranches.branches[0], { ...twoBranches.branches[1], token: { env: "TOKEN_DB" } }] };
    expect(problems(() => loadDeployment(file("shared.json", shared), { TOKEN_DB: TOKEN_A }, false))).toEqual([
      "BRANCHES_FILE: two branches use the same bot token",
    ]);
    expect(problems(() => loadDeployment(file("ok2.json", twoBranches), {}, false))).toEqual([
      "BRANCHES_FILE branches.0 (DIENBIEN) token: environment variable TOKEN_DB is not set",
    ]);
    expect(problems(() => loadDeployment(file("ok3.json", twoBranches), { TOKEN_DB: TOKEN_A }, true))).toEqual([
      "BRANCHES_FILE branches.0 (DIENBIEN) webhookSecret: required when BOT_MODE=webhook",
    ]);
    expect(problems(() => loadDeployment(file("bad.json", "{ not json"), {}, false))[0]).toMatch(
      /cannot read .* as JSON/,
    );
  });

  it("asks a command which branch it works for when there are several", () => {
    file("lc.token", TOKEN_B);
    const deployment = loadDeployment(file("ok4.json", twoBranches), { TOKEN_DB: TOKEN_A }, false);
    expect(problems(() => chooseBranch(deployment, undefined))).toEqual(["BRANCH: required, one of DIENBIEN, LAICHAU"]);
    expect(problems(() => chooseBranch(deployment, "HANOI"))[0]).toMatch(/no branch HANOI/);
  });

  it("keeps BOT_TOKEN alone as the simple default: one branch in the home database", () => {
    const config = loadBotConfig({ BOT_TOKEN: TOKEN_A, DATA_DIR: dir, ID_HASH_SECRET: "x".repeat(16) });
    expect(singleBranch({ token: config.BOT_TOKEN ?? "", admins: [] }).branches).toEqual([
      { code: "MAIN", name: undefined, token: TOKEN_A, webhookSecret: undefined, admins: [], database: null },
    ]);
    expect(problems(() => loadBotConfig({ DATA_DIR: dir, ID_HASH_SECRET: "x".repeat(16) }))[0]).toMatch(
      /^BOT_TOKEN: required/,
    );
    expect(
      problems(() => loadBotConfig({ BRANCHES_FILE: "b.json", DATA_DIR: dir, ID_HASH_SECRET: "x".repeat(16) })),
    ).toEqual([]);
  });
});
