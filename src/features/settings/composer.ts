import { hears } from "@grammyjs/i18n";
import { Composer, InlineKeyboard } from "grammy";
import { requireLinkedPrivateChat } from "../../bot/access.js";
import type { BotContext } from "../../bot/context.js";
import { reminderSettings, setReminderSetting } from "../../data/accounts.js";
import { languageChooser } from "../language/composer.js";

const KINDS = ["interest", "principal", "overdue"] as const;
type ReminderKind = (typeof KINDS)[number];

/** Settings: language, and which reminders a linked household receives (honoured by the planner). */
export const settingsFeature = new Composer<BotContext>();

async function render(ctx: BotContext, code: string) {
  const settings = await reminderSettings(code);
  const keyboard = new InlineKeyboard();
  for (const kind of KINDS) {
    const on = settings[kind];
    keyboard.text(`${on ? "✅" : "⬜"} ${ctx.t(`settings-reminder-${kind}`)}`, `set:rem:${kind}`).row();
  }
  keyboard.text(ctx.t("menu-language"), "set:lang");
  return { text: ctx.t("settings-title"), keyboard };
}

const show = async (ctx: BotContext) => {
  const code = await requireLinkedPrivateChat(ctx);
  if (!code) return;
  const { text, keyboard } = await render(ctx, code);
  await ctx.reply(text, { reply_markup: keyboard });
};
settingsFeature.command("settings", show);
settingsFeature.filter(hears("menu-settings"), show);

settingsFeature.callbackQuery(/^set:rem:(interest|principal|overdue)$/, async (ctx) => {
  const code = await requireLinkedPrivateChat(ctx);
  await ctx.answerCallbackQuery();
  if (!code) return;
  const kind = ctx.match[1] as ReminderKind;
  await setReminderSetting(code, kind, !(await reminderSettings(code))[kind]);
  const { text, keyboard } = await render(ctx, code);
  await ctx.editMessageText(text, { reply_markup: keyboard }).catch(() => ctx.reply(text, { reply_markup: keyboard }));
});

settingsFeature.callbackQuery("set:lang", async (ctx) => {
  await ctx.answerCallbackQuery();
  await ctx.reply(ctx.t("language-choose"), {
    reply_markup: languageChooser(),
  });
});
