import { hears } from "@grammyjs/i18n";
import { Composer } from "grammy";
import { requirePrivateChat } from "../../bot/access.js";
import { type BotContext, translator } from "../../bot/context.js";
import { type LocalDate, vietnamDate } from "../../domain/dates.js";
import { collectionRows, overdueRows } from "../../domain/groupLists.js";
import type { Translate } from "../../i18n.js";
import { collectionListTexts, memberListTexts, overdueListTexts } from "../../reminders/messages.js";
import { type GroupRoster, groupHeadedBy, type HeadedGroup, loadGroupRoster } from "./roster.js";

/**
 * Group heads (from the bank's data, linked and verified) see their own group: members, who the bot
 * reaches, this session's collection list, and the overdue list. Nobody else does, and a head never
 * sees another group: the check is made here, on every request.
 */
export const groupHeadFeature = new Composer<BotContext>();

/** `asked`: a group code typed after the command, e.g. "/overdue G12"; only one's own is allowed. */
async function requireGroupHead(ctx: BotContext, asked: string): Promise<HeadedGroup | null> {
  if (!(await requirePrivateChat(ctx))) return null;
  const headed = ctx.from ? await groupHeadedBy(ctx.from.id) : null;
  if (!headed) {
    await ctx.reply(ctx.t("group-head-only"));
    return null;
  }
  if (asked.trim() && asked.trim().toUpperCase() !== headed.groupCode.toUpperCase()) {
    await ctx.reply(ctx.t("group-head-other-group"));
    return null;
  }
  return headed;
}

/** Checks the head, loads their group, and replies with what `render` makes of it. */
async function withRoster(
  ctx: BotContext,
  asked: string,
  render: (t: Translate, roster: GroupRoster, today: LocalDate) => string[],
) {
  const headed = await requireGroupHead(ctx, asked);
  if (!headed) return;
  const today = vietnamDate(new Date());
  const roster = await loadGroupRoster(headed.groupCode, today);
  if (!roster) return ctx.reply(ctx.t("balance-not-found"));
  for (const text of render(translator(ctx), roster, today)) await ctx.reply(text, { parse_mode: "HTML" });
}

const showMyGroup = (ctx: BotContext, asked = "") =>
  withRoster(ctx, asked, (t, roster) => [
    ...memberListTexts(t, roster.groupName, roster.members),
    ...(roster.nextSession
      ? collectionListTexts(
          t,
          roster.groupName,
          roster.nextSession,
          roster.point,
          collectionRows(roster.members, roster.nextSession),
        )
      : []),
  ]);

const showOverdue = (ctx: BotContext, asked = "") =>
  withRoster(ctx, asked, (t, roster, today) =>
    overdueListTexts(t, roster.groupName, today, overdueRows(roster.members, today), "on-request"),
  );

groupHeadFeature.command("mygroup", (ctx) => showMyGroup(ctx, ctx.match));
groupHeadFeature.filter(hears("menu-my-group"), (ctx) => showMyGroup(ctx));
groupHeadFeature.command("overdue", (ctx) => showOverdue(ctx, ctx.match));
groupHeadFeature.filter(hears("menu-overdue"), (ctx) => showOverdue(ctx));
