import { hears } from "@grammyjs/i18n";
import { Composer } from "grammy";
import { LinkAttemptModel } from "../../db/models/index.js";
import type { SecondFactor } from "../../domain/linking.js";
import { attemptLink, lockoutReason, unlink } from "../../services/accounts.js";
import { groupHeadedBy } from "../../services/groupRoster.js";
import { clearChatMenu, setGroupHeadMenu } from "../commands.js";
import type { BotContext } from "../context.js";
import { mainMenu, shareContactKeyboard } from "../keyboards.js";

/**
 * Linking a Telegram account to a household: customer code, then a second factor (the user's own
 * contact matching a phone on file, or the last four CCCD digits where no phone is on file).
 * Replies never reveal whether a code exists.
 */
export const linkFeature = new Composer<BotContext>();
const privateChat = linkFeature.chatType("private");

privateChat.filter(hears("menu-link")).use(startLinking);
privateChat.command("link", startLinking);

async function startLinking(ctx: BotContext): Promise<void> {
  if (ctx.from && (await lockoutReason(ctx.from.id, null, new Date()))) {
    ctx.session.linking = undefined;
    await ctx.reply(ctx.t("link-locked"));
    return;
  }
  ctx.session.linking = { step: "code" };
  await ctx.reply(ctx.t("link-ask-code"), { reply_markup: { remove_keyboard: true } });
}

async function finish(ctx: BotContext, factor: SecondFactor): Promise<void> {
  const linking = ctx.session.linking;
  if (!ctx.from || linking?.step !== "factor") return;
  const outcome = await attemptLink(ctx.from.id, linking.code, factor);
  if (outcome.ok) {
    ctx.session.linking = undefined;
    const headed = await groupHeadedBy(ctx.from.id);
    if (headed && ctx.chat) await setGroupHeadMenu(ctx.api, ctx.chat.id);
    await ctx.reply(ctx.t("link-success"), { reply_markup: mainMenu(ctx, { groupHead: headed !== null }) });
  } else if (outcome.lockedOut) {
    ctx.session.linking = undefined;
    await ctx.reply(ctx.t("link-locked"), { reply_markup: { remove_keyboard: true } });
  } else {
    ctx.session.linking = { step: "code" };
    await ctx.reply(ctx.t("link-failed"), { reply_markup: { remove_keyboard: true } });
  }
}

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
  if (!linking || ctx.message.text.startsWith("/")) return next();
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

/** Unlinks, and takes a group head's own menu away with the link. */
async function unlinkUser(ctx: BotContext, userId: number): Promise<boolean> {
  const wasHead = (await groupHeadedBy(userId)) !== null;
  const removed = await unlink(userId);
  if (wasHead && ctx.chat) await clearChatMenu(ctx.api, ctx.chat.id);
  return removed;
}

linkFeature.command("unlink", async (ctx) => {
  if (!ctx.from) return;
  const removed = await unlinkUser(ctx, ctx.from.id);
  ctx.session.linking = undefined;
  await ctx.reply(ctx.t(removed ? "unlink-done" : "unlink-none"), { reply_markup: { remove_keyboard: true } });
});

linkFeature.command("deletemydata", async (ctx) => {
  if (!ctx.from) return;
  await unlinkUser(ctx, ctx.from.id);
  await LinkAttemptModel.deleteMany({ telegramUserId: ctx.from.id });
  ctx.session = null as never;
  await ctx.reply(ctx.t("delete-done"), { reply_markup: { remove_keyboard: true } });
});
