import { z } from "zod";
import { callbackKind } from "../../bot/callbackData.js";
import { HARDSHIP_DECISIONS, HARDSHIP_REASONS, HARDSHIP_REFERENCE_RE, HARDSHIP_WHEN } from "../../domain/hardship.js";

/** A new report: `hs:new`. */
export const startReport = callbackKind("hs:new", {});
/** What happened: `hs:r:<reason>`. */
export const pickReason = callbackKind("hs:r", { reason: z.enum(HARDSHIP_REASONS) });
/** When: `hs:w:<when>`. */
export const pickWhen = callbackKind("hs:w", { when: z.enum(HARDSHIP_WHEN) });
/** Which loan, by its place in the list offered (0: all of them / not sure): `hs:l:<n>`. */
export const pickLoan = callbackKind("hs:l", { n: z.coerce.number().int().min(0).max(20) });
/** No text, photos done, keep the photos' location (on/off), send, or give up: `hs:a:<action>`. */
export const finish = callbackKind("hs:a", { action: z.enum(["skip", "done", "loc", "send", "cancel"]) });
/** Withdraw a report: `hs:x:<reference>`. */
export const withdraw = callbackKind("hs:x", { reference: z.string().regex(HARDSHIP_REFERENCE_RE) });
/** The group head confirms a member's report: `hs:c:<reference>`. */
export const headConfirms = callbackKind("hs:c", { reference: z.string().regex(HARDSHIP_REFERENCE_RE) });
/** An officer opens a report of the queue: `hs:o:<reference>`. */
export const openReport = callbackKind("hs:o", { reference: z.string().regex(HARDSHIP_REFERENCE_RE) });
/** An officer moves a report on: `hs:m:<status>:<reference>`. */
export const moveReport = callbackKind("hs:m", {
  status: z.enum(["checking", "needs-form", "sent-to-office"]),
  reference: z.string().regex(HARDSHIP_REFERENCE_RE),
});
/** An officer records the bank's decision: `hs:d:<decision>:<reference>`. */
export const decideReport = callbackKind("hs:d", {
  decision: z.enum(HARDSHIP_DECISIONS),
  reference: z.string().regex(HARDSHIP_REFERENCE_RE),
});
/** A head files for a member without a phone: `hs:hm`, then picks them by place in the list: `hs:hp:<n>`. */
export const fileForMember = callbackKind("hs:hm", {});
export const pickMember = callbackKind("hs:hp", { n: z.coerce.number().int().min(1).max(20) });
/** A head answers with a note instead of a plain yes: `hs:hn:<reference>`. */
export const headNote = callbackKind("hs:hn", { reference: z.string().regex(HARDSHIP_REFERENCE_RE) });
