import type { I18n } from "@grammyjs/i18n";
import { type Api, Composer, InlineKeyboard } from "grammy";
import { requireStaff } from "../../bot/access.js";
import { type BotContext, userLocale } from "../../bot/context.js";
import { loadHolidays, loadProgrammeCatalogue } from "../../catalogue/load.js";
import type { Broadcast } from "../../data/broadcasts.js";
import { findBroadcast, latestActiveBroadcast, updateBroadcast } from "../../data/broadcasts.js";
import { activeOfficers } from "../../data/staff.js";
import { type DeliveryMedia, mediaOf, sendRendered } from "../../delivery/send.js";
import {
  AUDIENCE_KINDS,
  type Audience,
  type AudienceKind,
  audienceNeedsCode,
  broadcastSource,
  broadcastTooLong,
  emptyCounts,
  MAX_CAPTION_LENGTH,
  MAX_TEXT_LENGTH,
  needsApproval,
  parseVietnamDateTime,
} from "../../domain/broadcast.js";
import { escapeHtml } from "../../domain/html.js";
import type { ReminderConfig } from "../../domain/reminders.js";
import type { Closure } from "../../domain/transactionDay.js";
import { isLocale, type Locale } from "../../i18n.js";
import { audit, describeScope, officerScope, placeName, type Scope, type Staff, staffRole } from "../../staff/roles.js";
import { progressText } from "./monitor.js";
import {
  audienceCodeExists,
  auditBroadcast,
  broadcastText,
  cancelBroadcast,
  coversPlaces,
  createDraft,
  enqueueBroadcast,
  makerLocale,
  resolveAudience,
  toAudience,
  transition,
} from "./service.js";

/** What the broadcast feature needs from the sending side (absent: messages wait for a sender). */
export interface BroadcastSender {
  wake(): void;
  cancelSource(source: string): void;
  /** Drops what is queued in this process about a household for this chat (its owner unlinked). */
  cancelChat(chatId: number): void;
}

export interface BroadcastFeatureOptions {
  adminIds: readonly number[];
  i18n: I18n;
  config: ReminderConfig;
  /** Fixed closures (tests); without them, the holidays as they are now. */
  closures?: readonly Closure[] | undefined;
  sender?: BroadcastSender | undefined;
}

/**
 * /broadcast: an officer writes a notice (text, or a photo or document with a caption), sees it
 * exactly as recipients will, picks the audience within their scope, sees how many it reaches, and
 * sends it now or at a set time. Above the approval threshold a second officer whose scope covers
 * the recipients must approve it. /cancel stops composing, or stops a broadcast that is waiting or
 * running. Sending itself is the dispatcher's (same limits, window and once-only guarantee as reminders).
 */
