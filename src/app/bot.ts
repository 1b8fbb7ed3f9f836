import { autoRetry } from "@grammyjs/auto-retry";
import type { I18n } from "@grammyjs/i18n";
import { limit } from "@grammyjs/ratelimiter";
import { Router } from "@grammyjs/router";
import { sequentialize } from "@grammyjs/runner";
import { Bot, Composer, type Context, type BotConfig as GrammyBotConfig, session, type Transformer } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import type { BotContext, SessionData } from "../bot/context.js";
import type { DispatcherHandle, FeatureDeps } from "../bot/deps.js";
import type { InstallableFeature } from "../bot/feature.js";
import { activeFlow } from "../bot/flows.js";
import { CommandMenus } from "../bot/menus.js";
import { albumCountsOnce } from "../bot/rateLimitKey.js";
import { type Clock, systemClock } from "../clock.js";
import { type BranchScope, withBranch } from "../data/branchContext.js";
import { mongoSessionStorage } from "../data/sessions.js";
import type { ChannelPrices } from "../domain/costs.js";
import type { Closure } from "../domain/transactionDay.js";
import { createAdminRolesFeature } from "../features/adminRoles/composer.js";
import { createBroadcastFeature } from "../features/broadcast/composer.js";
import { createNationalBroadcastFeature } from "../features/broadcast/nationalComposer.js";
import { createClosuresFeature } from "../features/closures/composer.js";
import { createPaymentConfirmationFeature } from "../features/confirmations/borrowerComposer.js";
import { createConfirmationsFeature } from "../features/confirmations/officeComposer.js";
import { createDisasterFeature } from "../features/disaster/composer.js";
import { createEligibilityFeature } from "../features/eligibility/composer.js";
import { createExperimentsFeature } from "../features/experiments/composer.js";
import { fallback } from "../features/fallback/composer.js";
import { createFaqFeature } from "../features/faq/composer.js";
import { createFindFeature } from "../features/find/composer.js";
import { createGroupHeadFeature } from "../features/groupHead/composer.js";
import { createHardshipFeature } from "../features/hardship/composer.js";
import { createHardshipQueueFeature } from "../features/hardship/queue.js";
import { createImportByChatFeature } from "../features/importByChat/composer.js";
import { createLanguageFeature } from "../features/language/composer.js";
import { createLinkingFeature } from "../features/linking/composer.js";
import { createPhoneOptOutFeature } from "../features/phoneOptOut/composer.js";
import { createPrivacyFeature } from "../features/privacy/composer.js";
import { createSettingsFeature } from "../features/settings/composer.js";
import { createStartFeature } from "../features/start/composer.js";
import { createStatementFeature } from "../features/statement/composer.js";
import { createStatsFeature } from "../features/stats/composer.js";
import { createI18n } from "../i18n.js";
import { type Logger, safeError } from "../logger.js";
import { countApiCalls, handlerErrors, updatesHandled } from "../metrics.js";
import { type ReminderConfig, reminderConfigSchema } from "../reminders/config.js";

