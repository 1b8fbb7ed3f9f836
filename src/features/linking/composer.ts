import { Router } from "@grammyjs/router";
import { Composer, InlineKeyboard } from "grammy";
import { z } from "zod";
import { privateChat } from "../../bot/access.js";
import { callbackKind } from "../../bot/callbackData.js";
import type { BotContext } from "../../bot/context.js";
import type { FeatureDeps } from "../../bot/deps.js";
import { Feature } from "../../bot/feature.js";
import { beginFlow, endFlow } from "../../bot/flows.js";
import { mainMenu, shareContactKeyboard } from "../../bot/keyboards.js";
import { formatVietnamDateTime } from "../../domain/dates.js";
import type { SecondFactor } from "../../domain/linking.js";
import type { Locale } from "../../i18n.js";
import { groupHeadedBy } from "../groupHead/roster.js";
import { accountLockedUntil, attemptLink, removeOtherLink } from "./accounts.js";

/** Text that looks like a customer code as printed on the loan book (letters, then digits). */
const LOOKS_LIKE_CODE = /^[A-Za-z]{1,4}[\s.-]?\d{4,12}$/;
/** What is accepted as a typed code before it is checked (the check never says whether it exists). */
const TYPED_CODE = /^[\p{L}\p{N}][\p{L}\p{N}\s._/-]{0,39}$/u;

/** "Remove the account that just linked", sent to the accounts already linked: `lk:rm:<user id>`. */
export const removeLinkCallback = callbackKind("lk:rm", {
  telegramUserId: z.coerce.number().int().positive().max(1e15),
});

async function replyLocked(ctx: BotContext, until: Date) {
  endFlow(ctx.session, "linking");
  await ctx.reply(ctx.t("link-locked", { until: formatVietnamDateTime(until) }), {
    reply_markup: { remove_keyboard: true },
  });
}

/** Every account already linked to the household hears of the new one, with a button to undo it. */
async function tellOtherLinks(
  deps: FeatureDeps,
  ctx: BotContext,
  others: number[],
  newcomer: number,
  language: Locale,
) {
  const at = formatVietnamDateTime(ctx.clock.now());
  const t = (key: string, vars?: Record<string, string>) => deps.i18n.t(language, key, vars);
  const keyboard = new InlineKeyboard().text(
    t("link-new-undo"),
    removeLinkCallback.encode({ telegramUserId: newcomer }),
  );
  for (const other of others) {
    // A chat that blocked the bot is not an error here.
    await ctx.api.sendMessage(other, t("link-new-notice", { at }), { reply_markup: keyboard }).catch(() => undefined);
  }
}

/** The two steps, chosen by the step the session names: the typed code, then the second factor. */
function linkingSteps(finish: (ctx: BotContext, factor: SecondFactor) => Promise<void>): Router<BotContext> {
  const steps = new Router<BotContext>((ctx) => ctx.session.linking?.step);
  steps.route("code").on("message:text", async (ctx, next) => {
    const text = ctx.message.text.trim();
    if (text.startsWith("/")) return next();
    if (!TYPED_CODE.test(text)) return ctx.reply(ctx.t("link-ask-code"));
    beginFlow(ctx.session, "linking", { step: "factor", code: text });
    await ctx.reply(ctx.t("link-ask-factor"), { reply_markup: shareContactKeyboard(ctx) });
  });
  const factor = steps.route("factor");
  factor.on("message:contact", async (ctx) => {
    const contact = ctx.message.contact;
    await finish(ctx, {
      kind: "contact",
      contactUserId: contact.user_id,
      phoneNumber: contact.phone_number,
      senderId: ctx.from.id,
    });
  });
  factor.on("message:text", async (ctx, next) => {
    const text = ctx.message.text.trim();
    if (text.startsWith("/")) return next();
    if (/^\d{4}$/.test(text)) return finish(ctx, { kind: "national-id", last4: text });
    await ctx.reply(ctx.t("link-ask-factor"), { reply_markup: shareContactKeyboard(ctx) });
  });
  return steps;
}

/**
 * Linking a Telegram account to a household: customer code, then a second factor (the user's own
 * contact matching a phone on file, or the last four CCCD digits where no phone is on file). Replies
 * never reveal whether a code exists. Accounts already linked are told of a new link, with an undo.
 * The two steps are a flow (bot/flows.ts): what the user types next goes to the step the session
 * names, whatever features are installed around it.
 */
export function createLinkingFeature(deps: FeatureDeps) {
  const feature = new Feature("linking", "everyone", privateChat, deps.i18n);
  const secret = deps.idHashSecret;

  async function startLinking(ctx: BotContext): Promise<void> {
    const until = ctx.from ? await accountLockedUntil(secret, ctx.from.id, ctx.clock.now()) : null;
    if (until) return replyLocked(ctx, until);
    beginFlow(ctx.session, "linking", { step: "code" });
    await ctx.reply(ctx.t("link-ask-code"), { reply_markup: { remove_keyboard: true } });
  }

  async function finish(ctx: BotContext, factor: SecondFactor): Promise<void> {
    const linking = ctx.session.linking;
    if (!ctx.from || linking?.step !== "factor") return;
    const outcome = await attemptLink(secret, ctx.from.id, linking.code, factor, ctx.clock.now());
    if (outcome.ok) {
      endFlow(ctx.session, "linking");
      const headed = await groupHeadedBy(ctx.from.id);
      if (headed && ctx.chat) await deps.menus.setForChat(ctx.api, ctx.chat.id, "group-head");
      await ctx.reply(ctx.t("link-success"), { reply_markup: mainMenu(ctx, { groupHead: headed !== null }) });
      await tellOtherLinks(deps, ctx, outcome.alsoLinked, ctx.from.id, outcome.language);
    } else if (outcome.lockedOut) {
      await replyLocked(ctx, outcome.until ?? ctx.clock.now());
    } else {
      beginFlow(ctx.session, "linking", { step: "code" });
      await ctx.reply(ctx.t("link-failed"), { reply_markup: { remove_keyboard: true } });
    }
  }

  feature.command("link", startLinking);
  feature.button("menu-link", startLinking);
  feature.callback(removeLinkCallback, async (ctx, { telegramUserId }) => {
    await ctx.answerCallbackQuery();
    const removed = await removeOtherLink(ctx.from.id, telegramUserId);
    if (removed) deps.dispatcher?.cancelChat(telegramUserId);
    await ctx.reply(ctx.t(removed ? "link-new-undone" : "link-new-undo-none"));
  });

  feature.flowStep("linking", linkingSteps(finish));

  /** Outside the flow: a locked-out user who types a customer code is told so, not "I did not understand". */
  const lockedNotice = new Composer<BotContext>();
  lockedNotice.chatType("private").on("message:text", async (ctx, next) => {
    if (!LOOKS_LIKE_CODE.test(ctx.message.text.trim())) return next();
    const until = await accountLockedUntil(secret, ctx.from.id, ctx.clock.now());
    return until ? replyLocked(ctx, until) : next();
  });
  return { feature, lockedNotice };
}
