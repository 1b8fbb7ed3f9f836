import { z } from "zod";
import { callbackKind } from "../bot/callbackData.js";

const id = z.string().regex(/^[A-Za-z0-9_-]{16}$/);

/** Under a confirmation: "why this amount?" and "I paid but this is not what I paid" (asked, then sent). */
export const confirmationWhy = callbackKind("rcw", { id });
export const confirmationWrong = callbackKind("rcx", { id, step: z.enum(["ask", "yes", "no"]) });
