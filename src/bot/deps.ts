import type { I18n } from "@grammyjs/i18n";
import type { CarriesKind, PhoneChannel } from "../domain/channels.js";
import type { ChannelPrices } from "../domain/costs.js";
import type { Closure } from "../domain/transactionDay.js";
import type { ReminderConfig } from "../reminders/config.js";
import type { CommandMenus } from "./menus.js";

/** What the bot asks of the dispatcher in the same process (absent: messages wait for a sender). */
export interface DispatcherHandle {
  wake(): void;
  cancelSource(source: string): void;
  /** Drops what is queued in this process about a household for this chat (its owner unlinked). */
  cancelChat(chatId: number): void;
}

/** Everything a feature may be given, built once by the app (app/bot.ts). */
export interface FeatureDeps {
  i18n: I18n;
  menus: CommandMenus;
  /** Telegram user ids of administrators (ADMIN_TELEGRAM_IDS). */
  adminIds: readonly number[];
  /** The central office's admins and every branch of the deployment (national figures; one branch: none). */
  national: {
    adminIds: readonly number[];
    branches: readonly { code: string; name: string | undefined; database: string | null }[];
  };
  /** Keys the hashes of national ID numbers and of linking attempts (ID_HASH_SECRET). */
  idHashSecret: string;
  /** Sending settings: limits, windows, broadcast approval. */
  sending: ReminderConfig;
  /** Fixed closures (tests); without them, the holidays as they are now. */
  closures?: readonly Closure[] | undefined;
  dispatcher?: DispatcherHandle | undefined;
  /** "<api root>/file/bot<token>": where Telegram serves files. */
  fileRoot: string;
  /** The heap an import by chat may use (IMPORT_WORKER_MEMORY_MB); unset, the default. */
  importWorkerMemoryMb?: number | undefined;
  /** SMS and Zalo prices, for the costs in /stats (null: not set). */
  channelPrices: ChannelPrices;
  /** SMS and Zalo in the bank's order, and which kinds each carries (payment confirmations by phone). */
  phone?: { channels: readonly PhoneChannel[]; carries: CarriesKind } | undefined;
}
