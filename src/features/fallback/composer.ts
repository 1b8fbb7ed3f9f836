import { Composer } from "grammy";
import type { BotContext } from "../../bot/context.js";

/**
 * Last in the free-input router, in private chats: an unknown command, a sticker, a photo or anything
 * else no feature took gets a short help reply rather than silence.
 */
export const fallback = new Composer<BotContext>();

fallback.chatType("private").on("message", (ctx) => ctx.reply(ctx.t("help-short")));

// A button no feature recognises (forged, or from an old message whose flow is gone) gets its
// spinner stopped and nothing else.
fallback.on("callback_query:data", (ctx) => ctx.answerCallbackQuery());
