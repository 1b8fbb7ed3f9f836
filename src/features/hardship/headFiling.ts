import { InlineKeyboard } from "grammy";
import { translator } from "../../bot/context.js";
import { beginFlow } from "../../bot/flows.js";
import { telegramLinksOfMany } from "../../data/accounts.js";
import { groupMembersWithoutPhone, household } from "../../data/book.js";
import { escapeHtml } from "../../domain/html.js";
import { groupHeadedByHousehold } from "../groupHead/roster.js";
import { finish, pickMember } from "./callbacks.js";
import { at, type Borrower, done } from "./draft.js";
import { reasonKeyboard } from "./views.js";

/** At most this many members are offered (a group has 20–60 households; few have no phone). */
const MEMBERS_OFFERED = 20;

/**
 * Members a head may file a report for: in the group they head now, with no phone on file and no
 * linked Telegram account (anyone reachable files their own).
 */
async function membersWithoutPhone(headCode: string): Promise<{ code: string; name: string }[]> {
  const headed = await groupHeadedByHousehold(headCode);
  if (!headed) return [];
  const members = (await groupMembersWithoutPhone(headed.groupCode)).filter((m) => m.code !== headCode);
  const links = await telegramLinksOfMany(members.map((m) => m.code));
  return members.filter((m) => (links.get(m.code) ?? []).length === 0);
}

/** Whether the head may file for this member now (checked again when the report is sent). */
export async function mayFileFor(headCode: string, memberCode: string): Promise<boolean> {
  return (await membersWithoutPhone(headCode)).some((m) => m.code === memberCode);
}

/** "File for a member": the members without a phone, one button each. */
export async function offerMembers(ctx: Borrower): Promise<void> {
  const members = (await membersWithoutPhone(ctx.customerCode)).slice(0, MEMBERS_OFFERED);
  if (members.length === 0) return void (await ctx.reply(ctx.t("hardship-head-file-none")));
  beginFlow(ctx.session, "hardship", { step: "member", members: members.map((m) => m.code) });
  const keyboard = new InlineKeyboard();
  members.forEach((m, i) => {
    keyboard.text(m.name, pickMember.encode({ n: i + 1 })).row();
  });
  keyboard.text(ctx.t("hardship-cancel"), finish.encode({ action: "cancel" }));
  await ctx.reply(ctx.t("hardship-head-file-pick"), { reply_markup: keyboard });
}

/** The member picked: the same steps as a borrower's own report follow, for that member. */
export async function memberPicked(ctx: Borrower, n: number): Promise<void> {
  const draft = await at(ctx, "member");
  if (!draft) return;
  const code = draft.members?.[n - 1];
  if (!code || !(await mayFileFor(ctx.customerCode, code))) {
    return void (await ctx.answerCallbackQuery({ text: ctx.t("hardship-stale") }));
  }
  beginFlow(ctx.session, "hardship", { step: "reason", forMember: code });
  const name = (await household(code))?.fullName ?? code;
  await ctx.reply(`${ctx.t("hardship-head-file-for", { member: escapeHtml(name) })}\n${ctx.t("hardship-ask-reason")}`, {
    reply_markup: reasonKeyboard(translator(ctx)),
    parse_mode: "HTML",
  });
  await done(ctx);
}
