import { linkedBorrower } from "../../bot/access.js";
import { type BotContext, translator, userLocale } from "../../bot/context.js";
import type { FeatureDeps } from "../../bot/deps.js";
import { Feature } from "../../bot/feature.js";
import { loadProgrammeCatalogue } from "../../catalogue/load.js";
import { vietnamDate } from "../../domain/dates.js";
import { loadStatement, type Statement } from "./loadStatement.js";
import { balanceView, dueDatesView, groupHeadView } from "./views.js";

const programmes = new Map(loadProgrammeCatalogue().programmes.map((p) => [p.code, p]));

type Render = (ctx: BotContext, today: string, statement: Statement) => string | Promise<string>;

async function replyWithStatement(ctx: BotContext, customerCode: string, render: Render) {
  const today = vietnamDate(ctx.clock.now());
  const statement = await loadStatement(customerCode, today);
  if (!statement) return ctx.reply(ctx.t("balance-not-found"));
  await ctx.reply(await render(ctx, today, statement), { parse_mode: "HTML" });
}

/** The personal views, by name (the FAQ opens them too, after its own check of the link). */
export const PERSONAL_VIEWS = {
  balance: async (ctx, today, s) => balanceView(translator(ctx), await userLocale(ctx), s, programmes, today),
  "due-dates": (ctx, today, s) => dueDatesView(translator(ctx), s, today),
  "group-head": (ctx, _today, s) => groupHeadView(translator(ctx), s),
} satisfies Record<string, Render>;
export type PersonalView = keyof typeof PERSONAL_VIEWS;

export const showPersonalView = (ctx: BotContext, customerCode: string, view: PersonalView) =>
  replyWithStatement(ctx, customerCode, PERSONAL_VIEWS[view]);

/** Balance, due dates and "my group head": personal views, private chat with a linked user only. */
export function createStatementFeature(deps: FeatureDeps) {
  const feature = new Feature("statement", "everyone", linkedBorrower, deps.i18n);
  const entries: [command: string, button: string, view: PersonalView][] = [
    ["balance", "menu-balance", "balance"],
    ["duedates", "menu-due-dates", "due-dates"],
    ["grouphead", "menu-group-head", "group-head"],
  ];
  for (const [command, button, view] of entries) {
    const show = (ctx: BotContext & { customerCode: string }) => showPersonalView(ctx, ctx.customerCode, view);
    feature.command(command, show);
    feature.button(button, show);
  }
  return feature;
}
