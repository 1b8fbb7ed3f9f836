import { CommandGroup } from "@grammyjs/commands";
import type { I18n } from "@grammyjs/i18n";
import type { Api } from "grammy";
import { createI18n } from "../i18n.js";
import type { BotContext } from "./context.js";

/** The borrower's command menu, in Vietnamese by default and in English for English clients. */
export const BORROWER_COMMANDS = [
  "start",
  "link",
  "balance",
  "duedates",
  "eligibility",
  "faq",
  "grouphead",
  "settings",
  "language",
  "unlink",
  "deletemydata",
  "privacy",
] as const;

/** What a group head gets on top, in the menu of their own chat with the bot. */
export const GROUP_HEAD_COMMANDS = ["mygroup", "overdue"] as const;

/** Officers get these on top, in their own chat's menu, when an admin grants them the role. */
export const STAFF_COMMANDS = ["broadcast", "cancel", "approve", "stats", "find", "closure"] as const;

/** Admins get these on top of the officer commands. */
export const ADMIN_COMMANDS = ["grant", "revoke", "audit"] as const;

function menuOf(i18n: I18n, names: readonly string[]): CommandGroup<BotContext> {
  const group = new CommandGroup<BotContext>();
  for (const name of names) {
    group.command(name, i18n.t("vi", `cmd-${name}`)).localize("en", name, i18n.t("en", `cmd-${name}`));
  }
  return group;
}

/** Menu entries only: the handlers live in the feature composers. Set once for all private chats. */
export function borrowerCommandMenu(i18n: I18n): CommandGroup<BotContext> {
  return menuOf(i18n, BORROWER_COMMANDS);
}

export function groupHeadCommandMenu(i18n: I18n): CommandGroup<BotContext> {
  return menuOf(i18n, [...BORROWER_COMMANDS, ...GROUP_HEAD_COMMANDS]);
}

export function staffCommandMenu(i18n: I18n): CommandGroup<BotContext> {
  return menuOf(i18n, [...BORROWER_COMMANDS, ...STAFF_COMMANDS]);
}

let headMenu: CommandGroup<BotContext> | undefined;
let staffMenu: CommandGroup<BotContext> | undefined;
let adminMenu: CommandGroup<BotContext> | undefined;

/** Gives one chat the group head's menu (Telegram shows a chat's own menu before the default one). */
export async function setGroupHeadMenu(api: Api, chatId: number): Promise<void> {
  headMenu ??= groupHeadCommandMenu(createI18n());
  await setChatMenu(api, chatId, headMenu);
}

/** Gives an officer's chat the officer commands. */
export async function setStaffMenu(api: Api, chatId: number): Promise<void> {
  staffMenu ??= staffCommandMenu(createI18n());
  await setChatMenu(api, chatId, staffMenu);
}

/** Gives an admin's chat the officer and admin commands (at start-up, for ADMIN_TELEGRAM_IDS). */
export async function setAdminMenu(api: Api, chatId: number): Promise<void> {
  adminMenu ??= menuOf(createI18n(), [...BORROWER_COMMANDS, ...STAFF_COMMANDS, ...ADMIN_COMMANDS]);
  await setChatMenu(api, chatId, adminMenu);
}

async function setChatMenu(api: Api, chatId: number, menu: CommandGroup<BotContext>): Promise<void> {
  // The menu's commands, per language, moved from the default scope to this one chat.
  for (const params of menu.toArgs().scopes) {
    await api.setMyCommands(params.commands, {
      scope: { type: "chat", chat_id: chatId },
      ...(params.language_code ? { language_code: params.language_code } : {}),
    });
  }
}

/** Back to the default menu, e.g. after unlinking. */
export async function clearChatMenu(api: Api, chatId: number): Promise<void> {
  for (const language_code of [undefined, "en"] as const) {
    await api.deleteMyCommands({
      scope: { type: "chat", chat_id: chatId },
      ...(language_code ? { language_code } : {}),
    });
  }
}
