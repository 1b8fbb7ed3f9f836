import { CommandGroup } from "@grammyjs/commands";
import type { I18n } from "@grammyjs/i18n";
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
] as const;

/**
 * Menu entries only: the handlers live in the feature composers. Group-head and officer menus
 * (scoped to their chats) come with those roles.
 */
export function borrowerCommandMenu(i18n: I18n): CommandGroup<BotContext> {
  const group = new CommandGroup<BotContext>();
  for (const name of BORROWER_COMMANDS) {
    group.command(name, i18n.t("vi", `cmd-${name}`)).localize("en", name, i18n.t("en", `cmd-${name}`));
  }
  return group;
}
