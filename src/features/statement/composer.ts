import { hears } from "@grammyjs/i18n";
import { Composer } from "grammy";
import { requireLinkedPrivateChat } from "../../bot/access.js";
import { type BotContext, translator, userLocale } from "../../bot/context.js";
import { loadProgrammeCatalogue } from "../../catalogue/load.js";
import { vietnamDate } from "../../domain/dates.js";
import { loadStatement, type Statement } from "./loadStatement.js";
import { balanceView, dueDatesView, groupHeadView } from "./views.js";

/** Balance, due dates and "my group head": personal views, private chat with a linked user only. */
export const statementFeature = new Composer<BotContext>();

const programmes = new Map(loadProgrammeCatalogue().programmes.map((p) => [p.code, p]));

async function withStatement(ctx: BotContext, render: (ctx: BotContext, today: string, s: Statement) => string) {
  const code = await requireLinkedPrivateChat(ctx);
  if (!code) return;
  const today = vietnamDate(new Date());
  const statement = await loadStatement(code, today);
  if (!statement) {
    await ctx.reply(ctx.t("balance-not-found"));
    return;
  }
  await ctx.reply(render(ctx, today, statement), { parse_mode: "HTML" });
}

export const showBalance = async (ctx: BotContext) => {
  const lang = await userLocale(ctx);
  await withStatement(ctx, (c, _today, s) => balanceView(translator(c), lang, s, programmes));
};
export const showDueDates = (ctx: BotContext) =>
  withStatement(ctx, (c, today, s) => dueDatesView(translator(c), s, today));
export const showGroupHead = (ctx: BotContext) => withStatement(ctx, (c, _today, s) => groupHeadView(translator(c), s));

statementFeature.command("balance", showBalance);
statementFeature.filter(hears("menu-balance"), showBalance);
statementFeature.command("duedates", showDueDates);
statementFeature.filter(hears("menu-due-dates"), showDueDates);
statementFeature.command("grouphead", showGroupHead);
statementFeature.filter(hears("menu-group-head"), showGroupHead);
