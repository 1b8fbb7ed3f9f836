import { z } from "zod";
import { callbackKind } from "../../bot/callbackData.js";

/** An event's key as disasterId writes it ("c-X0101-20250928"). */
const DISASTER_ID_RE = /^[cp]-[A-Z0-9_./-]{1,40}-\d{8}$/;

/** A second officer declares or refuses a proposed event: `dz:v:<ok|no>:<id>`. */
export const decideEvent = callbackKind("dz:v", {
  verdict: z.enum(["ok", "no"]),
  id: z.string().regex(DISASTER_ID_RE),
});
/** An officer ends an event before its last day: `dz:e:<id>`. */
export const endEvent = callbackKind("dz:e", { id: z.string().regex(DISASTER_ID_RE) });
