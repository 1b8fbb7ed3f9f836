import type { BotContext } from "../../bot/context.js";

/** A report being written, kept in the session (bot/context.ts) until it is sent. */
export type Draft = NonNullable<BotContext["session"]["hardship"]>;
export type Step = Draft["step"];
export type Borrower = BotContext & { customerCode: string };

/** The draft at this step, or null (a stale button: answered, nothing changed). */
export async function at(ctx: BotContext, step: Step): Promise<Draft | null> {
  const draft = ctx.session.hardship;
  if (draft?.step === step) return draft;
  if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text: ctx.t("hardship-stale") });
  return null;
}

export async function done(ctx: BotContext): Promise<void> {
  if (ctx.callbackQuery) await ctx.answerCallbackQuery().catch(() => undefined);
}

/** Whose report the draft is: the member a head files for, or the borrower's own household. */
export const subjectOf = (ctx: Borrower, draft: Draft): string => draft.forMember ?? ctx.customerCode;
