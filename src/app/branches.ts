import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { z } from "zod";
import type { BranchScope } from "../data/branchContext.js";
import { ConfigError } from "./config.js";

/**
 * The branches one deployment serves (BRANCHES_FILE), or the single branch of BOT_TOKEN alone.
 * A branch's token and webhook secret are named here (an environment variable or a secrets file),
 * never written in the file: the file can be committed and reviewed, the secrets cannot.
 */
export interface Branch extends BranchScope {
  /** The name users see ("Chi nhánh NHCSXH tỉnh Điện Biên"), used where OPERATOR_NAME is. */
  name: string | undefined;
  token: string;
  webhookSecret: string | undefined;
  /** Telegram ids of the branch's administrators (scope: the whole branch). */
  admins: number[];
  /** The branch's own SMS brandname and Zalo OA, where it has them (else the deployment's). */
  channels: BranchChannels;
}

export interface BranchChannels {
  smsSender?: string;
  zns?: { appId: string; secretKey: string; refreshToken: string; templates: BranchZnsTemplates };
}
type BranchZnsTemplates = { interest?: string; principal?: string; overdue?: string };

export interface Deployment {
  branches: Branch[];
  /** Telegram ids of the central office's administrators: admins in every branch, national figures. */
  nationalAdmins: number[];
}

const TOKEN = /^\d+:[A-Za-z0-9_-]{30,}$/;
const SECRET = /^[A-Za-z0-9_-]{16,256}$/;
const telegramIds = z.array(z.number().int().positive()).default([]);
const secretSource = z.union([
  z.object({ env: z.string().regex(/^[A-Z][A-Z0-9_]*$/, "expected an environment variable name") }).strict(),
  z.object({ file: z.string().min(1) }).strict(),
]);

const templateId = z
  .string()
  .regex(/^\d{1,20}$/, "expected a numeric ZNS template id")
  .optional();
/** A branch's own Zalo OA: its app, its secrets (named, as the token), and the templates it registered. */
const branchZns = z
  .object({
    appId: z.string().regex(/^\d{1,30}$/, "expected the numeric Zalo app id"),
    secretKey: secretSource,
    refreshToken: secretSource,
    templates: z.object({ interest: templateId, principal: templateId, overdue: templateId }).strict(),
  })
  .strict();

const branchSchema = z
  .object({
    code: z.string().regex(/^[A-Z][A-Z0-9_]{1,19}$/, "expected 2–20 capital letters, digits or _ (e.g. DIENBIEN)"),
    name: z.string().regex(/^[^<>&{}\r\n]{2,100}$/, "expected 2–100 characters without < > & { } or line breaks"),
    token: secretSource,
    webhookSecret: secretSource.optional(),
    admins: telegramIds,
    /** The brandname the branch registered for its SMS, where it is not the deployment's SMS_SENDER. */
    smsSender: z
      .string()
      .regex(/^[A-Za-z0-9 ._-]{1,11}$/, "expected a brandname of 1–11 letters or digits")
      .optional(),
    zns: branchZns.optional(),
    /** The branch's database; default tindung_<code in lower case>. */
    database: z
      .string()
      .regex(/^[a-z][a-z0-9_]{1,40}$/)
      .optional(),
  })
  .strict();

const fileSchema = z
  .object({
    nationalAdmins: telegramIds,
    branches: z.array(branchSchema).min(1, "expected at least one branch"),
  })
  .strict()
  .superRefine((file, ctx) => {
    for (const key of ["code", "database"] as const) {
      const seen = new Set<string>();
      file.branches.forEach((branch, index) => {
        const value = branch[key] ?? databaseOf(branch.code);
        if (seen.has(value))
          ctx.addIssue({ code: "custom", path: ["branches", index, key], message: `${value} twice` });
        seen.add(value);
      });
    }
  });

const databaseOf = (code: string) => `tindung_${code.toLowerCase()}`;

interface Secrets {
  env: NodeJS.ProcessEnv;
  /** Where relative secret files are found (the settings file's folder). */
  baseDir: string;
}

function readSecret(source: z.infer<typeof secretSource>, secrets: Secrets, where: string): string {
  if ("env" in source) {
    const value = secrets.env[source.env]?.trim();
    if (!value) throw new ConfigError([`${where}: environment variable ${source.env} is not set`]);
    return value;
  }
  try {
    return readFileSync(resolve(secrets.baseDir, source.file), "utf8").trim();
  } catch {
    throw new ConfigError([`${where}: cannot read the secrets file ${source.file}`]);
  }
}

