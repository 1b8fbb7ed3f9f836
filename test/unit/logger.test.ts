import { GrammyError } from "grammy";
import { describe, expect, it } from "vitest";
import { createLogger, redactPersonal, safeError } from "../../src/logger.js";

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

describe("redaction of personal data in logs", () => {
  const PERSONAL = {
    phone: "0867207431",
    phones: ["0912345604"],
    fullName: "Nguyễn Văn A",
    name: "Trần Thị Bích",
    nationalId: "001234567890",
    balance: 12_500_001,
    outstandingPrincipal: 40_000_007,
    first_name: "Hoa",
    last_name: "Lê",
    username: "hoa_le_1990",
    phone_number: "84867207431",
  };
  const secrets = ["0867207431", "0912345604", "Nguyễn", "Bích", "001234567890", "12500001", "40000007"];
  const captured = () => {
    const lines: string[] = [];
    const log = createLogger({ write: (line: string) => lines.push(line) });
    return { log, output: () => lines.join("") };
  };

  it.each(Object.keys(PERSONAL))("censors %s at the top level and three levels down, and in child bindings", (key) => {
    const value = PERSONAL[key as keyof typeof PERSONAL];
    const { log, output } = captured();
    log.info({ [key]: value, kept: "visible" }, "top");
    log.info({ a: { b: { c: { [key]: value } } } }, "deep");
    log.info({ list: [{ [key]: value }] }, "in an array");
    log.child({ [key]: value }).info("bound");
    const text = output();
    expect(text).toContain("visible");
    expect(text.match(/\[redacted\]/g)).toHaveLength(4);
    for (const secret of secrets) expect(text).not.toContain(secret);
    expect(text).not.toContain(String(value));
  });

  it("leaves everything else as it is", () => {
    expect(redactPersonal({ update_id: 7, feature: "stats", a: { count: 3, at: "x" } })).toEqual({
      update_id: 7,
      feature: "stats",
      a: { count: 3, at: "x" },
    });
  });
});
