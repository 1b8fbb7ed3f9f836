import { InlineKeyboard } from "grammy";
import { z } from "zod";
import { linkedBorrower } from "../../bot/access.js";
import { callbackKind } from "../../bot/callbackData.js";
import type { BotContext } from "../../bot/context.js";
import type { FeatureDeps } from "../../bot/deps.js";
import { Feature } from "../../bot/feature.js";
import { reminderSettings, setReminderSetting } from "../../data/accounts.js";
import { isOptedOut, optIn, optOut, optOutsOf } from "../../data/channels.js";
import { askLanguage } from "../language/composer.js";

const KINDS = ["interest", "principal", "overdue"] as const;
/** A reminder kind switched on or off: `set:rem:interest`. */
const toggleReminder = callbackKind("set:rem", { kind: z.enum(KINDS) });
/** SMS and Zalo (when Telegram cannot reach the household) switched on or off. */
const togglePhone = callbackKind("set:phone", {});

async function render(ctx: BotContext, code: string) {
  const [settings, optedOut] = await Promise.all([reminderSettings(code), isOptedOut(code)]);
  const keyboard = new InlineKeyboard();
  for (const kind of KINDS) {
    const on = settings[kind];
    keyboard.text(`${on ? "✅" : "⬜"} ${ctx.t(`settings-reminder-${kind}`)}`, toggleReminder.encode({ kind })).row();
  }
  keyboard.text(`${optedOut ? "⬜" : "✅"} ${ctx.t("settings-phone")}`, togglePhone.encode({})).row();
  keyboard.text(ctx.t("menu-language"), askLanguage.encode({}));
  return { text: ctx.t("settings-title"), keyboard };
}

/**
 * Settings: language, which reminders a linked household receives, and whether it may be reminded by
 * SMS or Zalo when Telegram cannot reach it (honoured by the planner, and checked again when sending).
 */
export function createSettingsFeature(deps: FeatureDeps) {
  const feature = new Feature("settings", "everyone", linkedBorrower, deps.i18n);
  const show = async (ctx: BotContext & { customerCode: string }) => {
    const { text, keyboard } = await render(ctx, ctx.customerCode);
    await ctx.reply(text, { reply_markup: keyboard });
  };
  feature.command("settings", show);
  feature.button("menu-settings", show);
  const refresh = async (ctx: BotContext, code: string) => {
    const { text, keyboard } = await render(ctx, code);
    await ctx
      .editMessageText(text, { reply_markup: keyboard })
      .catch(() => ctx.reply(text, { reply_markup: keyboard }));
  };
  feature.callback(toggleReminder, async (ctx, { kind }) => {
    await ctx.answerCallbackQuery();
    const code = ctx.customerCode;
    await setReminderSetting(code, kind, !(await reminderSettings(code))[kind]);
    await refresh(ctx, code);
  });
  // The borrower switches only their own refusal: an officer's record stays until an officer lifts it.
  feature.callback(togglePhone, async (ctx) => {
    await ctx.answerCallbackQuery();
    const code = ctx.customerCode;
    const refusals = await optOutsOf(code);
    if (refusals.has("borrower")) await optIn(code, "borrower");
    else if (refusals.has("officer")) return ctx.reply(ctx.t("settings-phone-officer"));
    else await optOut(code, "borrower");
    await refresh(ctx, code);
  });
  return feature;
}
