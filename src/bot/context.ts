import type { I18nFlavor } from "@grammyjs/i18n";
import type { Context, SessionFlavor } from "grammy";
import type { Clock } from "../clock.js";
import type { CodedAudienceKind } from "../domain/broadcast.js";
import type { Logger } from "../logger.js";

export interface SessionData {
  /** Where the user is in linking; the typed code is kept only between the two steps. */
  linking?: { step: "code" } | { step: "factor"; code: string };
  /** Answers so far in the eligibility guide. */
  eligibility?: {
    status?: string;
    purpose?: string;
    disadvantagedCommune?: boolean | "unknown";
    rural?: boolean | "unknown";
    followUps: Record<string, boolean | "unknown">;
  };
  /** Where an officer is in writing a broadcast (the draft itself is in the broadcasts collection). */
  broadcast?:
    | { step: "compose" }
    | { step: "code"; id: string; kind: CodedAudienceKind }
    | { step: "schedule"; id: string };
  /** Where a borrower is in reporting a hardship (issue 26): the answers so far, nothing stored yet. */
  hardship?: {
    step: "member" | "reason" | "when" | "loan" | "text" | "photos" | "confirm";
    /** The members a head was offered to file for (no phone), in the order of their buttons. */
    members?: string[];
    reason?: string;
    when?: string;
    /** The open loans offered, in the order of their buttons. */
    loans?: string[];
    loanNumber?: string | null;
    text?: string;
    /** Telegram file ids of the photos sent (downloaded only when the report is sent). */
    photos?: string[];
    /** The borrower agreed to keep where the photos were taken. */
    keepLocation?: boolean;
    /** A group head filing for a member without a phone: that member's customer code. */
    forMember?: string;
  };
  /** An officer's next words for a report: what its paper form lacks, or the decision's number. */
  hardshipNote?: { reference: string; step: "needs-form" } | { reference: string; step: "decided"; decision: string };
  /** A group head's note on a member's report, typed next. */
  hardshipHeadNote?: { reference: string };
  /** A file an officer sent for import, waiting for their confirmation after the dry run. */
  pendingImport?: { fileId: string; fileName: string };
  /** Written by @grammyjs/i18n when the user picks a language. */
  __language_code?: string;
}

/** A logger for this update only: every line carries its `update_id` (never the message itself). */
export interface LogFlavor {
  log: Logger;
}

/** What "now" is for this update: the system clock, or the one a test pins. */
export interface ClockFlavor {
  clock: Clock;
}

export type BotContext = Context & SessionFlavor<SessionData> & I18nFlavor & LogFlavor & ClockFlavor;

/** The user's language, narrowed to the ones we support. */
export async function userLocale(ctx: BotContext): Promise<"vi" | "en"> {
  return (await ctx.i18n.getLocale()) === "en" ? "en" : "vi";
}

/** `ctx.t` as a plain function, for the pure views. */
export function translator(ctx: BotContext): (key: string, variables?: Record<string, string | number>) => string {
  return (key, variables) => ctx.t(key, variables);
}
