/**
 * Attacker's checklist: a message flood (issue 10, item 11). The rate limiter answers it before any
 * database read, so a flood costs the database nothing.
 */
import { describe, expect, it, vi } from "vitest";
import { mongoSessionStorage } from "../../src/data/sessions.js";
import { testBot, text } from "../support/bot.js";
import { useTestDatabase } from "../support/database.js";

useTestDatabase();

describe("item 11: the rate limiter runs before any database read", () => {
  it("reads the session only for the messages within the limit", async () => {
    const reads = vi.spyOn(mongoSessionStorage, "read");
    const { bot, texts } = testBot(undefined, { rateLimit: { limit: 2, timeFrameMs: 60_000 } });
    for (let i = 0; i < 20; i++) await bot.handleUpdate(text(990_001, `câu hỏi ${i}`));
    expect(texts().filter((t) => t.includes("quá nhanh"))).toHaveLength(1);
    expect(reads.mock.calls.length).toBeLessThanOrEqual(2);
    reads.mockRestore();
  });
});
