import { Keyboard } from "grammy";
import { groupHeadedBy, groupHeadedByHousehold } from "../features/groupHead/roster.js";
import type { BotContext } from "./context.js";

export function mainMenu(ctx: BotContext, options: { groupHead?: boolean } = {}): Keyboard {
  const keyboard = new Keyboard()
    .text(ctx.t("menu-balance"))
    .text(ctx.t("menu-due-dates"))
    .row()
    .text(ctx.t("menu-eligibility"))
    .text(ctx.t("menu-faq"))
    .row()
    .text(ctx.t("menu-group-head"))
    .text(ctx.t("menu-settings"));
  if (options.groupHead) keyboard.row().text(ctx.t("menu-my-group")).text(ctx.t("menu-overdue"));
  return keyboard.resized().persistent();
}

export function shareContactKeyboard(ctx: BotContext): Keyboard {
  return new Keyboard().requestContact(ctx.t("link-share-contact")).resized().oneTime();
}

/**
 * The main menu with the group head's extra row when the user heads a group. `linkedCode`: the
 * user's customer code when the caller has already looked it up (saves a second lookup).
 */
export async function menuFor(ctx: BotContext, linkedCode?: string): Promise<Keyboard> {
  if (ctx.chat?.type !== "private" || !ctx.from) return mainMenu(ctx);
  const headed = linkedCode ? await groupHeadedByHousehold(linkedCode) : await groupHeadedBy(ctx.from.id);
  return mainMenu(ctx, { groupHead: headed !== null });
}
