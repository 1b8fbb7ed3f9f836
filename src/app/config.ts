import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { config as loadDotenv } from "dotenv";
import { z } from "zod";
import { closuresSchema } from "../catalogue/schema.js";

const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

const optionalString = z
  .string()
  .trim()
  .transform((v) => (v === "" ? undefined : v))
  .optional();

/** Test settings: the clock and the closures of every process of a test. Refused in production. */
const testSchema = {
  /** Milliseconds added to the system clock (tests run "on" a chosen day, every process alike). */
  TEST_CLOCK_OFFSET_MS: optionalString.pipe(
    z
      .string()
      .regex(/^-?\d{1,15}$/, "expected a whole number of milliseconds")
      .transform(Number)
      .optional(),
  ),
  /** The closures instead of the holidays (a JSON array of {from, to, name}). */
  TEST_CLOSURES: optionalString.pipe(
    z
      .string()
      .transform((v, ctx) => {
        try {
          return JSON.parse(v) as unknown;
        } catch {
          ctx.addIssue({ code: "custom", message: "expected a JSON array of closures" });
          return z.NEVER;
        }
      })
      .pipe(closuresSchema)
      .optional(),
  ),
};

const baseSchema = z.object({
  ...testSchema,
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  MONGODB_URI: optionalString.pipe(
    z
      .string()
      .regex(/^mongodb(\+srv)?:\/\/\S+$/, "expected a MongoDB connection string such as mongodb://host:27017/tindung")
      .optional(),
  ),
  LOG_LEVEL: z.enum(LOG_LEVELS, { error: `expected one of ${LOG_LEVELS.join(", ")}` }).default("info"),
  DATA_DIR: z.string().min(1).default("./data"),
  ID_HASH_SECRET: optionalString.pipe(
    z.string().min(16, "expected a secret of at least 16 characters (e.g. `openssl rand -hex 32`)").optional(),
  ),
  /** Who runs the bot, named in greetings, signatures and broadcast headers ("Chi nhánh NHCSXH tỉnh …"). */
  OPERATOR_NAME: optionalString.pipe(
    z
      .string()
      .regex(/^[^<>&{}\r\n]{2,100}$/, "expected 2–100 characters without < > & { } or line breaks")
      .optional(),
  ),
  /** How long outbox records (deliveries, batches, attempts, outcomes) are kept; the audit log is kept for good. */
  RETENTION_MONTHS: z.coerce
    .number({ error: "expected a whole number of months, e.g. 13" })
    .int("expected a whole number of months, e.g. 13")
    .min(1, "expected at least 1 month")
    .max(120, "expected at most 120 months")
    .default(13),
  /** The heap an import by chat may use, in MB: a file that needs more is refused, the bot lives on. */
  IMPORT_WORKER_MEMORY_MB: z.coerce
    .number({ error: "expected a whole number of megabytes, e.g. 512" })
    .int("expected a whole number of megabytes, e.g. 512")
    .min(96, "expected at least 96 MB")
    .max(16384, "expected at most 16384 MB")
    .default(512),
  /** Updates one user may send in 3 seconds before the polite "slow down" (an album counts once). */
  USER_RATE_LIMIT: z.coerce
    .number({ error: "expected a whole number of updates, e.g. 6" })
    .int("expected a whole number of updates, e.g. 6")
    .min(1, "expected at least 1")
    .max(1000, "expected at most 1000")
    .default(6),
  /** Encrypts and signs backups (data/backupFiles.ts); required in production to write one. */
  BACKUP_KEY: optionalString.pipe(
    z.string().min(32, "expected a secret of at least 32 characters (e.g. `openssl rand -hex 32`)").optional(),
  ),
  /** The branches this deployment serves, with where their tokens are (app/branches.ts, docs/deployment.md). */
  BRANCHES_FILE: optionalString,
  /** Which branch a command (import, reminders, backup…) works for; may be left out with one branch. */
  BRANCH: optionalString,
  /** A JSON file overriding the reminder defaults (see src/reminders/config.ts and docs/reminders.md). */
  REMINDERS_CONFIG_FILE: optionalString,
  ADMIN_TELEGRAM_IDS: z
    .string()
    .default("")
    .transform((v, ctx) => {
      const ids = v
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean);
      const bad = ids.filter((s) => !/^\d{1,20}$/.test(s));
      if (bad.length > 0) {
        ctx.addIssue({
          code: "custom",
          message: `expected comma-separated numeric Telegram user ids, got: ${bad.join(", ")}`,
        });
        return z.NEVER;
      }
      return ids.map(Number);
    }),
});

const botCommon = {
  /** Required unless BRANCHES_FILE names each branch's token. */
  BOT_TOKEN: optionalString.pipe(
    z
      .string()
      .regex(/^\d+:[A-Za-z0-9_-]{30,}$/, "expected a token from @BotFather, like 123456789:AA…")
      .optional(),
  ),
  BOT_API_ROOT: optionalString.pipe(
    z.url({ error: "expected an http(s) URL such as http://localhost:8081" }).optional(),
  ),
  REMINDERS_ENABLED: z
    .enum(["true", "false"], { error: "expected true or false" })
    .default("true")
    .transform((v) => v === "true"),
  /** The public https URL of /dashboard (the Mini App); without it no menu button opens it. */
  DASHBOARD_URL: optionalString.pipe(
    z
      .url({
        protocol: /^https$/,
        error: "expected the public https URL of /dashboard (Telegram opens Mini Apps over https only)",
      })
      .optional(),
  ),
  /** How old a Mini App's signed initData may be before the dashboard refuses it. */
  DASHBOARD_MAX_AGE_SECONDS: z.coerce
    .number({ error: "expected a whole number of seconds" })
    .int("expected a whole number of seconds")
    .min(60, "expected at least 60 seconds")
    .max(86_400, "expected at most 86400 seconds (one day)")
    .default(3_600),
  HTTP_PORT: z.coerce
    .number({ error: "expected a TCP port number" })
    .int()
    .min(0, "expected a TCP port number")
    .max(65535, "expected a TCP port number")
    .default(8080),
};

