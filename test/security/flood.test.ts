/**
 * Attacker's checklist: a message flood (issue 10, item 11). The rate limiter answers it before any
 * database read, so a flood costs the database nothing.
 */
import mongoose from "mongoose";
import { describe, expect, it } from "vitest";
import { testBot, text } from "../support/bot.js";
import { useTestDatabase } from "../support/database.js";

useTestDatabase();

/** How many commands the database received while `work` ran (every read and write, any collection). */
async function commandsDuring(work: () => Promise<void>): Promise<number> {
  const client = mongoose.connection.getClient();
  let count = 0;
  const onCommand = () => count++;
  client.on("commandStarted", onCommand);
  try {
    await work();
  } finally {
    client.off("commandStarted", onCommand);
  }
  return count;
}

describe("item 11: the rate limiter runs before any database read", () => {
  it("costs the database what the messages within the limit cost, and nothing for the other 18", async () => {
    const ask = async (user: number, questions: number) => {
      const { bot, texts } = testBot(undefined, { rateLimit: { limit: 2, timeFrameMs: 60_000 } });
      const commands = await commandsDuring(async () => {
        for (let i = 0; i < questions; i++) await bot.handleUpdate(text(user, `câu hỏi ${i}`));
      });
      return { commands, slowDowns: texts().filter((t) => t.includes("quá nhanh")).length };
    };
    const withinLimit = await ask(990_001, 2);
    expect(withinLimit.commands).toBeGreaterThan(0);
    expect(withinLimit.slowDowns).toBe(0);
    const flood = await ask(990_002, 20);
    expect(flood.slowDowns).toBe(1);
    expect(flood.commands).toBe(withinLimit.commands);
  });
});
