import type { Api } from "grammy";
import type { BotCommand, LanguageCode } from "grammy/types";
import type { MenuAudience } from "./feature.js";

/** What a feature contributes to the menus: its @grammyjs/commands group and whose menu it is in. */
export interface MenuSource {
  audience: MenuAudience;
  commands: { toArgs(): { scopes: { commands: BotCommand[]; language_code?: string | undefined }[] } };
}

/** Each menu shows everyone's commands, then the role's own (admins also get the officers'). */
const MENU_AUDIENCES: Record<MenuAudience, readonly MenuAudience[]> = {
  everyone: ["everyone"],
  "group-head": ["everyone", "group-head"],
  staff: ["everyone", "staff"],
  admin: ["everyone", "staff", "admin"],
};

type Menu = Map<LanguageCode | undefined, BotCommand[]>;

/**
 * The command menus, built from the features' own command definitions (the order features are
 * registered in is the menu's order). Borrowers get the default menu; a group head, an officer or an
 * admin gets their own chat's menu, set when the role is granted and removed when it is lost.
 */
export class CommandMenus {
  private readonly sources: MenuSource[] = [];

  /** With a dashboard (DASHBOARD_URL), a role's chat also gets the menu button that opens it. */
  constructor(private readonly dashboard?: { url: string; text: string }) {}

  register(source: MenuSource): void {
    this.sources.push(source);
  }

  /** The menu per language (undefined: the default, Vietnamese). */
  menu(audience: MenuAudience): Menu {
    const menu: Menu = new Map();
    for (const part of MENU_AUDIENCES[audience]) {
      for (const source of this.sources.filter((s) => s.audience === part)) {
        for (const scope of source.commands.toArgs().scopes) {
          const language = scope.language_code as LanguageCode | undefined;
          menu.set(language, [...(menu.get(language) ?? []), ...scope.commands]);
        }
      }
    }
    return menu;
  }

  /** The borrowers' menu for every chat, at start-up. */
  async setDefault(api: Api): Promise<void> {
    for (const [language_code, commands] of this.menu("everyone")) {
      await api.setMyCommands(commands, language_code ? { language_code } : undefined);
    }
  }

  /** Gives one chat a role's menu (Telegram shows a chat's own menu before the default one). */
  async setForChat(api: Api, chatId: number, audience: Exclude<MenuAudience, "everyone">): Promise<void> {
    for (const [language_code, commands] of this.menu(audience)) {
      const scope = { type: "chat", chat_id: chatId } as const;
      await api.setMyCommands(commands, language_code ? { scope, language_code } : { scope });
    }
    if (this.dashboard) {
      const { url, text } = this.dashboard;
      await api.setChatMenuButton({ chat_id: chatId, menu_button: { type: "web_app", text, web_app: { url } } });
    }
  }

  /** Back to the default menu (and menu button), e.g. after unlinking or a revoked role. */
  async clearForChat(api: Api, chatId: number): Promise<void> {
    if (this.dashboard) await api.setChatMenuButton({ chat_id: chatId, menu_button: { type: "default" } });
    for (const language_code of [undefined, "en"] as const) {
      await api.deleteMyCommands({
        scope: { type: "chat", chat_id: chatId },
        ...(language_code ? { language_code } : {}),
      });
    }
  }
}