export interface CreateBotOptions {
  token: string;
  apiRoot?: string | undefined;
  /** Passing botInfo skips the getMe call (tests). */
  botInfo?: UserFromGetMe;
  log: Logger;
  /** Installed before auto-retry, i.e. closest to the network (tests record calls here). */
  apiTransformers?: Transformer[];
  /** Telegram user ids of administrators (ADMIN_TELEGRAM_IDS). */
  adminIds?: readonly number[];
  /** Secret for hashing national ID numbers in imports and naming linking attempts (ID_HASH_SECRET). */
  idHashSecret: string;
  /** Sending settings (limits, window, broadcasts) and the dispatcher broadcasts are handed to. */
  delivery?: {
    config: ReminderConfig;
    closures?: readonly Closure[];
    sender?: DispatcherHandle | undefined;
    /** SMS and Zalo as the branch uses them (payment confirmations to households without Telegram). */
    phone?: FeatureDeps["phone"];
  };
  /** The translations, built once by the app (built here when not given: tests). */
  i18n?: I18n;
  /** The command menus the features fill in (the app sets them on Telegram at start-up). */
  menus?: CommandMenus;
  /** Who runs the bot (OPERATOR_NAME); without it the texts do not present the bot as the bank. */
  operatorName?: string | undefined;
  /** Incoming messages allowed per user per time frame before the polite "slow down". */
  rateLimit?: { limit: number; timeFrameMs: number };
  /** The heap an import by chat may use, in MB (the default when unset). */
  importWorkerMemoryMb?: number;
  /** SMS and Zalo prices (SMS_PRICE_PER_SEGMENT, ZNS_PRICE_PER_MESSAGE), for the costs in /stats. */
  channelPrices?: ChannelPrices;
  /** What "today" and "now" are (default: the system clock). */
  clock?: Clock;
  /** The branch this bot serves: every update is handled on its data alone (default: the home database). */
  branch?: BranchScope;
  /** The central office's admins (admins in every branch, national figures) and the deployment's branches. */
  national?: { adminIds: readonly number[]; branches: readonly NationalBranch[] };
}

/** A branch as national figures name it. */
export interface NationalBranch extends BranchScope {
  name: string | undefined;
}

/** One session per user per chat. */
function sessionKey(ctx: Context): string | undefined {
  return ctx.from ? `${ctx.chat?.id ?? ctx.from.id}:${ctx.from.id}` : undefined;
}

export function createBot(options: CreateBotOptions): Bot<BotContext> {
  const config: GrammyBotConfig<BotContext> = {
    ...(options.botInfo ? { botInfo: options.botInfo } : {}),
    ...(options.apiRoot ? { client: { apiRoot: options.apiRoot } } : {}),
  };
  const bot = new Bot<BotContext>(options.token, config);
  for (const transformer of options.apiTransformers ?? []) bot.api.config.use(transformer);
  bot.api.config.use(countApiCalls);
  // Waits out 429 retry_after and retries transient network errors on every outgoing call.
  bot.api.config.use(autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: 60 }));

  // Errors in a handler (including Telegram refusing a reply, e.g. 403 when blocked) end here and
  // never stop the bot: log the update id and the error, never message text, names or numbers.
  // One user's updates are handled in order (the runner handles different users concurrently).
  const i18n = options.i18n ?? createI18n({ operatorName: options.operatorName });
  const clock = options.clock ?? systemClock;
  // Everything an update does reads and writes this bot's branch alone (data/branchContext).
  const branch = options.branch;
  if (branch) bot.use((_ctx, next) => withBranch(branch, next));
  // Updates nobody sent (channel posts, polls and the like) are not for this bot: ignored quietly.
  bot.use((ctx, next) => (ctx.from ? next() : undefined));
  bot.use(sequentialize(sessionKey));
  // A child logger and the clock per update, and one line per handled update at debug level: its id, its kind and
  // how long it took; never its text or who sent it.
  bot.use(async (ctx, next) => {
    updatesHandled.inc();
    ctx.log = options.log.child({ update_id: ctx.update.update_id });
    ctx.clock = clock;
    const started = performance.now();
    await next();
    const kind = Object.keys(ctx.update).find((key) => key !== "update_id");
    ctx.log.debug({ kind, ms: Math.round(performance.now() - started) }, "update handled");
  });
  // A flood of messages from one user gets one polite answer, not a reply per message, and costs no
  // database read: the limiter runs before the session and keeps its counts in memory.
  bot.use(
    limit<BotContext, never>({
      timeFrame: options.rateLimit?.timeFrameMs ?? 3_000,
      limit: options.rateLimit?.limit ?? 6,
      keyGenerator: albumCountsOnce(),
      onLimitExceeded: async (ctx) => {
        const locale = ctx.from?.language_code === "en" ? "en" : "vi";
        await ctx.reply(i18n.t(locale, "rate-limited")).catch(() => undefined);
      },
    }),
  );
  // The error reply needs nothing that may have failed (the session store, i18n on the context):
  // both languages, from the translations already in memory.
  const errorText = `${i18n.t("vi", "error-generic")}\n${i18n.t("en", "error-generic")}`;
  const features = bot.errorBoundary(async (error) => {
    handlerErrors.inc();
    (error.ctx.log ?? options.log).error(
      { update_id: error.ctx.update.update_id, err: safeError(error.error) },
      "update failed",
    );
    await error.ctx.reply(errorText).catch(() => undefined);
  });

  features.use(
    session({
      initial: (): SessionData => ({}),
      storage: mongoSessionStorage,
      getSessionKey: sessionKey,
    }),
  );
  features.use(i18n);

  features.use(featureRoutes(deps(options, i18n)));

  // Last resort for errors outside the boundary (e.g. the session store being down).
  bot.catch((error) => {
    options.log.error(
      { update_id: error.ctx.update.update_id, err: safeError(error.error) },
      "update failed outside handlers",
    );
  });
  return bot;
}

