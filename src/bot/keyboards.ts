import { Keyboard } from "grammy";
import type { BotContext } from "./context.js";

export function mainMenu(ctx: BotContext): Keyboard {
  return new Keyboard()
    .text(ctx.t("menu-balance"))
    .text(ctx.t("menu-due-dates"))
    .row()
    .text(ctx.t("menu-eligibility"))
    .text(ctx.t("menu-faq"))
    .row()
    .text(ctx.t("menu-group-head"))
    .text(ctx.t("menu-settings"))
    .resized()
    .persistent();
}

export function shareContactKeyboard(ctx: BotContext): Keyboard {
  return new Keyboard().requestContact(ctx.t("link-share-contact")).resized().oneTime();
}
