import { Bot, type BotConfig as GrammyBotConfig } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import { createI18n } from "../i18n.js";
import type { Logger } from "../logger.js";
import type { BotContext } from "./context.js";
import { startFeature } from "./features/start.js";

export interface CreateBotOptions {
  token: string;
  apiRoot?: string | undefined;
  /** Passing botInfo skips the getMe call (tests). */
  botInfo?: UserFromGetMe;
  log: Logger;
}

export function createBot(options: CreateBotOptions): Bot<BotContext> {
  const config: GrammyBotConfig<BotContext> = {
    ...(options.botInfo ? { botInfo: options.botInfo } : {}),
    ...(options.apiRoot ? { client: { apiRoot: options.apiRoot } } : {}),
  };
  const bot = new Bot<BotContext>(options.token, config);
  bot.use(createI18n());
  bot.use(startFeature);
  bot.catch(async (error) => {
    // Only the update id and the error: never message text, names or numbers.
    options.log.error({ updateId: error.ctx.update.update_id, err: error.error }, "update failed");
    await error.ctx.reply(error.ctx.t("error-generic")).catch(() => undefined);
  });
  return bot;
}
