import { z } from "zod";
import { callbackKind } from "../../bot/callbackData.js";
import { AUDIENCE_KINDS } from "../../domain/broadcast.js";

const broadcastId = z.string().regex(/^\w{1,40}$/);

/** The audience picked for a draft: `bc:aud:<id>:<kind>`. */
export const pickAudience = callbackKind("bc:aud", { id: broadcastId, kind: z.enum(AUDIENCE_KINDS) });
/** After the count: send now, at a time, or discard: `bc:go:<id>`, `bc:at:<id>`, `bc:x:<id>`. */
export const sendChoice = callbackKind("bc", { action: z.enum(["go", "at", "x"]), id: broadcastId });
/** A checker's decision: `bc:ok:<id>` approves, `bc:no:<id>` rejects. */
export const decision = callbackKind("bc", { verdict: z.enum(["ok", "no"]), id: broadcastId });