/**
 * Reads and checks BRANCHES_FILE: one line per problem, as for the environment. `secrets: false` for
 * a command that sends nothing (an import needs no bot token): the tokens are then not read.
 */
export function loadDeployment(path: string, env: NodeJS.ProcessEnv, webhook: boolean, secrets = true): Deployment {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new ConfigError([`BRANCHES_FILE: cannot read ${path} as JSON (${(error as Error).message.split("\n")[0]})`]);
  }
  const parsed = fileSchema.safeParse(raw);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `BRANCHES_FILE ${i.path.join(".")}: ${i.message}`));
  }
  const from = { env, baseDir: dirname(resolve(path)) };
  const branches = parsed.data.branches.map((branch, index): Branch => {
    const where = `BRANCHES_FILE branches.${index} (${branch.code})`;
    const database = branch.database ?? databaseOf(branch.code);
    if (!secrets) {
      return {
        code: branch.code,
        name: branch.name,
        token: "",
        webhookSecret: undefined,
        admins: branch.admins,
        database,
        channels: branch.smsSender ? { smsSender: branch.smsSender } : {},
      };
    }
    const token = readSecret(branch.token, from, `${where} token`);
    if (!TOKEN.test(token)) throw new ConfigError([`${where} token: expected a token from @BotFather`]);
    const webhookSecret = branch.webhookSecret && readSecret(branch.webhookSecret, from, `${where} webhookSecret`);
    if (webhook && !webhookSecret) throw new ConfigError([`${where} webhookSecret: required when BOT_MODE=webhook`]);
    if (webhookSecret && !SECRET.test(webhookSecret)) {
      throw new ConfigError([`${where} webhookSecret: expected 16–256 characters of A–Z, a–z, 0–9, _ or -`]);
    }
    return {
      code: branch.code,
      name: branch.name,
      token,
      webhookSecret,
      admins: branch.admins,
      database,
      channels: channelsOf(branch, from, where),
    };
  });
  if (!secrets) return { branches, nationalAdmins: parsed.data.nationalAdmins };
  const tokens = new Set(branches.map((b) => b.token));
  if (tokens.size !== branches.length) throw new ConfigError(["BRANCHES_FILE: two branches use the same bot token"]);
  return { branches, nationalAdmins: parsed.data.nationalAdmins };
}

function channelsOf(branch: z.infer<typeof branchSchema>, from: Secrets, where: string): BranchChannels {
  const { smsSender, zns } = branch;
  return {
    ...(smsSender ? { smsSender } : {}),
    ...(zns
      ? {
          zns: {
            appId: zns.appId,
            secretKey: readSecret(zns.secretKey, from, `${where} zns.secretKey`),
            refreshToken: readSecret(zns.refreshToken, from, `${where} zns.refreshToken`),
            templates: zns.templates,
          },
        }
      : {}),
  };
}

/** The simple default: one branch, BOT_TOKEN, everything in the home database. */
export function singleBranch(options: {
  token: string;
  webhookSecret?: string | undefined;
  admins: readonly number[];
  name?: string | undefined;
}): Deployment {
  return {
    branches: [
      {
        code: "MAIN",
        name: options.name,
        token: options.token,
        webhookSecret: options.webhookSecret,
        admins: [...options.admins],
        database: null,
        channels: {},
      },
    ],
    nationalAdmins: [],
  };
}

/** The branch a command works for: BRANCH=<code>, which may be left out when there is only one. */
export function chooseBranch(deployment: Deployment, code: string | undefined): Branch {
  const { branches } = deployment;
  if (!code) {
    if (branches.length === 1 && branches[0]) return branches[0];
    throw new ConfigError([`BRANCH: required, one of ${branches.map((b) => b.code).join(", ")}`]);
  }
  const branch = branches.find((b) => b.code === code.trim().toUpperCase());
  if (!branch)
    throw new ConfigError([`BRANCH: no branch ${code}; expected one of ${branches.map((b) => b.code).join(", ")}`]);
  return branch;
}

/** Who administers a branch: its own admins and the central office's. */
export const adminsOf = (deployment: Deployment, branch: Branch): number[] => [
  ...new Set([...branch.admins, ...deployment.nationalAdmins]),
];
