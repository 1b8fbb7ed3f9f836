import { GrammyError } from "grammy";
import { describe, expect, it } from "vitest";
import { safeError } from "../../src/logger.js";

describe("error logging", () => {
  it("keeps the kind, code and method of a Telegram error but never its payload", () => {
    const error = new GrammyError(
      "Call to 'sendMessage' failed!",
      { ok: false, error_code: 403, description: "Forbidden: bot was blocked by the user" },
      "sendMessage",
      { chat_id: 1, text: "Nguyễn Văn An còn nợ 12.500.000 ₫" },
    );
    const logged = JSON.stringify(safeError(error));
    expect(logged).toContain("403");
    expect(logged).toContain("sendMessage");
    expect(logged).not.toContain("Nguyễn");
    expect(logged).not.toContain("12.500.000");
  });
});
