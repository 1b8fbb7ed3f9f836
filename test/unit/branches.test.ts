import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { adminsOf, type Branch, chooseBranch, loadDeployment, singleBranch } from "../../src/app/branches.js";
import { branchChannelSettings, loadChannelSettings } from "../../src/app/channelConfig.js";
import { ConfigError, loadBotConfig } from "../../src/app/config.js";
import type { ZnsSettings } from "../../src/delivery/channels/settings.js";

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
      {
        code: "MAIN",
        name: undefined,
        token: TOKEN_A,
        webhookSecret: undefined,
        admins: [],
        database: null,
        channels: {},
      },
    ]);
    expect(problems(() => loadBotConfig({ DATA_DIR: dir, ID_HASH_SECRET: "x".repeat(16) }))[0]).toMatch(
      /^BOT_TOKEN: required/,
    );
    expect(
      problems(() => loadBotConfig({ BRANCHES_FILE: "b.json", DATA_DIR: dir, ID_HASH_SECRET: "x".repeat(16) })),
    ).toEqual([]);
  });

  it("gives a branch its own SMS brandname and Zalo OA (secrets named, templates its own), else the deployment's", () => {
    file("lc.token", `${TOKEN_B}\n`);
    file("lc-zalo.secret", "lai-chau-app-secret\n");
    const withChannels = {
      branches: [
        { ...twoBranches.branches[0], smsSender: "NHCSXH DB" },
        {
          ...twoBranches.branches[1],
          zns: {
            appId: "777",
            secretKey: { file: "lc-zalo.secret" },
            refreshToken: { env: "LC_ZALO_REFRESH" },
            templates: { interest: "9001" },
          },
        },
      ],
    };
    const env = { TOKEN_DB: TOKEN_A, LC_ZALO_REFRESH: "lc-refresh-token" };
    const [dienBien, laiChau] = loadDeployment(file("ch.json", withChannels), env, false).branches as [Branch, Branch];
    const deploymentWide = loadChannelSettings({
      PHONE_CHANNELS: "zns,sms",
      BRANCHES_FILE: "ch.json",
      SMPP_URL: "smpp://127.0.0.1:2775",
      SMPP_SYSTEM_ID: "bank",
      SMPP_PASSWORD: "secret",
      SMS_SENDER: "NHCSXH",
      ZNS_APP_ID: "555",
      ZNS_SECRET_KEY: "deployment-secret",
      ZNS_REFRESH_TOKEN: "deployment-refresh",
      ZNS_TEMPLATE_INTEREST: "1001",
      ZNS_TEMPLATE_OVERDUE: "1003",
    });
    const db = branchChannelSettings(deploymentWide, dienBien);
    expect([db.smpp?.sender, db.zns?.appId, db.zns?.templates]).toEqual([
      "NHCSXH DB",
      "555",
      { interest: "1001", overdue: "1003" },
    ]);
    const lc = branchChannelSettings(deploymentWide, laiChau);
    expect([lc.smpp?.sender, lc.zns?.appId, lc.zns?.secretKey, lc.zns?.refreshToken, lc.zns?.templates]).toEqual([
      "NHCSXH",
      "777",
      "lai-chau-app-secret",
      "lc-refresh-token",
      { interest: "9001" },
    ]);
    // A branch's OA with Zalo not in use, or Zalo in use with no OA for a branch, is said at start.
    expect(problems(() => branchChannelSettings({ ...deploymentWide, zns: null }, laiChau))).toEqual([
      "BRANCHES_FILE branch LAICHAU zns: PHONE_CHANNELS does not list zns",
    ]);
    const noDefaultApp = { ...deploymentWide, zns: { ...(deploymentWide.zns as ZnsSettings), appId: "" } };
    expect(problems(() => branchChannelSettings(noDefaultApp, dienBien))[0]).toMatch(/DIENBIEN zns: required/);
    expect(problems(() => loadDeployment(file("ch2.json", withChannels), { TOKEN_DB: TOKEN_A }, false))).toEqual([
      "BRANCHES_FILE branches.1 (LAICHAU) zns.refreshToken: environment variable LC_ZALO_REFRESH is not set",
    ]);
  });
});