function deps(options: CreateBotOptions, i18n: I18n): FeatureDeps {
  return {
    i18n,
    menus: options.menus ?? new CommandMenus(),
    adminIds: options.adminIds ?? [],
    national: options.national ?? { adminIds: [], branches: [] },
    idHashSecret: options.idHashSecret,
    sending: options.delivery?.config ?? reminderConfigSchema.parse({}),
    closures: options.delivery?.closures,
    dispatcher: options.delivery?.sender,
    phone: options.delivery?.phone,
    fileRoot: `${options.apiRoot ?? "https://api.telegram.org"}/file/bot${options.token}`,
    importWorkerMemoryMb: options.importWorkerMemoryMb,
    channelPrices: options.channelPrices ?? { smsPerSegment: null, znsPerMessage: null },
  };
}

/**
 * Every feature, and the router for what users type. The features' entries (commands, buttons,
 * callbacks) never overlap, so their order here only orders the command menus. What is left, free
 * input, goes to the flow the session names (linking, composing a broadcast); without one, to the
 * readers of free input in the order listed; what nobody takes gets the short help.
 */
function featureRoutes(deps: FeatureDeps): Composer<BotContext> {
  const linking = createLinkingFeature(deps);
  const importByChat = createImportByChatFeature(deps);
  const faq = createFaqFeature(deps);
  const features: InstallableFeature[] = [
    createStartFeature(deps),
    linking.feature,
    createStatementFeature(deps),
    createEligibilityFeature(deps),
    faq.feature,
    createSettingsFeature(deps),
    createLanguageFeature(deps),
    createPrivacyFeature(deps),
    createHardshipFeature(deps),
    createGroupHeadFeature(deps),
    createBroadcastFeature(deps),
    createStatsFeature(deps),
    createFindFeature(deps),
    createPhoneOptOutFeature(deps),
    createConfirmationsFeature(deps),
    createPaymentConfirmationFeature(deps),
    createExperimentsFeature(deps),
    createHardshipQueueFeature(deps),
    createDisasterFeature(deps),
    createClosuresFeature(deps),
    importByChat.feature,
    createAdminRolesFeature(deps),
    createNationalBroadcastFeature(deps),
  ];
  const routes = new Composer<BotContext>();
  for (const feature of features) {
    deps.menus.register(feature);
    routes.use(feature.composer);
  }
  const freeInput = new Router<BotContext>((ctx) => (ctx.message ? activeFlow(ctx.session) : undefined));
  for (const feature of features) {
    for (const [flow, steps] of feature.flowSteps) freeInput.route(flow, steps);
  }
  freeInput.otherwise(importByChat.documents, linking.lockedNotice, faq.questions);
  routes.use(freeInput, fallback);
  return routes;
}
