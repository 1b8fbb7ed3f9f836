import { hears, type I18n } from "@grammyjs/i18n";
import { Composer, InlineKeyboard } from "grammy";
import type { BotContext } from "../../bot/context.js";
import { mainMenu, shareContactKeyboard } from "../../bot/keyboards.js";
import { clearChatMenu, setGroupHeadMenu } from "../../bot/menus.js";
import { formatVietnamDateTime } from "../../domain/dates.js";
import type { SecondFactor } from "../../domain/linking.js";
import type { Locale } from "../../i18n.js";
import { groupHeadedBy } from "../groupHead/roster.js";
import { forgetTelegramUser } from "../privacy/forget.js";
import { accountLockedUntil, attemptLink, removeOtherLink, unlink } from "./accounts.js";

export interface LinkFeatureOptions {
  i18n: I18n;
  /** Keys the hashes that name accounts and codes in the attempt records (ID_HASH_SECRET). */
  secret: string;
  /** Drops what this process has queued for a chat (the dispatcher), when its owner unlinks. */
  cancelChat?: ((chatId: number) => void) | undefined;
}

/** Text that looks like a customer code as printed on the loan book (letters, then digits). */
const LOOKS_LIKE_CODE = /^[A-Za-z]{1,4}[\s.-]?\d{4,12}$/;

/** Callback data of "remove the account that just linked": `lk:rm:<telegram user id>`. */
export const removeLinkCallback = {
  encode: (telegramUserId: number) => `lk:rm:${telegramUserId}`,
  pattern: /^lk:rm:(\d{1,15})$/,
};

/**
 * Linking a Telegram account to a household: customer code, then a second factor (the user's own
 * contact matching a phone on file, or the last four CCCD digits where no phone is on file).
 * Replies never reveal whether a code exists. Accounts already linked are told of a new link.
 */
