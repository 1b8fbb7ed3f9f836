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

/** `asked`: a group code typed after the command, e.g. "/overdue G12"; only one's own is allowed. */
async function requireGroupHead(ctx: BotContext, asked: string): Promise<HeadedGroup | null> {
  if (ctx.chat?.type !== "private") {
    await ctx.reply(ctx.t("private-only", { bot: ctx.me.username }));
    return null;
  }
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

async function replyAll(ctx: BotContext, texts: readonly string[]) {
  for (const text of texts) await ctx.reply(text, { parse_mode: "HTML" });
}

const showMyGroup = async (ctx: BotContext, asked = "") => {
  const headed = await requireGroupHead(ctx, asked);
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

const showOverdue = async (ctx: BotContext, asked = "") => {
  const headed = await requireGroupHead(ctx, asked);
  if (!headed) return;
  const today = vietnamDate(new Date());
  const roster = await loadGroupRoster(headed.groupCode, today);
  if (!roster) return ctx.reply(ctx.t("balance-not-found"));
  const rows = overdueRows(roster.members, today);
  await replyAll(ctx, overdueListTexts(translator(ctx), roster.groupName, today, rows, "on-request"));
};

groupHeadFeature.command("mygroup", (ctx) => showMyGroup(ctx, ctx.match));
groupHeadFeature.filter(hears("menu-my-group"), (ctx) => showMyGroup(ctx));
groupHeadFeature.command("overdue", (ctx) => showOverdue(ctx, ctx.match));
groupHeadFeature.filter(hears("menu-overdue"), (ctx) => showOverdue(ctx));
