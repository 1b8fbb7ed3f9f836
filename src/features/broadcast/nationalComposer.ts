import { admin } from "../../bot/access.js";
import type { FeatureDeps } from "../../bot/deps.js";
import { Feature } from "../../bot/feature.js";
import { escapeHtml } from "../../domain/html.js";
import { mayBroadcastNationally, nationalProgress } from "./national.js";

/**
 * /national <id>: where a national broadcast stands in each branch (the central office's admins; a
 * national broadcast itself is written with /broadcast, audience "the whole country").
 */
export function createNationalBroadcastFeature(deps: FeatureDeps) {
  const feature = new Feature("national-broadcast", "admin", admin(deps.adminIds), deps.i18n);
  feature.command("national", async (ctx) => {
    const id = ctx.match.trim().slice(0, 40);
    if (!mayBroadcastNationally(deps.national, ctx.staff.telegramUserId)) {
      return ctx.reply(ctx.t("broadcast-national-only"));
    }
    if (!id) return ctx.reply(ctx.t("broadcast-national-usage"));
    const rows = await nationalProgress(deps.national, id);
    const lines = rows.map((r) => ctx.t("broadcast-national-row", { ...r, branch: escapeHtml(r.name) }));
    await ctx.reply([ctx.t("broadcast-national-title", { id: escapeHtml(id) }), ...lines].join("\n"), {
      parse_mode: "HTML",
    });
  });
  return feature;
}