export function createLinkFeature(options: LinkFeatureOptions): Composer<BotContext> {
  const feature = new Composer<BotContext>();
  const privateChat = feature.chatType("private");

  async function replyLocked(ctx: BotContext, until: Date) {
    ctx.session.linking = undefined;
    await ctx.reply(ctx.t("link-locked", { until: formatVietnamDateTime(until) }), {
      reply_markup: { remove_keyboard: true },
    });
  }

  async function startLinking(ctx: BotContext): Promise<void> {
    const until = ctx.from ? await accountLockedUntil(options.secret, ctx.from.id, new Date()) : null;
    if (until) return replyLocked(ctx, until);
    ctx.session.linking = { step: "code" };
    await ctx.reply(ctx.t("link-ask-code"), { reply_markup: { remove_keyboard: true } });
  }

  async function finish(ctx: BotContext, factor: SecondFactor): Promise<void> {
    const linking = ctx.session.linking;
    if (!ctx.from || linking?.step !== "factor") return;
    const outcome = await attemptLink(options.secret, ctx.from.id, linking.code, factor);
    if (outcome.ok) {
      ctx.session.linking = undefined;
      const headed = await groupHeadedBy(ctx.from.id);
      if (headed && ctx.chat) await setGroupHeadMenu(ctx.api, ctx.chat.id);
      await ctx.reply(ctx.t("link-success"), { reply_markup: mainMenu(ctx, { groupHead: headed !== null }) });
      await tellOtherLinks(ctx, outcome.alsoLinked, ctx.from.id, outcome.language);
    } else if (outcome.lockedOut) {
      await replyLocked(ctx, outcome.until ?? new Date());
    } else {
      ctx.session.linking = { step: "code" };
      await ctx.reply(ctx.t("link-failed"), { reply_markup: { remove_keyboard: true } });
    }
  }

  /** Every account already linked to the household hears of the new one, with a button to undo it. */
  async function tellOtherLinks(ctx: BotContext, others: number[], newcomer: number, language: Locale) {
    const at = formatVietnamDateTime(new Date());
    const t = (key: string, vars?: Record<string, string>) => options.i18n.t(language, key, vars);
    for (const other of others) {
      const keyboard = new InlineKeyboard().text(t("link-new-undo"), removeLinkCallback.encode(newcomer));
      // A chat that blocked the bot is not an error here.
      await ctx.api.sendMessage(other, t("link-new-notice", { at }), { reply_markup: keyboard }).catch(() => undefined);
    }
  }

  privateChat.filter(hears("menu-link")).use(startLinking);
  privateChat.command("link", startLinking);
  // Linking shows personal data: only in a private chat, to which a group is pointed.
  feature
    .chatType(["group", "supergroup"])
    .command("link", (ctx) => ctx.reply(ctx.t("private-only", { bot: ctx.me.username })));

  privateChat.on("message:contact", async (ctx, next) => {
    if (ctx.session.linking?.step !== "factor") return next();
    const contact = ctx.message.contact;
    await finish(ctx, {
      kind: "contact",
      contactUserId: contact.user_id,
      phoneNumber: contact.phone_number,
      senderId: ctx.from.id,
    });
  });

  privateChat.on("message:text", async (ctx, next) => {
    const linking = ctx.session.linking;
    if (ctx.message.text.startsWith("/")) return next();
    if (!linking) {
      // A locked-out user who types a customer code is told so, not "I did not understand".
      if (!LOOKS_LIKE_CODE.test(ctx.message.text.trim())) return next();
      const until = await accountLockedUntil(options.secret, ctx.from.id, new Date());
      return until ? replyLocked(ctx, until) : next();
    }
    const text = ctx.message.text.trim();
    if (linking.step === "code") {
      if (!/^[\p{L}\p{N}][\p{L}\p{N}\s._/-]{0,39}$/u.test(text)) {
        await ctx.reply(ctx.t("link-ask-code"));
        return;
      }
      ctx.session.linking = { step: "factor", code: text };
      await ctx.reply(ctx.t("link-ask-factor"), { reply_markup: shareContactKeyboard(ctx) });
      return;
    }
    if (/^\d{4}$/.test(text)) {
      await finish(ctx, { kind: "national-id", last4: text });
      return;
    }
    await ctx.reply(ctx.t("link-ask-factor"), { reply_markup: shareContactKeyboard(ctx) });
  });

  privateChat.callbackQuery(removeLinkCallback.pattern, async (ctx) => {
    await ctx.answerCallbackQuery();
    const target = Number(ctx.match[1]);
    const removed = await removeOtherLink(ctx.from.id, target);
    if (removed) options.cancelChat?.(target);
    await ctx.reply(ctx.t(removed ? "link-new-undone" : "link-new-undo-none"));
  });

  /** Unlinks, and takes a group head's own menu away with the link. */
  async function unlinkUser(ctx: BotContext, userId: number): Promise<boolean> {
    const wasHead = (await groupHeadedBy(userId)) !== null;
    const removed = await unlink(userId);
    options.cancelChat?.(userId);
    if (wasHead && ctx.chat) await clearChatMenu(ctx.api, ctx.chat.id);
    return removed;
  }

  feature.command("unlink", async (ctx) => {
    if (!ctx.from) return;
    const removed = await unlinkUser(ctx, ctx.from.id);
    ctx.session.linking = undefined;
    await ctx.reply(ctx.t(removed ? "unlink-done" : "unlink-none"), { reply_markup: { remove_keyboard: true } });
  });

  feature.command("privacy", (ctx) => ctx.reply(ctx.t("privacy-text")));

  feature.command("deletemydata", async (ctx) => {
    if (!ctx.from) return;
    await unlinkUser(ctx, ctx.from.id);
    await forgetTelegramUser(ctx.from.id);
    ctx.session = null as never;
    await ctx.reply(ctx.t("delete-done"), { reply_markup: { remove_keyboard: true } });
  });

  return feature;
}
