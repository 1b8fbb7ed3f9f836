import { hears } from "@grammyjs/i18n";
import { Composer } from "grammy";
import { vietnamDate } from "../../domain/dates.js";
import { collectionRows, overdueRows } from "../../domain/groupLists.js";
import { collectionListTexts, memberListTexts, overdueListTexts } from "../../domain/reminderMessages.js";
import { groupHeadedBy, type HeadedGroup, loadGroupRoster } from "../../services/groupRoster.js";
import { type BotContext, translator } from "../context.js";

/**
 * Group heads (from the bank's data, linked and verified) see their own group: members, who the bot
 * reaches, this session's collection list, and the overdue list. Nobody else does, and a head never
 * sees another group: the check is made here, on every request.
 */
export const groupHeadFeature = new Composer<BotContext>();

async function requireGroupHead(ctx: BotContext): Promise<HeadedGroup | null> {
  if (ctx.chat?.type !== "private") {
    await ctx.reply(ctx.t("private-only", { bot: ctx.me.username }));
    return null;
  }
  const headed = ctx.from ? await groupHeadedBy(ctx.from.id) : null;
  if (!headed) {
    await ctx.reply(ctx.t("group-head-only"));
    return null;
  }
  const asked = typeof ctx.match === "string" ? ctx.match.trim() : "";
  if (asked && asked.toUpperCase() !== headed.groupCode.toUpperCase()) {
    await ctx.reply(ctx.t("group-head-other-group"));
    return null;
  }
  return headed;
}

async function replyAll(ctx: BotContext, texts: readonly string[]) {
  for (const text of texts) await ctx.reply(text, { parse_mode: "HTML" });
}

const showMyGroup = async (ctx: BotContext) => {
  const headed = await requireGroupHead(ctx);
  if (!headed) return;
  const today = vietnamDate(new Date());
  const roster = await loadGroupRoster(headed.groupCode, today);
  if (!roster) return ctx.reply(ctx.t("balance-not-found"));
  const t = translator(ctx);
  await replyAll(ctx, memberListTexts(t, roster.groupName, roster.members));
  if (roster.nextSession) {
    const rows = collectionRows(roster.members, roster.nextSession);
    await replyAll(ctx, collectionListTexts(t, roster.groupName, roster.nextSession, roster.point, rows));
  }
};

const showOverdue = async (ctx: BotContext) => {
  const headed = await requireGroupHead(ctx);
  if (!headed) return;
  const today = vietnamDate(new Date());
  const roster = await loadGroupRoster(headed.groupCode, today);
  if (!roster) return ctx.reply(ctx.t("balance-not-found"));
  const rows = overdueRows(roster.members, today);
  await replyAll(ctx, overdueListTexts(translator(ctx), roster.groupName, today, rows, "on-request"));
};

groupHeadFeature.command("mygroup", showMyGroup);
groupHeadFeature.filter(hears("menu-my-group"), showMyGroup);
groupHeadFeature.command("overdue", showOverdue);
groupHeadFeature.filter(hears("menu-overdue"), showOverdue);
