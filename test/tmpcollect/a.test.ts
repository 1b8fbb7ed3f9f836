import { it, expect } from "vitest";
import { testBot } from "../support/bot.js";
it("x", () => expect(typeof testBot).toBe("function"));
