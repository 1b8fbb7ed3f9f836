import { InlineKeyboard } from "grammy";
import { z } from "zod";
import { officer } from "../../bot/access.js";
import { callbackKind } from "../../bot/callbackData.js";
import type { BotContext } from "../../bot/context.js";
import type { FeatureDeps } from "../../bot/deps.js";
import { Feature } from "../../bot/feature.js";
import { kindCounts } from "../../confirmations/messages.js";
import { dropPending, pendingWithin, sendPending } from "../../confirmations/send.js";
import { communeNames } from "../../data/book.js";
import { LockHeldError } from "../../data/lock.js";
import { confirmationOffice, confirmationOffices, moveConfirmationOffice } from "../../data/recordedFigures.js";
import { nextSendingTime } from "../../delivery/settings.js";
import { escapeHtml } from "../../domain/html.js";
import type { Scope } from "../../domain/scope.js";
import { translatorFor } from "../../i18n.js";
import { approversCovering, audit, describeScope, inScope, type Staff } from "../../staff/roles.js";

type Officer = BotContext & { staff: Staff };

const OFFICE = z.string().regex(/^[\p{L}\p{N}._/-]{1,40}$/u);
/** An office's confirmations: ask to turn on, approve (another staff member), turn off. */
export const officeAction = callbackKind("rco", { action: z.enum(["ask", "ok", "off"]), office: OFFICE });
/** The pending confirmations within the presser's scope: send them, or drop them. */
export const pendingAction = callbackKind("rcs", { action: z.enum(["send", "drop"]) });

/** An office lies wholly within a scope: everything, or an offices grant naming it. */
const coversOffice = (scope: Scope, office: string) =>
  scope.kind === "all" || (scope.kind === "offices" && scope.codes.includes(office));

/**
 * /confirmations (issue 28): payment confirmations are off in every office until an officer whose
 * scope covers the office asks and another staff member covering it approves; anyone covering it may
 * turn them off at once. After each import the pending confirmations within the officer's scope wait
 * for "send" (or "drop"): a bad import cannot send a province's worth of wrong messages.
 */
export function createConfirmationsFeature(deps: FeatureDeps) {
  const feature = new Feature("confirmations", "staff", officer(deps.adminIds), deps.i18n);
  feature.command("confirmations", (ctx) => showStatus(ctx));
  feature.callback(officeAction, async (ctx, { action, office }) => {
    await ctx.answerCallbackQuery().catch(() => undefined);
    if (!coversOffice(ctx.staff.scope, office)) return void (await ctx.reply(ctx.t("recorded-office-outside")));
    if (action === "ask") await ask(ctx, deps, office);
    else if (action === "ok") await approve(ctx, office);
    else await turnOff(ctx, office);
  });
  feature.callback(pendingAction, async (ctx, { action }) => {
    await ctx.answerCallbackQuery().catch(() => undefined);
    await (action === "send" ? send(ctx, deps) : drop(ctx));
  });
  return feature;
}

/** The send/drop buttons for what waits within a scope (also under an import's summary). */
export function pendingKeyboard(t: (key: string, v?: Record<string, string | number>) => string, households: number) {
  return new InlineKeyboard()
    .text(t("recorded-send-button", { count: households }), pendingAction.encode({ action: "send" }))
    .text(t("recorded-drop-button"), pendingAction.encode({ action: "drop" }));
}

async function showStatus(ctx: Officer): Promise<void> {
  const { scope } = ctx.staff;
  const [communes, states, pending] = await Promise.all([
    communeNames(),
    confirmationOffices(),
    pendingWithin((place) => inScope(scope, place)),
  ]);
  const offices = new Map(
    communes.filter((c) => coversOffice(scope, c.officeCode)).map((c) => [c.officeCode, c.officeName]),
  );
  const lines = [ctx.t("recorded-status-title")];
  const keyboard = new InlineKeyboard();
  for (const [code, name] of [...offices].sort()) {
    const office = states.get(code);
    const state = office?.state ?? "off";
    lines.push(ctx.t(`recorded-office-${state}`, { office: escapeHtml(`${name} (${code})`) }));
    const action =
      state === "on"
        ? "off"
        : state === "requested" && office?.requestedBy !== ctx.staff.telegramUserId
          ? "ok"
          : state === "off"
            ? "ask"
            : null;
    if (action)
      keyboard
        .text(ctx.t(`recorded-action-${action}`, { office: code }), officeAction.encode({ action, office: code }))
        .row();
  }
  if (offices.size === 0) lines.push(ctx.t("recorded-no-office"));
  if (pending.households > 0) {
    lines.push(ctx.t("recorded-pending", { count: pending.households, kinds: kindCounts(ctx.t, pending.byKind) }));
    const buttons = pendingKeyboard(ctx.t, pending.households);
    keyboard.row().append(buttons);
  } else lines.push(ctx.t("recorded-pending-none"));
  await ctx.reply(lines.join("\n"), { parse_mode: "HTML", reply_markup: keyboard });
}

