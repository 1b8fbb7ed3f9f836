import { autoRetry } from "@grammyjs/auto-retry";
import { limit } from "@grammyjs/ratelimiter";
import { sequentialize } from "@grammyjs/runner";
import { Bot, type Context, type BotConfig as GrammyBotConfig, session, type Transformer } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import type { BotContext, SessionData } from "../bot/context.js";
import { mongoSessionStorage } from "../data/sessions.js";
import { type ReminderConfig, reminderConfigSchema } from "../domain/reminders.js";
import type { Closure } from "../domain/transactionDay.js";
import { type BroadcastSender, createBroadcastFeature } from "../features/broadcast/composer.js";
import { eligibilityFeature } from "../features/eligibility/composer.js";
import { fallbackFeature } from "../features/fallback/composer.js";
import { createFaqFeature } from "../features/faq/composer.js";
import { groupHeadFeature } from "../features/groupHead/composer.js";
import { createImportByChatFeature } from "../features/importByChat/composer.js";
import { languageFeature } from "../features/language/composer.js";
import { createLinkFeature } from "../features/linking/composer.js";
import { createOfficerFeature } from "../features/officerFind/composer.js";
import { settingsFeature } from "../features/settings/composer.js";
import { startFeature } from "../features/start/composer.js";
import { statementFeature } from "../features/statement/composer.js";
import { createI18n } from "../i18n.js";
import { type Logger, safeError } from "../logger.js";
import { countApiCalls, handlerErrors, updatesHandled } from "../metrics.js";

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
  delivery?: { config: ReminderConfig; closures?: readonly Closure[]; sender?: BroadcastSender | undefined };
  /** Who runs the bot (OPERATOR_NAME); without it the texts do not present the bot as the bank. */
  operatorName?: string | undefined;
  /** Incoming messages allowed per user per time frame before the polite "slow down". */
  rateLimit?: { limit: number; timeFrameMs: number };
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
  const i18n = createI18n({ operatorName: options.operatorName });
  // Updates nobody sent (channel posts, polls and the like) are not for this bot: ignored quietly.
  bot.use((ctx, next) => (ctx.from ? next() : undefined));
  bot.use(sequentialize(sessionKey));
  // A child logger per update, and one line per handled update at debug level: its id, its kind and
  // how long it took; never its text or who sent it.
  bot.use(async (ctx, next) => {
    updatesHandled.inc();
    ctx.log = options.log.child({ update_id: ctx.update.update_id });
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

  features.use(
    startFeature,
    languageFeature,
    settingsFeature,
    statementFeature,
    groupHeadFeature,
    createOfficerFeature(options.adminIds ?? []),
    createBroadcastFeature({
      adminIds: options.adminIds ?? [],
      i18n,
      config: options.delivery?.config ?? reminderConfigSchema.parse({}),
      closures: options.delivery?.closures,
      sender: options.delivery?.sender,
    }),
    eligibilityFeature,
    createLinkFeature({
      i18n,
      secret: options.idHashSecret,
      cancelChat: options.delivery?.sender ? (chatId) => options.delivery?.sender?.cancelChat(chatId) : undefined,
    }),
    createImportByChatFeature({
      adminIds: options.adminIds ?? [],
      i18n,
      idHashSecret: options.idHashSecret,
      fileRoot: `${options.apiRoot ?? "https://api.telegram.org"}/file/bot${options.token}`,
    }),
  );
  // Free text that no feature above took is a question.
  features.use(createFaqFeature(i18n));
  features.use(fallbackFeature);

  // Last resort for errors outside the boundary (e.g. the session store being down).
  bot.catch((error) => {
    options.log.error(
      { update_id: error.ctx.update.update_id, err: safeError(error.error) },
      "update failed outside handlers",
    );
  });
  return bot;
}
