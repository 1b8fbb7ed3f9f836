import type { SessionData } from "./context.js";

/**
 * Flows that take what the user types next. At most one is under way per user and chat; starting one
 * ends the others, so the free-input router (app/bot.ts) always knows whose step a message is.
 */
export const FLOWS = [
  "linking",
  "broadcast",
  "hardship",
  "hardshipNote",
  "hardshipHeadNote",
] as const satisfies readonly (keyof SessionData)[];
export type FlowName = (typeof FLOWS)[number];

export function activeFlow(session: SessionData): FlowName | undefined {
  // A flow ended is stored as null by the session store, and a fresh session has it undefined.
  return FLOWS.find((flow) => session[flow] != null);
}

export function beginFlow<F extends FlowName>(session: SessionData, flow: F, state: NonNullable<SessionData[F]>): void {
  for (const other of FLOWS) if (other !== flow && session[other] != null) session[other] = undefined;
  session[flow] = state;
}

export function endFlow(session: SessionData, flow: FlowName): void {
  session[flow] = undefined;
}
