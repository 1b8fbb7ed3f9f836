import { Composer, InputFile } from "grammy";
import { requireStaff as requireStaffRole } from "../../bot/access.js";
import { type BotContext, userLocale } from "../../bot/context.js";
import { clearChatMenu, setStaffMenu } from "../../bot/menus.js";
import { loadHolidays } from "../../catalogue/load.js";
import { telegramLinksOf } from "../../data/accounts.js";
import { latestAudit } from "../../data/audit.js";
import { household as findHousehold, openLoansOf, placeNameOf } from "../../data/book.js";
import { recentDeliveriesAbout } from "../../data/outbox.js";
import { unreachableAmong } from "../../data/unreachable.js";
import { formatDateVi, parseDateVi, vietnamDate } from "../../domain/dates.js";
import { groupShortName, linkStatusOf } from "../../domain/groupLists.js";
import { escapeHtml } from "../../domain/html.js";
import { normalizeCustomerCode } from "../../domain/linking.js";
import { formatVnd } from "../../domain/money.js";
import { vietnamTimeOfDay } from "../../domain/reminders.js";
import { millions, percentOf } from "../../domain/stats.js";
import {
  audit,
  describeScope,
  grantOfficer,
  inScope,
  parseScope,
  revokeOfficer,
  scopeInWords,
} from "../../staff/roles.js";
import { addClosure } from "../closures/calendar.js";
import { renderStatsChart } from "../stats/chart.js";
import { computeStats } from "../stats/computeStats.js";

/**
 * Officer and admin commands. Every handler reads the sender's role from the server (admins from
 * ADMIN_TELEGRAM_IDS, officers from the officers collection) and checks the scope of what is asked;
 * a borrower, a group head or an officer out of scope gets a refusal that reveals nothing.
 */
