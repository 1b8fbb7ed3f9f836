import { officer } from "../../bot/access.js";
import type { BotContext } from "../../bot/context.js";
import type { FeatureDeps } from "../../bot/deps.js";
import { Feature } from "../../bot/feature.js";
import { household as findHousehold } from "../../data/book.js";
import { optIn, optOut, optOutsOf } from "../../data/channels.js";
import { escapeHtml } from "../../domain/html.js";
import { normalizeCustomerCode } from "../../domain/linking.js";
import { audit, describeScope, inScope, type Staff } from "../../staff/roles.js";

/**
 * /optout CODE and /optin CODE: an officer records that a household (asked in person, by phone, or
 * through its group head) wants no SMS or Zalo messages, or wants them again. Only within the
 * officer's scope; out of scope and unknown read the same, as for /find; every use is audited.
 */
export function createPhoneOptOutFeature(deps: FeatureDeps) {
  const feature = new Feature("phoneOptOut", "staff", officer(deps.adminIds), deps.i18n);
  const handle = (wants: "optout" | "optin") => async (ctx: BotContext & { staff: Staff; match: string }) => {
    const { staff } = ctx;
    const code = normalizeCustomerCode(ctx.match);
    if (!code) return ctx.reply(ctx.t(`${wants}-usage`));
    const household = await findHousehold(code);
    if (!household || !inScope(staff.scope, household)) {
      await audit(staff.telegramUserId, wants, describeScope(staff.scope), { found: 0 }, { code: code.slice(0, 40) });
      return ctx.reply(ctx.t("find-not-found", { code: escapeHtml(code) }));
    }
    if (wants === "optout") await optOut(code, "officer");
    else await optIn(code, "officer");
    await audit(staff.telegramUserId, wants, describeScope(staff.scope), { found: 1 }, { code });
    // An officer lifts only an officer's record: the household's own choice in the bot stays.
    const stillRefused = wants === "optin" && (await optOutsOf(code)).has("borrower");
    await ctx.reply(ctx.t(stillRefused ? "optin-borrower-own" : `${wants}-done`, { code: escapeHtml(code) }));
  };
  feature.command("optout", handle("optout"));
  feature.command("optin", handle("optin"));
  return feature;
}
