import type { I18n } from "@grammyjs/i18n";
import { type BotContext, translator } from "../../bot/context.js";
import { beginFlow } from "../../bot/flows.js";
import { household } from "../../data/book.js";
import { hardshipReport, moveHardshipReport, reportsOnLists } from "../../data/hardship.js";
import { groupHeadedByHousehold } from "../groupHead/roster.js";
import { tellBorrower } from "./notify.js";
import { headSectionView } from "./views.js";

type Borrower = BotContext & { customerCode: string };

/**
 * For a group head: the members' reports still waiting for their word, and "file for a member
 * without a phone".
 */
export async function showHeadSection(ctx: Borrower): Promise<void> {
  const headed = await groupHeadedByHousehold(ctx.customerCode);
  if (!headed) return;
  const waiting = (await reportsOnLists([`group:${headed.groupCode}`])).filter(
    (r) => r.status === "awaiting-head" && r.groupCode === headed.groupCode && r.householdCode !== ctx.customerCode,
  );
  const members = await Promise.all(waiting.map((r) => household(r.householdCode)));
  const view = headSectionView(
    translator(ctx),
    waiting.map((r, i) => ({
      reference: String(r._id),
      member: members[i]?.fullName ?? r.householdCode,
      reason: r.reason,
    })),
  );
  await ctx.reply(view.text, { reply_markup: view.keyboard, parse_mode: "HTML" });
}

/**
 * The head's "yes, I know their situation": only the head of the report's group, as stored now, and
 * only while it waits for them; it then goes on to the officer, and the borrower is told.
 */
export async function headConfirmed(ctx: Borrower, reference: string, i18n: I18n): Promise<void> {
  const report = await waitingForThisHead(ctx, reference);
  if (!report) return;
  const change = { status: "new" as const, by: "head", headConfirmed: true };
  if (!(await moveHardshipReport(reference, "awaiting-head", change, ctx.clock.now()))) {
    return void (await ctx.reply(ctx.t("hardship-head-already", { reference })));
  }
  await ctx.reply(ctx.t("hardship-head-confirmed", { reference }), { parse_mode: "HTML" });
  await tellBorrower(ctx.api, i18n, ctx.log, { ...report, status: "new" }, "hardship-told-confirmed");
}

/** The longest note a head adds (a few words on what they know; the rest is for the paper form). */
export const HEAD_NOTE_MAX = 300;

/** "Add a note": only the head of the report's group as stored now, while it waits for them. */
export async function headNoteAsked(ctx: Borrower, reference: string): Promise<void> {
  const report = await waitingForThisHead(ctx, reference);
  if (!report) return;
  beginFlow(ctx.session, "hardshipHeadNote", { reference });
  await ctx.reply(ctx.t("hardship-head-note-ask", { reference, max: HEAD_NOTE_MAX }));
}

/** The head's note: the report goes on to the officer with it (not as a confirmation), the borrower is told. */
export async function headNoted(ctx: Borrower, reference: string, note: string, i18n: I18n): Promise<void> {
  const report = await waitingForThisHead(ctx, reference);
  if (!report) return;
  const change = { status: "new" as const, by: "head", headConfirmed: false, headNote: note };
  if (!(await moveHardshipReport(reference, "awaiting-head", change, ctx.clock.now()))) {
    return void (await ctx.reply(ctx.t("hardship-head-already", { reference })));
  }
  await ctx.reply(ctx.t("hardship-head-noted", { reference }));
  await tellBorrower(ctx.api, i18n, ctx.log, { ...report, status: "new" }, "hardship-told-moved");
}

/** The report if it waits for this household's head as stored now; else says why and gives null. */
async function waitingForThisHead(ctx: Borrower, reference: string) {
  const [report, headed] = await Promise.all([hardshipReport(reference), groupHeadedByHousehold(ctx.customerCode)]);
  if (!report || !headed || headed.groupCode !== report.groupCode || report.householdCode === ctx.customerCode) {
    await ctx.reply(ctx.t("hardship-not-found"));
    return null;
  }
  if (report.status !== "awaiting-head") {
    await ctx.reply(ctx.t("hardship-head-already", { reference }));
    return null;
  }
  return report;
}
