import { it, expect } from "vitest";
import mongoose from "mongoose";
it("x", () => expect(typeof mongoose).toBe("object"));