export function createOfficerFeature(adminIds: readonly number[]): Composer<BotContext> {
  const feature = new Composer<BotContext>();

  const requireStaff = (ctx: BotContext, adminOnly = false) => requireStaffRole(ctx, adminIds, adminOnly);

  // Closures of the transaction points (a holiday announced late, a local closure): the whole bank's
  // calendar, so admins and officers with scope "all" only. Without arguments: the list from today.
  feature.command("closure", async (ctx) => {
    const staff = await requireStaff(ctx);
    if (!staff) return;
    if (staff.scope.kind !== "all") return ctx.reply(ctx.t("closure-scope"));
    const today = vietnamDate(new Date());
    const m = /^(\S+)\s+(\S+)\s+(.{2,80})$/u.exec(ctx.match.trim());
    if (!m) {
      const upcoming = loadHolidays().closures.filter((c) => c.to >= today);
      const list = upcoming.map((c) =>
        ctx.t("closure-row", { from: formatDateVi(c.from), to: formatDateVi(c.to), name: escapeHtml(c.name) }),
      );
      return ctx.reply([ctx.t("closure-usage"), "", ...list].join("\n"), { parse_mode: "HTML" });
    }
    const from = parseDateVi(m[1] as string);
    const to = parseDateVi(m[2] as string);
    if (!from || !to || to < from || to < today) return ctx.reply(ctx.t("closure-bad"));
    await addClosure(staff.telegramUserId, from, to, (m[3] as string).trim());
    await ctx.reply(ctx.t("closure-added", { from: formatDateVi(from), to: formatDateVi(to) }));
  });

  feature.command("grant", async (ctx) => {
    const admin = await requireStaff(ctx, true);
    if (!admin) return;
    const [id, scopeText] = ctx.match.trim().split(/\s+/);
    const scope = scopeText ? parseScope(scopeText) : null;
    if (!id || !/^\d{1,20}$/.test(id) || !scope) {
      await ctx.reply(ctx.t("grant-usage"));
      return;
    }
    await grantOfficer(admin.telegramUserId, Number(id), scope);
    // The officer's own command menu; they may not have opened the bot yet, which is fine.
    await setStaffMenu(ctx.api, Number(id)).catch(() => undefined);
    await ctx.reply(ctx.t("grant-done", { id, scope: describeScope(scope) }));
  });

  feature.command("revoke", async (ctx) => {
    const admin = await requireStaff(ctx, true);
    if (!admin) return;
    const id = ctx.match.trim();
    if (!/^\d{1,20}$/.test(id)) {
      await ctx.reply(ctx.t("revoke-usage"));
      return;
    }
    const revoked = await revokeOfficer(admin.telegramUserId, Number(id));
    if (revoked) await clearChatMenu(ctx.api, Number(id)).catch(() => undefined);
    await ctx.reply(ctx.t(revoked ? "revoke-done" : "revoke-none", { id }));
  });

  feature.command("find", async (ctx) => {
    const staff = await requireStaff(ctx);
    if (!staff) return;
    const code = normalizeCustomerCode(ctx.match);
    if (!code) {
      await ctx.reply(ctx.t("find-usage"));
      return;
    }
    const household = await findHousehold(code);
    // Out of scope and unknown read the same: an officer learns nothing about other communes.
    if (!household || !inScope(staff.scope, household)) {
      // The code looked up is audited whether found or not (a typed code, cut to a code's length).
      await audit(staff.telegramUserId, "find", describeScope(staff.scope), { found: 0 }, { code: code.slice(0, 40) });
      await ctx.reply(ctx.t("find-not-found", { code: escapeHtml(code) }));
      return;
    }
    const [groupName, communeName, loans, links, deliveries] = await Promise.all([
      placeNameOf("group", household.groupCode),
      placeNameOf("commune", household.communeCode),
      openLoansOf(code, household.loanNumbers),
      telegramLinksOf(code),
      recentDeliveriesAbout(code, 5),
    ]);
    const chats = links?.map((l) => l.telegramUserId) ?? [];
    const unreachable = await unreachableAmong(chats);
    const link = {
      "not-linked": () => ctx.t("find-link-none"),
      unreachable: () => ctx.t("find-link-unreachable"),
      linked: () => ctx.t("find-link-linked", { count: chats.length }),
    }[linkStatusOf(chats, unreachable)]();
    const lines = [
      ctx.t("find-title", { code: escapeHtml(code), name: escapeHtml(household.fullName) }),
      ctx.t("find-place", {
        group: escapeHtml(groupShortName(groupName ?? household.groupCode)),
        commune: escapeHtml(communeName ?? household.communeCode),
        role: ctx.t(`find-role-${household.groupRole}`),
      }),
      ctx.t("find-link", { status: link }),
      ctx.t("find-loans", {
        count: loans.length,
        outstanding: formatVnd(loans.reduce((s, l) => s + l.outstandingPrincipal, 0)),
        overdue: formatVnd(loans.reduce((s, l) => s + l.overduePrincipal, 0)),
      }),
      ctx.t("find-savings", { amount: formatVnd(household.savingsBalance) }),
      "",
      deliveries.length ? ctx.t("find-deliveries") : ctx.t("find-no-deliveries"),
      ...deliveries.map((d) =>
        ctx.t("find-delivery", {
          date: formatDateVi(d.planDate),
          kind: d.kind,
          outcome: d.outcome,
        }),
      ),
    ];
    await audit(staff.telegramUserId, "find", describeScope(staff.scope), { found: 1 }, { code });
    await ctx.reply(lines.join("\n"), { parse_mode: "HTML" });
  });

  feature.command("stats", async (ctx) => {
    const staff = await requireStaff(ctx);
    if (!staff) return;
    const today = vietnamDate(new Date());
    const stats = await computeStats(staff.scope, today);
    const locale = await userLocale(ctx);
    await audit(staff.telegramUserId, "stats", describeScope(staff.scope), { households: stats.households });
    if (stats.households === 0) {
      await ctx.reply(ctx.t("stats-none"));
      return;
    }
    const lines = [
      ctx.t("stats-title", {
        scope: escapeHtml(await scopeInWords(staff.scope, ctx.t("scope-all"))),
        date: formatDateVi(today),
      }),
      ctx.t("stats-linked", {
        linked: stats.linked,
        households: stats.households,
        percent: percentOf(stats.linked, stats.households, locale),
      }),
      ctx.t("stats-deliveries", { sent: stats.remindersSent, failed: stats.remindersFailed }),
      ctx.t("stats-unreachable", { count: stats.unreachable }),
      ...(stats.codesUnderAttack.length > 0
        ? [
            ctx.t("stats-codes-attacked", {
              count: stats.codesUnderAttack.length,
              codes: escapeHtml(stats.codesUnderAttack.slice(0, 20).join(", ")),
            }),
          ]
        : []),
      "",
      ctx.t("stats-overdue-title"),
      ...stats.overdueByCommune.map((c) =>
        ctx.t("stats-overdue-row", { commune: escapeHtml(c.name), amount: formatVnd(c.amount), count: c.count }),
      ),
      "",
      ctx.t("stats-top-groups"),
      ...stats.topGroups.map((g) =>
        ctx.t("stats-group-row", {
          group: escapeHtml(g.name),
          commune: escapeHtml(g.communeName),
          amount: formatVnd(g.amount),
        }),
      ),
      "",
      ctx.t("stats-trend"),
      ...stats.trend.map((w) =>
        ctx.t("stats-trend-row", {
          week: formatDateVi(w.weekStart),
          amount: w.amount === null ? "—" : formatVnd(w.amount),
        }),
      ),
    ];
    await ctx.reply(lines.join("\n"), { parse_mode: "HTML" });
    const png = await renderStatsChart({
      overdue: {
        title: ctx.t("stats-chart-overdue"),
        labels: stats.overdueByCommune.slice(0, 15).map((c) => c.name),
        values: stats.overdueByCommune.slice(0, 15).map((c) => millions(c.amount)),
      },
      trend: {
        title: ctx.t("stats-chart-trend"),
        labels: stats.trend.map((w) => formatDateVi(w.weekStart).slice(0, 5)),
        values: stats.trend.map((w) => (w.amount === null ? null : millions(w.amount))),
      },
    });
    await ctx.replyWithPhoto(new InputFile(png, "thong-ke.png"));
  });

  feature.command("audit", async (ctx) => {
    const admin = await requireStaff(ctx, true);
    if (!admin) return;
    const entries = await latestAudit(20);
    if (entries.length === 0) {
      await ctx.reply(ctx.t("audit-empty"));
      return;
    }
    const rows = entries.map((e) =>
      ctx.t("audit-row", {
        at: `${formatDateVi(vietnamDate(e.at))} ${vietnamTimeOfDay(e.at)}`,
        actor: escapeHtml(`${e.actor?.kind}:${e.actor?.id}`),
        action: escapeHtml(e.action),
        scope: escapeHtml(e.scope ?? ""),
        counts: escapeHtml(JSON.stringify({ ...(e.counts ?? {}), ...(e.details ?? {}) })),
      }),
    );
    await ctx.reply([ctx.t("audit-title"), ...rows].join("\n"), { parse_mode: "HTML" });
  });

  return feature;
}
