import { InlineKeyboard } from "grammy";
import { z } from "zod";
import { linkedBorrower } from "../../bot/access.js";
import { callbackKind } from "../../bot/callbackData.js";
import type { BotContext } from "../../bot/context.js";
import type { FeatureDeps } from "../../bot/deps.js";
import { Feature } from "../../bot/feature.js";
import { reminderSettings, setReminderSetting } from "../../data/accounts.js";
import { askLanguage } from "../language/composer.js";

const KINDS = ["interest", "principal", "overdue"] as const;
/** A reminder kind switched on or off: `set:rem:interest`. */
const toggleReminder = callbackKind("set:rem", { kind: z.enum(KINDS) });

async function render(ctx: BotContext, code: string) {
  const settings = await reminderSettings(code);
  const keyboard = new InlineKeyboard();
  for (const kind of KINDS) {
    const on = settings[kind];
    keyboard.text(`${on ? "✅" : "⬜"} ${ctx.t(`settings-reminder-${kind}`)}`, toggleReminder.encode({ kind })).row();
  }
  keyboard.text(ctx.t("menu-language"), askLanguage.encode({}));
  return { text: ctx.t("settings-title"), keyboard };
}

/** Settings: language, and which reminders a linked household receives (honoured by the planner). */
export function createSettingsFeature(deps: FeatureDeps) {
  const feature = new Feature("settings", "everyone", linkedBorrower, deps.i18n);
  const show = async (ctx: BotContext & { customerCode: string }) => {
    const { text, keyboard } = await render(ctx, ctx.customerCode);
    await ctx.reply(text, { reply_markup: keyboard });
  };
  feature.command("settings", show);
  feature.button("menu-settings", show);
  feature.callback(toggleReminder, async (ctx, { kind }) => {
    await ctx.answerCallbackQuery();
    const code = ctx.customerCode;
    await setReminderSetting(code, kind, !(await reminderSettings(code))[kind]);
    const { text, keyboard } = await render(ctx, code);
    await ctx
      .editMessageText(text, { reply_markup: keyboard })
      .catch(() => ctx.reply(text, { reply_markup: keyboard }));
  });
  return feature;
}
