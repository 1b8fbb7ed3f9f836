import type { I18n } from "@grammyjs/i18n";
import { announcedClosures, loadHolidays } from "../catalogue/load.js";
import type { Holidays } from "../catalogue/schema.js";
import { type Clock, offsetClock } from "../clock.js";
import { requireBranchContext, withBranch } from "../data/branchContext.js";
import { openDatabase } from "../data/open.js";
import type { Closure } from "../domain/transactionDay.js";
import { createI18n } from "../i18n.js";
import { type Logger, logger } from "../logger.js";
import { loadReminderConfig, type ReminderConfig } from "../reminders/config.js";
import { type Branch, chooseBranch, type Deployment, loadDeployment, singleBranch } from "./branches.js";
import { branchChannelSettings, type ChannelSettings, loadChannelSettings } from "./channelConfig.js";
import { type BaseConfig, type BotConfig, exitOnConfigError, loadBaseConfig, loadBotConfig } from "./config.js";

/** What every entry point (the bot and each command) starts from, built once. */
export interface App<C extends BaseConfig | BotConfig> {
  config: C;
  log: Logger;
  /** The branches this deployment serves (BRANCHES_FILE, or the one of BOT_TOKEN). */
  deployment: Deployment;
  /** The branch a command works for (BRANCH; the only one when there is one). The bot serves them all. */
  branch: Branch;
  /** The sending settings (REMINDERS_CONFIG_FILE, or the defaults). */
  sending: ReminderConfig;
  /** SMS and Zalo: which are in use, in what order, with their credentials and prices. */
  channels: ChannelSettings;
  i18n: I18n;
  /** The system clock, or in tests the one every process of the test shares (TEST_CLOCK_OFFSET_MS). */
  clock: Clock;
  /** Tests only (TEST_CLOSURES): fixed closures instead of the holidays and officers' additions. */
  fixedClosures: readonly Closure[] | undefined;
  /** The holidays as they are now (officers' additions included), with the fixed closures in tests. */
  holidays(): Holidays;
  /** How long starting took, by phase: configuration and the database's (see data/open.ts). */
  startupMs: { config: number; embedded: number; connect: number; indexes: number; migrations: number };
  /** What the data migrations changed at this start (data/migrations); empty when nothing was left. */
  migrated: Record<string, Record<string, number>>;
  /** Closes the database (and stops the embedded one). */
  close(): Promise<void>;
}

type Kind = "command" | "bot";

const withClosures = (holidays: Holidays, fixed: readonly Closure[] | undefined): Holidays =>
  fixed ? { ...holidays, closures: announcedClosures(fixed, "TEST_CLOSURES") } : holidays;
type ConfigOf<K extends Kind> = K extends "bot" ? BotConfig : BaseConfig;

/**
 * Builds the app in one declared order: configuration (a bad value exits 78 with one line per
 * problem), the log level, the sending settings, the translations, then the database.
 */
export async function startApp<K extends Kind>(kind: K): Promise<App<ConfigOf<K>>> {
  const started = performance.now();
  let config: ConfigOf<K>;
  let sending: ReminderConfig;
  let channels: ChannelSettings;
  let deployment: Deployment;
  let branch: Branch;
  try {
    config = (kind === "bot" ? loadBotConfig() : loadBaseConfig()) as ConfigOf<K>;
    sending = loadReminderConfig(config.REMINDERS_CONFIG_FILE);
    channels = loadChannelSettings(process.env);
    deployment = deploymentOf(config);
    // The bot process serves every branch (app.branch unused there); a command works for BRANCH.
    branch =
      kind === "bot" && deployment.branches.length > 1 && !config.BRANCH
        ? (deployment.branches[0] as Branch)
        : chooseBranch(deployment, config.BRANCH);
    // A process that sends checks every branch's channels before it opens the database.
    if (kind === "bot") for (const each of deployment.branches) branchChannelSettings(channels, each);
  } catch (error) {
    exitOnConfigError(error);
  }
  // With several branches no query may run outside one (data/branchContext): a forgotten context fails loudly.
  requireBranchContext(deployment.branches.length > 1);
  logger.level = config.LOG_LEVEL;
  const i18n = createI18n({ operatorName: config.OPERATOR_NAME });
  const configMs = Math.round(performance.now() - started);
  const db = await openDatabase(config, logger, deployment.branches);
  return {
    config,
    log: logger,
    deployment,
    branch,
    sending,
    channels,
    i18n,
    clock: offsetClock(config.TEST_CLOCK_OFFSET_MS ?? 0),
    fixedClosures: config.TEST_CLOSURES,
    holidays: () => withClosures(loadHolidays(), config.TEST_CLOSURES),
    startupMs: { config: configMs, ...db.phasesMs },
    migrated: db.migrated,
    close: () => db.close(),
  };
}

/** BRANCHES_FILE's branches, or the single branch of BOT_TOKEN (a command without a token still has one). */
function deploymentOf(config: BaseConfig): Deployment {
  const bot = config as { BOT_MODE?: string; BOT_TOKEN?: string; WEBHOOK_SECRET?: string };
  if (config.BRANCHES_FILE) {
    // A command sends nothing by Telegram but `reminders dispatch` (kind "bot"): only then are tokens read.
    return loadDeployment(config.BRANCHES_FILE, process.env, bot.BOT_MODE === "webhook", bot.BOT_MODE !== undefined);
  }
  return singleBranch({
    token: bot.BOT_TOKEN ?? "",
    webhookSecret: bot.WEBHOOK_SECRET,
    admins: config.ADMIN_TELEGRAM_IDS,
    name: config.OPERATOR_NAME,
  });
}

/** For a command: starts the app, does `work`, closes the database whatever happens. */
export async function withApp<K extends Kind>(kind: K, work: (app: App<ConfigOf<K>>) => Promise<number>) {
  const app = await startApp(kind);
  try {
    return await withBranch(app.branch, () => work(app));
  } finally {
    await app.close();
  }
}
