import type { Transformer } from "grammy";
import type { Update, UserFromGetMe } from "grammy/types";
import { createBot } from "../../src/app/bot.js";
import type { Clock } from "../../src/clock.js";
import { type Logger, logger } from "../../src/logger.js";
import { testClock, WORKING_DAY_10AM } from "./clock.js";
import { TEST_ID_SECRET } from "./secrets.js";

export const botInfo = {
  id: 1,
  is_bot: true,
  first_name: "Tín dụng",
  username: "tindung_test_bot",
  can_join_groups: true,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
  can_connect_to_and_edit_my_business_account: false,
  has_main_web_app: false,
  has_topics_enabled: false,
  allows_users_to_create_topics: false,
  can_connect_to_business: false,
  can_manage_bots: false,
  supports_join_request_queries: false,
} as UserFromGetMe;

export interface ApiCall {
  method: string;
  payload: Record<string, unknown>;
}

/** The clock the test bots run on unless given one: 10:00 in Vietnam on Thursday 17 December 2026. */
export const botClock = testClock(WORKING_DAY_10AM);

/**
 * The real bot with a recording API transformer instead of Telegram: every outgoing call is kept,
 * and `respond` may return a Telegram error for a call (e.g. 403 or 429).
 */
export function testBot(
  respond?: (
    call: ApiCall,
    attempt: number,
  ) => { ok: false; error_code: number; description: string; parameters?: { retry_after?: number } } | undefined,
  options: {
    rateLimit?: { limit: number; timeFrameMs: number };
    adminIds?: number[];
    delivery?: Parameters<typeof createBot>[0]["delivery"];
    /** Where files are downloaded from (getFile answers with file_path = file_id). */
    apiRoot?: string;
    idHashSecret?: string;
    /** The bot's logger (default: the process logger). */
    log?: Logger;
    channelPrices?: Parameters<typeof createBot>[0]["channelPrices"];
    /** What "now" is to the bot (default: 10:00 in Vietnam on Thursday 17 December 2026, running). */
    clock?: Clock;
    /** The branch the bot serves, and the deployment's national admins and branches (issue 30). */
    branch?: Parameters<typeof createBot>[0]["branch"];
    national?: Parameters<typeof createBot>[0]["national"];
    /** The heap an import by chat may use, in MB (default: the product's). */
    importWorkerMemoryMb?: number;
    /** The command menus (default: a fresh one without the dashboard's menu button). */
    menus?: Parameters<typeof createBot>[0]["menus"];
  } = {},
) {
  const calls: ApiCall[] = [];
  const recorder: Transformer = async (_prev, method, payload) => {
    const call = { method, payload: payload as Record<string, unknown> };
    calls.push(call);
    const failure = respond?.(call, calls.length);
    if (failure) return failure as never;
    const p = payload as Record<string, unknown>;
    const result =
      method === "sendMessage"
        ? { message_id: calls.length, date: 0, chat: { id: 0, type: "private" } }
        : method === "getFile"
          ? { file_id: p.file_id, file_unique_id: String(p.file_id), file_path: p.file_id }
          : true;
    return { ok: true, result } as never;
  };
  const bot = createBot({
    token: "1:test",
    botInfo,
    log: options.log ?? logger,
    apiTransformers: [recorder],
    rateLimit: options.rateLimit ?? { limit: 1000, timeFrameMs: 1000 },
    adminIds: options.adminIds ?? [],
    ...(options.delivery ? { delivery: options.delivery } : {}),
    ...(options.apiRoot ? { apiRoot: options.apiRoot } : {}),
    idHashSecret: options.idHashSecret ?? TEST_ID_SECRET,
    ...(options.channelPrices ? { channelPrices: options.channelPrices } : {}),
    ...(options.importWorkerMemoryMb ? { importWorkerMemoryMb: options.importWorkerMemoryMb } : {}),
    clock: options.clock ?? botClock,
    ...(options.branch ? { branch: options.branch } : {}),
    ...(options.national ? { national: options.national } : {}),
    ...(options.menus ? { menus: options.menus } : {}),
  });
  const texts = () => calls.filter((c) => c.method === "sendMessage").map((c) => String(c.payload.text));
  return { bot, calls, texts, lastText: () => texts().at(-1) ?? "" };
}

let updateId = 1;
type Chat = { id: number; type: "private" } | { id: number; type: "group"; title: string };

function message(userId: number, chat: Chat, extra: Record<string, unknown>, languageCode = "vi"): Update {
  return {
    update_id: updateId++,
    message: {
      message_id: updateId,
      date: Math.floor(Date.now() / 1000),
      chat: chat.type === "private" ? { id: chat.id, type: "private", first_name: "U" } : chat,
      from: { id: userId, is_bot: false, first_name: "U", language_code: languageCode },
      ...extra,
    },
  } as Update;
}

export const privateChat = (userId: number): Chat => ({ id: userId, type: "private" });
export const groupChat = (): Chat => ({ id: -100123, type: "group", title: "Tổ" });

export function text(userId: number, body: string, chat: Chat = privateChat(userId)): Update {
  const entities = body.startsWith("/")
    ? [{ type: "bot_command", offset: 0, length: body.split(" ")[0]?.length ?? 0 }]
    : undefined;
  return message(userId, chat, { text: body, ...(entities ? { entities } : {}) });
}

export function documentMessage(
  userId: number,
  document: { file_id: string; file_name: string; file_size: number },
): Update {
  return message(userId, privateChat(userId), { document: { ...document, file_unique_id: document.file_id } });
}

export function photoMessage(userId: number, caption: string): Update {
  return message(userId, privateChat(userId), {
    caption,
    photo: [
      { file_id: "small-photo", file_unique_id: "s", width: 90, height: 90 },
      { file_id: "large-photo", file_unique_id: "l", width: 1280, height: 1280 },
    ],
  });
}

/** A photo taken in the chat: Telegram's sizes of it, the largest last, `fileId` the largest. */
export function photoUpload(userId: number, fileId: string, fileSize = 50_000, album?: string): Update {
  return message(userId, privateChat(userId), {
    ...(album ? { media_group_id: album } : {}),
    photo: [
      { file_id: `${fileId}-small`, file_unique_id: `${fileId}-s`, width: 90, height: 90, file_size: 2_000 },
      { file_id: fileId, file_unique_id: fileId, width: 1280, height: 960, file_size: fileSize },
    ],
  });
}

/** A file sent as a document, with the MIME type and size the sender's app claims. */
export function fileUpload(userId: number, fileId: string, mimeType: string, fileSize: number): Update {
  return message(userId, privateChat(userId), {
    document: { file_id: fileId, file_unique_id: fileId, file_name: fileId, mime_type: mimeType, file_size: fileSize },
  });
}

export function contact(userId: number, phone: string, contactUserId: number | undefined): Update {
  return message(userId, privateChat(userId), {
    contact: {
      phone_number: phone,
      first_name: "U",
      ...(contactUserId !== undefined ? { user_id: contactUserId } : {}),
    },
  });
}

export function callback(userId: number, data: string): Update {
  return {
    update_id: updateId++,
    callback_query: {
      id: String(updateId),
      from: { id: userId, is_bot: false, first_name: "U", language_code: "vi" },
      chat_instance: "1",
      data,
      message: { message_id: 1, date: 0, chat: { id: userId, type: "private", first_name: "U" }, text: "x" },
    },
  } as Update;
}