async function ask(ctx: Officer, deps: FeatureDeps, office: string): Promise<void> {
  const maker = ctx.staff.telegramUserId;
  const now = ctx.clock.now();
  if (
    !(await moveConfirmationOffice(office, "off", { state: "requested", requestedBy: maker, decidedBy: null }, now))
  ) {
    return void (await ctx.reply(ctx.t("recorded-office-moved")));
  }
  await audit(maker, "confirmations-ask", describeScope(ctx.staff.scope), {}, { office });
  const approvers = await approversCovering(deps.adminIds, maker, (scope) => coversOffice(scope, office));
  for (const a of approvers) {
    const t = translatorFor(deps.i18n, a.locale);
    const keyboard = new InlineKeyboard().text(
      t("recorded-action-ok", { office }),
      officeAction.encode({ action: "ok", office }),
    );
    await ctx.api
      .sendMessage(a.id, t("recorded-approve-asked", { office: escapeHtml(office) }), {
        parse_mode: "HTML",
        reply_markup: keyboard,
      })
      .catch(() => undefined);
  }
  await ctx.reply(ctx.t("recorded-asked", { office: escapeHtml(office), approvers: approvers.length }), {
    parse_mode: "HTML",
  });
}

async function approve(ctx: Officer, office: string): Promise<void> {
  const me = ctx.staff.telegramUserId;
  const stored = await confirmationOffice(office);
  // Four eyes: whoever asked cannot approve their own request.
  if (stored.state !== "requested" || stored.requestedBy === me) {
    return void (await ctx.reply(ctx.t(stored.requestedBy === me ? "recorded-own-request" : "recorded-office-moved")));
  }
  if (!(await moveConfirmationOffice(office, "requested", { state: "on", decidedBy: me }, ctx.clock.now()))) {
    return void (await ctx.reply(ctx.t("recorded-office-moved")));
  }
  await audit(
    me,
    "confirmations-on",
    describeScope(ctx.staff.scope),
    {},
    { office, requestedBy: String(stored.requestedBy) },
  );
  await ctx.reply(ctx.t("recorded-office-turned-on", { office: escapeHtml(office) }), { parse_mode: "HTML" });
}

async function turnOff(ctx: Officer, office: string): Promise<void> {
  const me = ctx.staff.telegramUserId;
  const state = (await confirmationOffice(office)).state;
  if (
    state === "off" ||
    !(await moveConfirmationOffice(office, state, { state: "off", decidedBy: me }, ctx.clock.now()))
  ) {
    return void (await ctx.reply(ctx.t("recorded-office-moved")));
  }
  await audit(me, "confirmations-off", describeScope(ctx.staff.scope), {}, { office });
  await ctx.reply(ctx.t("recorded-office-turned-off", { office: escapeHtml(office) }), { parse_mode: "HTML" });
}

async function send(ctx: Officer, deps: FeatureDeps): Promise<void> {
  const { scope, telegramUserId } = ctx.staff;
  const now = ctx.clock.now();
  try {
    const queued = await sendPending({
      covers: (place) => inScope(scope, place),
      i18n: deps.i18n,
      phoneChannels: deps.phone?.channels ?? [],
      carries: deps.phone?.carries ?? (() => false),
      notBefore: nextSendingTime(now, deps.sending, deps.closures ?? []),
      now,
    });
    await audit(telegramUserId, "confirmations-send", describeScope(scope), { households: queued });
    deps.dispatcher?.wake();
    await ctx.reply(ctx.t("recorded-sent", { count: queued }));
  } catch (error) {
    if (!(error instanceof LockHeldError)) throw error;
    await ctx.reply(ctx.t("recorded-busy"));
  }
}

async function drop(ctx: Officer): Promise<void> {
  const { scope, telegramUserId } = ctx.staff;
  try {
    const dropped = await dropPending((place) => inScope(scope, place), ctx.clock.now());
    await audit(telegramUserId, "confirmations-drop", describeScope(scope), { households: dropped });
    await ctx.reply(ctx.t("recorded-dropped", { count: dropped }));
  } catch (error) {
    if (!(error instanceof LockHeldError)) throw error;
    await ctx.reply(ctx.t("recorded-busy"));
  }
}