/**
 * The bot process's settings, by BOT_MODE: long polling needs nothing more; a webhook needs its
 * public URL and secret, so they are typed as present wherever the mode is "webhook".
 */
const botSchema = z.discriminatedUnion(
  "BOT_MODE",
  [
    baseSchema.extend({ ...botCommon, BOT_MODE: z.literal("polling") }),
    baseSchema.extend({
      ...botCommon,
      BOT_MODE: z.literal("webhook"),
      WEBHOOK_URL: z
        .string({ error: "required when BOT_MODE=webhook (the public https URL of /telegram)" })
        .pipe(z.url({ protocol: /^https$/, error: "expected the public https URL Telegram should post updates to" })),
      /** How long a replica keeps an update it took before another may take it over (it died handling it). */
      WEBHOOK_UPDATE_LEASE_SECONDS: z.coerce
        .number({ error: "expected a whole number of seconds" })
        .int("expected a whole number of seconds")
        .min(1, "expected at least 1 second")
        .max(3_600, "expected at most 3600 seconds")
        .default(120),
      /** Required unless BRANCHES_FILE names each branch's secret. */
      WEBHOOK_SECRET: optionalString.pipe(
        z
          .string()
          .regex(/^[A-Za-z0-9_-]{16,256}$/, "expected 16–256 characters of A–Z, a–z, 0–9, _ or -")
          .optional(),
      ),
    }),
  ],
  { error: "expected polling or webhook" },
);

type Resolved<T extends { ID_HASH_SECRET?: string | undefined }> = T extends unknown
  ? Omit<T, "ID_HASH_SECRET"> & { ID_HASH_SECRET: string }
  : never;
export type BaseConfig = Resolved<z.infer<typeof baseSchema>>;
export type BotConfig = Resolved<z.infer<typeof botSchema>>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
  }
}

/** Without BRANCHES_FILE, the one bot's token (and its webhook secret in webhook mode) come from the environment. */
function missingBotSecrets(env: NodeJS.ProcessEnv): string[] {
  if (env.BRANCHES_FILE?.trim()) return [];
  return [
    !env.BOT_TOKEN?.trim() &&
      "BOT_TOKEN: required: the token @BotFather gave you, like 123456789:AA… (or BRANCHES_FILE)",
    env.BOT_MODE === "webhook" &&
      !env.WEBHOOK_SECRET?.trim() &&
      "WEBHOOK_SECRET: required when BOT_MODE=webhook (16–256 characters A–Z a–z 0–9 _ -)",
  ].filter((m): m is string => Boolean(m));
}

function parse<S extends typeof baseSchema | typeof botSchema>(schema: S, env: NodeJS.ProcessEnv) {
  const result = schema.safeParse(env);
  const secrets = schema === botSchema ? missingBotSecrets(env) : [];
  if (!result.success || secrets.length > 0) {
    const issues = result.error?.issues.map((i) => `${i.path.join(".") || "environment"}: ${i.message}`) ?? [];
    throw new ConfigError([...issues, ...secrets]);
  }
  const data = result.data;
  if (data.NODE_ENV === "production") {
    const missing = [
      !data.MONGODB_URI && "MONGODB_URI: required in production (the embedded database is for development only)",
      !data.ID_HASH_SECRET && "ID_HASH_SECRET: required in production (at least 16 characters)",
      ...Object.keys(testSchema)
        .filter((key) => env[key] !== undefined && env[key] !== "")
        .map((key) => `${key}: a test setting, refused in production`),
    ].filter((m): m is string => Boolean(m));
    if (missing.length > 0) throw new ConfigError(missing);
  }
  return { ...data, ID_HASH_SECRET: data.ID_HASH_SECRET ?? installationSecret(data.DATA_DIR) };
}

/**
 * Outside production, without ID_HASH_SECRET: a random secret made once for this installation and
 * kept in DATA_DIR (owner-only), so that no two installations share a known value.
 */
function installationSecret(dataDir: string): string {
  const path = join(dataDir, "id-hash-secret");
  try {
    const stored = readFileSync(path, "utf8").trim();
    if (stored.length >= 16) return stored;
  } catch {
    // Not made yet.
  }
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString("hex");
  writeFileSync(path, `${secret}\n`, { mode: 0o600 });
  return secret;
}

/** Settings every command needs (database, logging). Reads `.env` when present; real env wins. */
export function loadBaseConfig(env: NodeJS.ProcessEnv = readEnv()): BaseConfig {
  return parse(baseSchema, env) as BaseConfig;
}

/** Settings the bot process needs on top of the base ones (BOT_MODE defaults to polling). */
export function loadBotConfig(env: NodeJS.ProcessEnv = readEnv()): BotConfig {
  const mode = env.BOT_MODE?.trim() || "polling";
  return parse(botSchema, { ...env, BOT_MODE: mode }) as BotConfig;
}

function readEnv(): NodeJS.ProcessEnv {
  loadDotenv({ quiet: true });
  return process.env;
}

/** Prints one line per problem and exits: used by every entry point. */
export function exitOnConfigError(error: unknown): never {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(78); // EX_CONFIG
  }
  throw error;
}
