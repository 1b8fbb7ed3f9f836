import { Writable } from "node:stream";
import pino from "pino";
import { describe, expect, it } from "vitest";
import { testBot, text } from "../support/bot.js";
import { useTestDatabase } from "../support/database.js";

useTestDatabase();

/** A debug-level logger whose lines are kept, parsed, for the test to read. */
function recordingLogger() {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  return { lines, log: pino({ level: "debug" }, sink) };
}

describe("the log of each update", () => {
  it("has one debug line per handled update with its id, kind and time, and never the message", async () => {
    const { lines, log } = recordingLogger();
    const { bot } = testBot(undefined, { log });
    const update = text(867207431, "Nguyễn Văn An hỏi: còn nợ 12.500.000 ₫ phải không?");
    await bot.handleUpdate(update);

    const handled = lines.filter((l) => l.msg === "update handled");
    expect(handled).toHaveLength(1);
    expect(handled[0]).toMatchObject({ update_id: update.update_id, kind: "message", level: 20 });
    expect(typeof handled[0]?.ms).toBe("number");
    const all = JSON.stringify(lines);
    expect(all).not.toContain("Nguyễn");
    expect(all).not.toContain("12.500.000");
    expect(all).not.toContain("867207431");
  });

  it("names the feature that took the update, also when its access check refused it", async () => {
    const { lines, log } = recordingLogger();
    const { bot } = testBot(undefined, { log });
    await bot.handleUpdate(text(5001, "/balance"));
    await bot.handleUpdate(text(5001, "/eligibility"));
    const handled = lines.filter((l) => l.msg === "update handled");
    expect(handled.map((l) => l.feature)).toEqual(["statement", "eligibility"]);
  });
});
