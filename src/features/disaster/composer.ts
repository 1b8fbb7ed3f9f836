import { type Api, InlineKeyboard } from "grammy";
import { officer } from "../../bot/access.js";
import { type BotContext, translator } from "../../bot/context.js";
import type { FeatureDeps } from "../../bot/deps.js";
import { Feature } from "../../bot/feature.js";
import {
  decideDisaster,
  disasterEvent,
  disasterEvents,
  endDisaster,
  proposeDisaster,
  type StoredDisaster,
} from "../../data/disasters.js";
import { addDays, vietnamDate } from "../../domain/dates.js";
import { type Declaration, disasterId, parseDeclaration } from "../../domain/disaster.js";
import { translatorFor } from "../../i18n.js";
import { approversCovering, audit, type Staff } from "../../staff/roles.js";
import { areaOnFile, eventCoveredBy, scopeCoversArea } from "./area.js";
import { decideEvent, endEvent } from "./callbacks.js";
import { eventLine, eventListView } from "./views.js";

type Officer = BotContext & { staff: Staff };

/** Events ended more than this many days ago drop off the list. */
const LIST_DAYS_BACK = 30;

/**
 * /disaster (issue 26): an officer proposes an event over a commune or a transaction point in their
 * scope ("/disaster commune:X0101 28/09/2025-15/10/2025 bão số 10"); another officer whose scope
 * covers the area, or an admin, declares or refuses it; an officer in scope may end it early. Every
 * step is checked against the event as stored now and the officer's scope as stored now, and audited.
 * What an event does to reminders is in reminders/planning/disasters.ts.
 */
export function createDisasterFeature(deps: FeatureDeps) {
  const feature = new Feature("disaster", "staff", officer(deps.adminIds), deps.i18n);
  feature.command("disaster", async (ctx) => {
    const typed = ctx.match.trim();
    if (!typed) return listEvents(ctx);
    const declaration = parseDeclaration(typed);
    if (typeof declaration === "string") return void (await ctx.reply(ctx.t(`disaster-bad-${declaration}`)));
    await propose(ctx, deps, declaration);
  });
  feature.callback(decideEvent, async (ctx, { verdict, id }) => {
    await decide(ctx, id, verdict === "ok" ? "declared" : "refused", deps);
    await ctx.answerCallbackQuery().catch(() => undefined);
  });
  feature.callback(endEvent, async (ctx, { id }) => {
    await end(ctx, id);
    await ctx.answerCallbackQuery().catch(() => undefined);
  });
  return feature;
}

async function listEvents(ctx: Officer): Promise<void> {
  const today = vietnamDate(ctx.clock.now());
  const shown = (await disasterEvents()).filter(
    (e) => eventCoveredBy(ctx.staff.scope, e) && e.until >= addDays(today, -LIST_DAYS_BACK),
  );
  const view = eventListView(translator(ctx), shown, today, ctx.staff.telegramUserId);
  await ctx.reply(view.text, { parse_mode: "HTML", reply_markup: view.keyboard });
}

async function propose(ctx: Officer, deps: FeatureDeps, declaration: Declaration): Promise<void> {
  const area = await areaOnFile(declaration.area);
  // An area that does not exist and one outside the scope read the same.
  if (!area || !scopeCoversArea(ctx.staff.scope, declaration.area, area)) {
    return void (await ctx.reply(ctx.t("disaster-area-unknown")));
  }
  const id = disasterId(declaration.area, declaration.from);
  const event = {
    id,
    ...declaration,
    communeCode: area.communeCode,
    officeCode: area.officeCode,
    proposedBy: ctx.staff.telegramUserId,
  };
  if (!(await proposeDisaster(event, ctx.clock.now()))) return void (await ctx.reply(ctx.t("disaster-exists", { id })));
  await audit(
    ctx.staff.telegramUserId,
    "disaster-proposed",
    `${declaration.area.kind}:${declaration.area.code}`,
    {},
    { id },
  );
  const stored = (await disasterEvent(id)) as StoredDisaster;
  const asked = await askApprovers(deps, ctx.api, stored, area.name);
  await ctx.reply(
    ctx.t("disaster-proposed", { line: eventLine(translator(ctx), stored, area.name), approvers: asked }),
    {
      parse_mode: "HTML",
    },
  );
}

async function askApprovers(deps: FeatureDeps, api: Api, event: StoredDisaster, areaName: string): Promise<number> {
  const approvers = await approversCovering(deps.adminIds, event.proposedBy, (scope) => eventCoveredBy(scope, event));
  for (const { id, locale } of approvers) {
    const t = translatorFor(deps.i18n, locale);
    const keyboard = new InlineKeyboard()
      .text(t("disaster-approve"), decideEvent.encode({ verdict: "ok", id: event.id }))
      .text(t("disaster-refuse"), decideEvent.encode({ verdict: "no", id: event.id }));
    const text = t("disaster-approval-request", {
      line: eventLine(t, event, areaName),
      maker: String(event.proposedBy),
    });
    // An approver who never opened the bot cannot be written to; /disaster shows them the buttons too.
    await api.sendMessage(id, text, { parse_mode: "HTML", reply_markup: keyboard }).catch(() => undefined);
  }
  return approvers.length;
}

/** The event if it exists and lies in the officer's scope as stored now (anything else reads as missing). */
async function eventInScope(ctx: Officer, id: string): Promise<StoredDisaster | null> {
  const event = await disasterEvent(id);
  return event && eventCoveredBy(ctx.staff.scope, event) ? event : null;
}

async function decide(ctx: Officer, id: string, verdict: "declared" | "refused", deps: FeatureDeps): Promise<void> {
  const event = await eventInScope(ctx, id);
  if (!event) return void (await ctx.reply(ctx.t("disaster-not-found")));
  if (event.proposedBy === ctx.staff.telegramUserId) return void (await ctx.reply(ctx.t("disaster-own")));
  if (!(await decideDisaster(id, verdict, ctx.staff.telegramUserId, ctx.clock.now()))) {
    return void (await ctx.reply(ctx.t("disaster-stale")));
  }
  await audit(ctx.staff.telegramUserId, `disaster-${verdict}`, `${event.area.kind}:${event.area.code}`, {}, { id });
  await ctx.reply(ctx.t(`disaster-${verdict}`, { id }));
  const t = translatorFor(deps.i18n, "vi");
  await ctx.api.sendMessage(event.proposedBy, t(`disaster-${verdict}`, { id })).catch(() => undefined);
}

async function end(ctx: Officer, id: string): Promise<void> {
  const event = await eventInScope(ctx, id);
  if (!event) return void (await ctx.reply(ctx.t("disaster-not-found")));
  const today = vietnamDate(ctx.clock.now());
  if (!(await endDisaster(id, today, ctx.staff.telegramUserId))) return void (await ctx.reply(ctx.t("disaster-stale")));
  await audit(ctx.staff.telegramUserId, "disaster-ended", `${event.area.kind}:${event.area.code}`, {}, { id });
  await ctx.reply(ctx.t("disaster-ended", { id }));
}
