import { groupHead } from "../../bot/access.js";
import { type BotContext, translator } from "../../bot/context.js";
import type { FeatureDeps } from "../../bot/deps.js";
import { Feature } from "../../bot/feature.js";
import { type LocalDate, vietnamDate } from "../../domain/dates.js";
import { collectionRows, overdueRows } from "../../domain/groupLists.js";
import type { Translate } from "../../i18n.js";
import { collectionListTexts, memberListTexts, overdueListTexts } from "../../reminders/messages.js";
import { type GroupRoster, type HeadedGroup, loadGroupRoster } from "./roster.js";

type HeadContext = BotContext & { headed: HeadedGroup };
type RenderRoster = (t: Translate, roster: GroupRoster, today: LocalDate) => string[];

/**
 * Loads the head's own group and replies with what `render` makes of it. `asked`: a group code typed
 * after the command ("/overdue G12"); only the head's own is allowed.
 */
async function replyWithRoster(ctx: HeadContext, asked: string, render: RenderRoster) {
  if (asked.trim() && asked.trim().toUpperCase() !== ctx.headed.groupCode.toUpperCase()) {
    return ctx.reply(ctx.t("group-head-other-group"));
  }
  const today = vietnamDate(ctx.clock.now());
  const roster = await loadGroupRoster(ctx.headed.groupCode, today);
  if (!roster) return ctx.reply(ctx.t("balance-not-found"));
  for (const text of render(translator(ctx), roster, today)) await ctx.reply(text, { parse_mode: "HTML" });
}

const myGroupTexts: RenderRoster = (t, roster) => [
  ...memberListTexts(t, roster.groupName, roster.members),
  ...(roster.nextSession
    ? collectionListTexts(
        t,
        roster.groupName,
        roster.nextSession,
        roster.point,
        collectionRows(roster.members, roster.nextSession, roster.suspended !== null),
        roster.suspended,
      )
    : []),
];

const overdueTexts: RenderRoster = (t, roster, today) =>
  overdueListTexts(t, roster.groupName, today, overdueRows(roster.members, today), "on-request");

/**
 * Group heads (from the bank's data, linked and verified) see their own group: members, who the bot
 * reaches, this session's collection list, and the overdue list. Nobody else does, and a head never
 * sees another group: the access check reads their group on every request.
 */
export function createGroupHeadFeature(deps: FeatureDeps) {
  const feature = new Feature("group-head", "group-head", groupHead, deps.i18n);
  feature.command("mygroup", (ctx) => replyWithRoster(ctx, ctx.match, myGroupTexts));
  feature.button("menu-my-group", (ctx) => replyWithRoster(ctx, "", myGroupTexts));
  feature.command("overdue", (ctx) => replyWithRoster(ctx, ctx.match, overdueTexts));
  feature.button("menu-overdue", (ctx) => replyWithRoster(ctx, "", overdueTexts));
  return feature;
}