export function createBroadcastFeature(options: BroadcastFeatureOptions): Composer<BotContext> {
  const { adminIds, i18n, config } = options;
  const feature = new Composer<BotContext>();
  const t = (locale: Locale, key: string, vars?: Record<string, string | number>) => i18n.t(locale, key, vars);

  /**
   * The officer's own broadcast, in the status this step expects (a button pressed out of order, or
   * forged, finds it in another); anything else gets a polite "no longer waiting for you".
   */
  async function ownBroadcast(
    ctx: BotContext,
    staff: Staff,
    id: string,
    status: Broadcast["status"],
  ): Promise<Broadcast | null> {
    const broadcast = await findBroadcast(id);
    if (!broadcast || broadcast.createdBy !== staff.telegramUserId || broadcast.status !== status) {
      await ctx.reply(ctx.t("broadcast-not-yours"));
      return null;
    }
    return broadcast;
  }

  /** The audience counted now, within `scope`, written on the broadcast if it is still in `status`. */
  async function recount(broadcast: Broadcast, scope: Scope, status: Broadcast["status"]) {
    const reach = await resolveAudience(scope, toAudience(broadcast));
    const updated = await transition(broadcast._id, status, {
      recipients: reach.recipients.length,
      places: reach.places,
    } as Partial<Broadcast>);
    return { reach, updated };
  }

  /** "Một xã: Xã Tân Lập", "Một chương trình: Cho vay hộ nghèo": the audience as people read it. */
  async function audienceInWords(locale: Locale, audience: Audience): Promise<string> {
    const label = t(locale, `broadcast-audience-${audience.kind}`);
    if (!("code" in audience)) return label;
    const name =
      audience.kind === "programme"
        ? (loadProgrammeCatalogue().programmes.find((p) => p.code === audience.code)?.name[locale] ?? audience.code)
        : await placeName(audience.kind, audience.code);
    return `${label}: ${escapeHtml(name)}`;
  }

  /** Counts the audience, stores it on the draft, and asks: now, later, or not at all. */
  async function showReach(ctx: BotContext, staff: Staff, broadcast: Broadcast, audience: Audience) {
    const reach = await resolveAudience(staff.scope, audience);
    ctx.session.broadcast = undefined;
    if (reach.recipients.length === 0) {
      await transition(broadcast._id, "draft", { status: "cancelled", finishedAt: new Date() });
      await ctx.reply(ctx.t("broadcast-reach-none"));
      return;
    }
    const counted = await transition(broadcast._id, "draft", {
      status: "counted",
      audience: { kind: audience.kind, code: "code" in audience ? audience.code : null },
      recipients: reach.recipients.length,
      places: reach.places,
    } as Partial<Broadcast>);
    if (!counted) return ctx.reply(ctx.t("broadcast-not-yours"));
    const lines = [
      ctx.t("broadcast-reach", {
        count: reach.recipients.length,
        audience: await audienceInWords(await userLocale(ctx), audience),
      }),
    ];
    if (reach.unreachable > 0) lines.push(ctx.t("broadcast-reach-unreachable", { count: reach.unreachable }));
    if (needsApproval(reach.recipients.length, config.broadcasts)) {
      lines.push(ctx.t("broadcast-reach-approval", { threshold: config.broadcasts.approvalThreshold }));
    }
    const keyboard = new InlineKeyboard()
      .text(ctx.t("broadcast-send-now"), `bc:go:${broadcast._id}`)
      .text(ctx.t("broadcast-schedule"), `bc:at:${broadcast._id}`)
      .row()
      .text(ctx.t("broadcast-discard"), `bc:x:${broadcast._id}`);
    await ctx.reply(lines.join("\n"), { parse_mode: "HTML", reply_markup: keyboard });
  }

  /**
   * Queues a broadcast (already moved to "queued") to its audience within the maker's scope as it is
   * now, and posts the progress message the monitor edits.
   */
  async function queue(api: Api, broadcast: Broadcast, scope: Scope): Promise<void> {
    const chatId = broadcast.progress?.chatId;
    const locale = makerLocale(broadcast);
    const { recipients, startsAt } = await enqueueBroadcast(broadcast, scope, {
      i18n,
      config,
      closures: options.closures ?? loadHolidays().closures,
    });
    if (chatId) {
      const text = progressText(
        i18n,
        locale,
        { _id: broadcast._id, startsAt },
        { total: recipients, counts: emptyCounts(), left: recipients, finished: false },
        null,
        config.telegramLimits.globalPerSecond,
        new Date(),
      );
      const message = await api.sendMessage(chatId, text);
      await updateBroadcast(broadcast._id, { "progress.messageId": message.message_id });
    }
    options.sender?.wake();
  }

  /**
   * Now or at `scheduledAt`: queue it, or ask for approval when it reaches too many people. Whether
   * approval is needed is decided from a count made now, within the maker's scope as it is now.
   */
  async function submit(ctx: BotContext, staff: Staff, counted: Broadcast, scheduledAt: Date | null) {
    const { reach, updated: broadcast } = await recount(counted, staff.scope, "counted");
    if (!broadcast) return ctx.reply(ctx.t("broadcast-not-yours"));
    if (reach.recipients.length === 0) {
      await transition(broadcast._id, "counted", { status: "cancelled", finishedAt: new Date() });
      return ctx.reply(ctx.t("broadcast-reach-none"));
    }
    if (needsApproval(reach.recipients.length, config.broadcasts)) {
      const waiting = await transition(broadcast._id, "counted", { status: "awaiting-approval", scheduledAt });
      if (!waiting) return ctx.reply(ctx.t("broadcast-not-yours"));
      const approvers = await approversFor(waiting);
      for (const approver of approvers) await askApproval(ctx.api, approver, waiting);
      await auditBroadcast(staff.telegramUserId, "broadcast-request", waiting);
      return ctx.reply(
        approvers.length > 0
          ? ctx.t("broadcast-approval-sent", { id: waiting._id, count: approvers.length })
          : ctx.t("broadcast-approval-none", { id: waiting._id }),
      );
    }
    const queued = await transition(broadcast._id, "counted", { status: "queued", scheduledAt, queuedAt: new Date() });
    if (!queued) return ctx.reply(ctx.t("broadcast-not-yours"));
    await auditBroadcast(staff.telegramUserId, "broadcast", queued);
    await queue(ctx.api, queued, staff.scope);
  }

  /** Admins and active officers other than the maker whose scope covers every commune reached. */
  async function approversFor(broadcast: Broadcast): Promise<{ id: number; locale: Locale }[]> {
    const officers = await activeOfficers();
    const candidates = [
      ...adminIds.map((id) => ({ id, locale: "vi" as Locale, scope: { kind: "all" } as const })),
      ...officers.map((o) => ({
        id: o.telegramUserId,
        locale: (isLocale(o.language) ? o.language : "vi") as Locale,
        scope: officerScope(o.scope),
      })),
    ];
    const seen = new Set<number>([broadcast.createdBy]);
    return candidates.filter((c) => {
      if (seen.has(c.id) || !c.scope || !coversPlaces(c.scope, broadcast.places)) return false;
      seen.add(c.id);
      return true;
    });
  }

  async function askApproval(api: Api, approver: { id: number; locale: Locale }, broadcast: Broadcast) {
    const { locale } = approver;
    try {
      await sendRendered(api, approver.id, broadcastText(i18n, locale, broadcast.body), mediaOf(broadcast.media));
      const keyboard = new InlineKeyboard()
        .text(t(locale, "broadcast-approve"), `bc:ok:${broadcast._id}`)
        .text(t(locale, "broadcast-reject"), `bc:no:${broadcast._id}`);
      await api.sendMessage(
        approver.id,
        t(locale, "broadcast-approval-request", {
          id: broadcast._id,
          count: broadcast.recipients,
          audience: await audienceInWords(locale, toAudience(broadcast)),
          // A Telegram id, not a quantity: no thousands separators.
          maker: String(broadcast.createdBy),
        }),
        { parse_mode: "HTML", reply_markup: keyboard },
      );
    } catch {
      // An approver who never opened the bot cannot be written to; /approve still works for them.
    }
  }

  /** A refused or failed decision goes to the audit log too, with why. */
  async function refuse(ctx: BotContext, staff: Staff, typedId: string, reason: string, key: string) {
    const id = typedId.slice(0, 40);
    await audit(
      staff.telegramUserId,
      "broadcast-decision-refused",
      describeScope(staff.scope),
      {},
      { broadcast: id, reason },
    );
    return ctx.reply(ctx.t(key, { id: escapeHtml(id) }));
  }

  /**
   * The checker's decision: a different officer whose scope covers every commune the notice reaches,
   * counted now within the maker's scope as it is now. A maker who is no longer an officer has their
   * notice dropped.
   */
  async function decide(ctx: BotContext, id: string, approve: boolean) {
    const staff = await requireStaff(ctx, adminIds);
    if (!staff) return;
    const stored = await findBroadcast(id);
    if (stored?.status !== "awaiting-approval") return refuse(ctx, staff, id, "not-awaiting", "broadcast-not-yours");
    if (stored.createdBy === staff.telegramUserId) return refuse(ctx, staff, id, "own", "broadcast-approve-own");
    const maker = await staffRole(stored.createdBy, adminIds);
    if (!maker) {
      await transition(id, "awaiting-approval", { status: "cancelled", finishedAt: new Date() });
      return refuse(ctx, staff, id, "maker-revoked", "broadcast-maker-revoked");
    }
    const { updated: broadcast } = await recount(stored, maker.scope, "awaiting-approval");
    if (!broadcast) return refuse(ctx, staff, id, "not-awaiting", "broadcast-not-yours");
    if (!coversPlaces(staff.scope, broadcast.places)) return refuse(ctx, staff, id, "scope", "broadcast-approve-scope");
    const decided = await transition(id, "awaiting-approval", {
      status: approve ? "queued" : "rejected",
      approvedBy: staff.telegramUserId,
      decidedAt: new Date(),
      ...(approve ? { queuedAt: new Date() } : { finishedAt: new Date() }),
    });
    if (!decided) return ctx.reply(ctx.t("broadcast-not-yours"));
    await auditBroadcast(staff.telegramUserId, approve ? "broadcast-approve" : "broadcast-reject", decided, {
      maker: String(decided.createdBy),
    });
    const makerLanguage = makerLocale(decided);
    const makerChat = decided.progress?.chatId;
    if (makerChat) {
      await ctx.api
        .sendMessage(
          makerChat,
          t(makerLanguage, approve ? "broadcast-approved-maker" : "broadcast-rejected-maker", { id }),
        )
        .catch(() => undefined);
    }
    if (approve) await queue(ctx.api, decided, maker.scope);
    await ctx.reply(ctx.t(approve ? "broadcast-approved" : "broadcast-rejected", { id }));
  }

  feature.command("broadcast", async (ctx) => {
    if (!(await requireStaff(ctx, adminIds))) return;
    ctx.session.broadcast = { step: "compose" };
    await ctx.reply(ctx.t("broadcast-compose"));
  });

  feature.command("cancel", async (ctx) => {
    const staff = await requireStaff(ctx, adminIds);
    if (!staff) return;
    if (ctx.session.broadcast) {
      const state = ctx.session.broadcast;
      ctx.session.broadcast = undefined;
      if ("id" in state) {
        await transition(state.id, ["draft", "counted"], { status: "cancelled", finishedAt: new Date() });
      }
      return ctx.reply(ctx.t("broadcast-discarded"));
    }
    // "/cancel ID", or the officer's latest broadcast not yet finished (admins: anyone's by id).
    const id = ctx.match.trim();
    const target = await latestActiveBroadcast({
      ...(id ? { id } : {}),
      ...(!id || staff.role !== "admin" ? { createdBy: staff.telegramUserId } : {}),
    });
    const cancelled = target ? await cancelBroadcast(target._id, staff) : null;
    if (!cancelled) return ctx.reply(ctx.t("broadcast-cancel-none"));
    options.sender?.cancelSource(broadcastSource(cancelled._id));
    await ctx.reply(ctx.t("broadcast-cancelled", { id: cancelled._id }));
  });

  feature.command("approve", async (ctx) => {
    const id = ctx.match.trim();
    if (!id) {
      if (await requireStaff(ctx, adminIds)) await ctx.reply(ctx.t("broadcast-approve-usage"));
      return;
    }
    await decide(ctx, id, true);
  });

  feature.callbackQuery(/^bc:(ok|no):(\w+)$/, async (ctx) => {
    await ctx.answerCallbackQuery();
    await decide(ctx, ctx.match[2] as string, ctx.match[1] === "ok");
  });

  feature.callbackQuery(/^bc:aud:(\w+):(\w+)$/, async (ctx) => {
    await ctx.answerCallbackQuery();
    const staff = await requireStaff(ctx, adminIds);
    const kind = ctx.match[2] as AudienceKind;
    if (!staff || !(AUDIENCE_KINDS as readonly string[]).includes(kind)) return;
    const broadcast = await ownBroadcast(ctx, staff, ctx.match[1] as string, "draft");
    if (!broadcast) return;
    if (audienceNeedsCode(kind)) {
      ctx.session.broadcast = { step: "code", id: broadcast._id, kind };
      return ctx.reply(ctx.t(`broadcast-ask-code-${kind}`));
    }
    await showReach(ctx, staff, broadcast, { kind } as Audience);
  });

  feature.callbackQuery(/^bc:(go|at|x):(\w+)$/, async (ctx) => {
    await ctx.answerCallbackQuery();
    const staff = await requireStaff(ctx, adminIds);
    if (!staff) return;
    const broadcast = await ownBroadcast(ctx, staff, ctx.match[2] as string, "counted");
    if (!broadcast) return;
    const action = ctx.match[1];
    if (action === "x") {
      await transition(broadcast._id, "counted", { status: "cancelled", finishedAt: new Date() });
      return ctx.reply(ctx.t("broadcast-discarded"));
    }
    if (action === "at") {
      ctx.session.broadcast = { step: "schedule", id: broadcast._id };
      return ctx.reply(ctx.t("broadcast-ask-time"));
    }
    await submit(ctx, staff, broadcast, null);
  });

  // The composing steps take the officer's next message; commands always pass through.
  feature.on(["message:text", "message:photo", "message:document"], async (ctx, next) => {
    const state = ctx.session.broadcast;
    if (!state || ctx.message.text?.startsWith("/")) return next();
    const staff = await requireStaff(ctx, adminIds);
    if (!staff) {
      ctx.session.broadcast = undefined;
      return;
    }
    if (state.step === "compose") return compose(ctx, staff);
    const broadcast = await ownBroadcast(ctx, staff, state.id, state.step === "code" ? "draft" : "counted");
    if (!broadcast) {
      ctx.session.broadcast = undefined;
      return;
    }
    const typed = (ctx.message.text ?? "").trim();
    if (state.step === "code") {
      const audience: Audience = { kind: state.kind, code: typed.toUpperCase() };
      if (!typed || typed.length > 40 || !(await audienceCodeExists(staff.scope, audience))) {
        return ctx.reply(ctx.t("broadcast-code-unknown", { code: escapeHtml(typed.slice(0, 40)) }), {
          parse_mode: "HTML",
        });
      }
      return showReach(ctx, staff, broadcast, audience);
    }
    const at = parseVietnamDateTime(typed);
    if (!at || at.getTime() <= Date.now()) {
      return ctx.reply(ctx.t("broadcast-bad-time", { text: escapeHtml(typed.slice(0, 40)) }), { parse_mode: "HTML" });
    }
    ctx.session.broadcast = undefined;
    await submit(ctx, staff, broadcast, at);
  });

  async function compose(ctx: BotContext & { message: NonNullable<BotContext["message"]> }, staff: Staff) {
    const message = ctx.message;
    const photo = message.photo?.at(-1);
    const media: DeliveryMedia | null = photo
      ? { type: "photo", fileId: photo.file_id }
      : message.document
        ? { type: "document", fileId: message.document.file_id }
        : null;
    const raw = message.text ?? message.caption ?? "";
    if (!raw.trim() && !media) return ctx.reply(ctx.t("broadcast-compose-unsupported"));
    const body = escapeHtml(raw.trim());
    const locale = await userLocale(ctx);
    const header = t(locale, "broadcast-header");
    if (broadcastTooLong(body, header, media !== null)) {
      return ctx.reply(
        ctx.t("broadcast-too-long", {
          length: body.length,
          max: (media ? MAX_CAPTION_LENGTH : MAX_TEXT_LENGTH) - header.length - 2,
        }),
      );
    }
    const draft = await createDraft({
      staff,
      scope: describeScope(staff.scope),
      body,
      media,
      language: locale,
      chatId: message.chat.id,
    });
    ctx.session.broadcast = undefined;
    await sendRendered(ctx.api, message.chat.id, broadcastText(i18n, locale, body), media);
    const keyboard = new InlineKeyboard();
    AUDIENCE_KINDS.forEach((kind, i) => {
      keyboard.text(ctx.t(`broadcast-audience-${kind}`), `bc:aud:${draft._id}:${kind}`);
      if (i % 2 === 1) keyboard.row();
    });
    await ctx.reply(ctx.t("broadcast-preview"), { reply_markup: keyboard });
  }

  return feature;
}
