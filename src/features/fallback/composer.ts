import { Composer } from "grammy";
import type { BotContext } from "../../bot/context.js";

/**
 * Last in the free-input router, in private chats: an unknown command, a sticker, a photo or anything
 * else no feature took gets a short help reply rather than silence.
 */
export const fallback = new Composer<BotContext>();

fallback.chatType("private").on("message", (ctx) => ctx.reply(ctx.t("help-short")));
