import { admin } from "../../bot/access.js";
import type { FeatureDeps } from "../../bot/deps.js";
import { Feature } from "../../bot/feature.js";
import { latestAudit } from "../../data/audit.js";
import { branchCodeIfAny } from "../../data/branchContext.js";
import { formatDateVi, vietnamDate, vietnamTimeOfDay } from "../../domain/dates.js";
import { escapeHtml } from "../../domain/html.js";
import { describeScope, grantOfficer, parseScope, revokeOfficer } from "../../staff/roles.js";

const TELEGRAM_ID = /^\d{1,20}$/;

/** /grant, /revoke and /audit: admins (ADMIN_TELEGRAM_IDS) give and take the officer role, and read the log. */
export function createAdminRolesFeature(deps: FeatureDeps) {
  const feature = new Feature("admin-roles", "admin", admin(deps.adminIds), deps.i18n);

  feature.command("grant", async (ctx) => {
    const [id, scopeText] = ctx.match.trim().split(/\s+/);
    const scope = scopeText ? parseScope(scopeText) : null;
    if (!id || !TELEGRAM_ID.test(id) || !scope) return ctx.reply(ctx.t("grant-usage"));
    await grantOfficer(ctx.staff.telegramUserId, Number(id), scope);
    // The officer's own command menu; they may not have opened the bot yet, which is fine.
    await deps.menus.setForChat(ctx.api, Number(id), "staff").catch(() => undefined);
    await ctx.reply(ctx.t("grant-done", { id, scope: describeScope(scope) }));
  });

  feature.command("revoke", async (ctx) => {
    const id = ctx.match.trim();
    if (!TELEGRAM_ID.test(id)) return ctx.reply(ctx.t("revoke-usage"));
    const revoked = await revokeOfficer(ctx.staff.telegramUserId, Number(id));
    if (revoked) await deps.menus.clearForChat(ctx.api, Number(id)).catch(() => undefined);
    await ctx.reply(ctx.t(revoked ? "revoke-done" : "revoke-none", { id }));
  });

  feature.command("audit", async (ctx) => {
    // Several branches: a branch's admins read their branch's entries, the central office's read all.
    const national = deps.national.branches.length <= 1 || deps.national.adminIds.includes(ctx.from?.id ?? 0);
    const entries = await latestAudit(20, national ? null : branchCodeIfAny());
    if (entries.length === 0) return ctx.reply(ctx.t("audit-empty"));
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
