import { it, expect } from "vitest";
import { useTestDatabase } from "../support/database.js";
it("x", () => expect(typeof useTestDatabase).toBe("function"));
