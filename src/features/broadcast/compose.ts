import { Router } from "@grammyjs/router";
import { Composer, InlineKeyboard } from "grammy";
import { userLocale } from "../../bot/context.js";
import type { FeatureDeps } from "../../bot/deps.js";
import { type Broadcast, findBroadcast } from "../../data/broadcasts.js";
import type { DeliveryMedia } from "../../delivery/send.js";
import { sendRendered } from "../../delivery/send.js";
import {
  AUDIENCE_KINDS,
  type Audience,
  broadcastTooLong,
  MAX_CAPTION_LENGTH,
  MAX_TEXT_LENGTH,
  parseVietnamDateTime,
  RESEND_MARKER_ROOM,
} from "../../domain/broadcast.js";
import { escapeHtml } from "../../domain/html.js";
import { describeScope } from "../../staff/roles.js";
import { pickAudience } from "./callbacks.js";
import { mayBroadcastNationally } from "./national.js";
import type { StaffContext } from "./queue.js";
import { audienceCodeExists, broadcastText, createDraft } from "./service.js";
import { showReach, submit } from "./submit.js";

/**
 * The officer's own broadcast, in the status this step expects (a button pressed out of order, or
 * forged, finds it in another); anything else gets a polite "no longer waiting for you".
 */
export async function ownBroadcast(ctx: StaffContext, id: string, status: Broadcast["status"]) {
  const broadcast = await findBroadcast(id);
  if (broadcast?.createdBy === ctx.staff.telegramUserId && broadcast.status === status) return broadcast;
  await ctx.reply(ctx.t("broadcast-not-yours"));
  return null;
}

type MessageContext = StaffContext & { message: NonNullable<StaffContext["message"]> };

function mediaOfMessage(message: MessageContext["message"]): DeliveryMedia | null {
  const photo = message.photo?.at(-1);
  if (photo) return { type: "photo", fileId: photo.file_id };
  return message.document ? { type: "document", fileId: message.document.file_id } : null;
}

/** The notice itself: stored as a draft, shown exactly as recipients will see it, then the audiences. */
async function compose(deps: FeatureDeps, ctx: MessageContext) {
  const { message } = ctx;
  const media = mediaOfMessage(message);
  const raw = message.text ?? message.caption ?? "";
  if (!raw.trim() && !media) return ctx.reply(ctx.t("broadcast-compose-unsupported"));
  const body = escapeHtml(raw.trim());
  const locale = await userLocale(ctx);
  const header = deps.i18n.t(locale, "broadcast-header");
  if (broadcastTooLong(body, header, media !== null)) {
    const max = (media ? MAX_CAPTION_LENGTH : MAX_TEXT_LENGTH) - header.length - 2 - RESEND_MARKER_ROOM;
    return ctx.reply(ctx.t("broadcast-too-long", { length: body.length, max }));
  }
  const { staff } = ctx;
  const draft = await createDraft({
    staff,
    scope: describeScope(staff.scope),
    body,
    media,
    language: locale,
    chatId: message.chat.id,
  });
  ctx.session.broadcast = undefined;
  await sendRendered(ctx.api, message.chat.id, broadcastText(deps.i18n, locale, body), media);
  const keyboard = new InlineKeyboard();
  const kinds = AUDIENCE_KINDS.filter(
    (k) => k !== "national" || mayBroadcastNationally(deps.national, staff.telegramUserId),
  );
  kinds.forEach((kind, i) => {
    keyboard.text(ctx.t(`broadcast-audience-${kind}`), pickAudience.encode({ id: draft._id, kind }));
    if (i % 2 === 1) keyboard.row();
  });
  await ctx.reply(ctx.t("broadcast-preview"), { reply_markup: keyboard });
}

/** The commune, group or programme code typed for an audience that needs one. */
async function audienceCode(deps: FeatureDeps, ctx: MessageContext, broadcast: Broadcast, kind: Audience["kind"]) {
  const typed = (ctx.message.text ?? "").trim();
  const audience = { kind, code: typed.toUpperCase() } as Audience;
  if (!typed || typed.length > 40 || !(await audienceCodeExists(ctx.staff.scope, audience))) {
    const code = escapeHtml(typed.slice(0, 40));
    return ctx.reply(ctx.t("broadcast-code-unknown", { code }), { parse_mode: "HTML" });
  }
  return showReach(deps, ctx, broadcast, audience);
}

/** The time typed for a scheduled broadcast ("dd/mm/yyyy HH:MM", Vietnam time, in the future). */
async function scheduleTime(deps: FeatureDeps, ctx: MessageContext, broadcast: Broadcast) {
  const typed = (ctx.message.text ?? "").trim();
  const at = parseVietnamDateTime(typed);
  if (!at || at.getTime() <= ctx.clock.now().getTime()) {
    return ctx.reply(ctx.t("broadcast-bad-time", { text: escapeHtml(typed.slice(0, 40)) }), { parse_mode: "HTML" });
  }
  ctx.session.broadcast = undefined;
  await submit(deps, ctx, broadcast, at);
}

/**
 * The composing flow's steps, chosen by the step the session names: the notice, then (for some
 * audiences) a code, or (when scheduling) a time. Commands always pass through.
 */
export function composeSteps(deps: FeatureDeps): Composer<StaffContext> {
  const steps = new Composer<StaffContext>();
  const input = steps
    .on(["message:text", "message:photo", "message:document"])
    .filter((ctx) => !ctx.message.text?.startsWith("/"));
  const router = new Router<MessageContext>((ctx) => ctx.session.broadcast?.step);
  router.route("compose", (ctx) => compose(deps, ctx));
  router.route("code", async (ctx) => {
    const state = ctx.session.broadcast;
    if (state?.step !== "code") return;
    const broadcast = await ownBroadcast(ctx, state.id, "draft");
    if (!broadcast) ctx.session.broadcast = undefined;
    else await audienceCode(deps, ctx, broadcast, state.kind);
  });
  router.route("schedule", async (ctx) => {
    const state = ctx.session.broadcast;
    if (state?.step !== "schedule") return;
    const broadcast = await ownBroadcast(ctx, state.id, "counted");
    if (!broadcast) ctx.session.broadcast = undefined;
    else await scheduleTime(deps, ctx, broadcast);
  });
  input.use(router);
  return steps;
}
