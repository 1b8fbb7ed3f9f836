import type { Update, UserFromGetMe } from "grammy/types";
import { describe, expect, it } from "vitest";
import { createBot } from "../../src/bot/bot.js";
import { logger } from "../../src/logger.js";

const botInfo: UserFromGetMe = {
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

function startUpdate(languageCode?: string): Update {
  return {
    update_id: 1,
    message: {
      message_id: 1,
      date: 0,
      chat: { id: 500, type: "private", first_name: "A" },
      from: { id: 500, is_bot: false, first_name: "A", ...(languageCode ? { language_code: languageCode } : {}) },
      text: "/start",
      entities: [{ type: "bot_command", offset: 0, length: 6 }],
    },
  };
}

function recordingBot() {
  const bot = createBot({ token: "1:test", botInfo, log: logger });
  const calls: { method: string; payload: Record<string, unknown> }[] = [];
  bot.api.config.use(async (_prev, method, payload) => {
    calls.push({ method, payload: payload as Record<string, unknown> });
    return { ok: true, result: true } as never;
  });
  return { bot, calls };
}

describe("/start", () => {
  it("greets in Vietnamese by default", async () => {
    const { bot, calls } = recordingBot();
    await bot.handleUpdate(startUpdate());
    expect(calls).toHaveLength(1);
    expect(calls[0]?.method).toBe("sendMessage");
    expect(calls[0]?.payload.text).toContain("Ngân hàng Chính sách xã hội");
  });

  it("greets in English when Telegram says the user speaks English", async () => {
    const { bot, calls } = recordingBot();
    await bot.handleUpdate(startUpdate("en"));
    expect(calls[0]?.payload.text).toContain("Vietnam Bank for Social Policies");
  });
});
