import { officer } from "../../bot/access.js";
import type { BotContext } from "../../bot/context.js";
import type { FeatureDeps } from "../../bot/deps.js";
import { Feature } from "../../bot/feature.js";
import { telegramLinksOf } from "../../data/accounts.js";
import { household as findHousehold, type Household, openLoansOf, placeNameOf } from "../../data/book.js";
import { isOptedOut } from "../../data/channels.js";
import { recentDeliveriesAbout } from "../../data/outbox.js";
import { unreachableAmong } from "../../data/unreachable.js";
import { formatDateVi } from "../../domain/dates.js";
import { groupShortName, linkStatusOf } from "../../domain/groupLists.js";
import { escapeHtml } from "../../domain/html.js";
import { normalizeCustomerCode } from "../../domain/linking.js";
import { formatVnd } from "../../domain/money.js";
import { audit, describeScope, inScope } from "../../staff/roles.js";

/** One household as an officer sees it: place, link status, loans, savings and the last messages. */
async function householdCard(ctx: BotContext, code: string, household: Household): Promise<string> {
  const [groupName, communeName, loans, links, deliveries, optedOut] = await Promise.all([
    placeNameOf("group", household.groupCode),
    placeNameOf("commune", household.communeCode),
    openLoansOf(code, household.loanNumbers),
    telegramLinksOf(code),
    recentDeliveriesAbout(code, 5),
    isOptedOut(code),
  ]);
  const chats = links?.map((l) => l.telegramUserId) ?? [];
  const link = {
    "not-linked": () => ctx.t("find-link-none"),
    unreachable: () => ctx.t("find-link-unreachable"),
    linked: () => ctx.t("find-link-linked", { count: chats.length }),
  }[linkStatusOf(chats, await unreachableAmong(chats))]();
  return [
    ctx.t("find-title", { code: escapeHtml(code), name: escapeHtml(household.fullName) }),
    ctx.t("find-place", {
      group: escapeHtml(groupShortName(groupName ?? household.groupCode)),
      commune: escapeHtml(communeName ?? household.communeCode),
      role: ctx.t(`find-role-${household.groupRole}`),
    }),
    ctx.t("find-link", { status: link }),
    ctx.t(optedOut ? "find-phone-refused" : "find-phone-allowed"),
    ctx.t("find-loans", {
      count: loans.length,
      outstanding: formatVnd(loans.reduce((s, l) => s + l.outstandingPrincipal, 0)),
      overdue: formatVnd(loans.reduce((s, l) => s + l.overduePrincipal, 0)),
    }),
    ctx.t("find-savings", { amount: formatVnd(household.savingsBalance) }),
    "",
    deliveries.length ? ctx.t("find-deliveries") : ctx.t("find-no-deliveries"),
    ...deliveries.map((d) =>
      ctx.t("find-delivery", { date: formatDateVi(d.planDate), kind: d.kind, channel: d.channel, outcome: d.outcome }),
    ),
  ].join("\n");
}

/**
 * /find CODE: one household within the officer's scope. Out of scope and unknown read the same, so
 * an officer learns nothing about other communes; every lookup is audited, found or not.
 */
export function createFindFeature(deps: FeatureDeps) {
  const feature = new Feature("find", "staff", officer(deps.adminIds), deps.i18n);
  feature.command("find", async (ctx) => {
    const { staff } = ctx;
    const code = normalizeCustomerCode(ctx.match);
    if (!code) return ctx.reply(ctx.t("find-usage"));
    const household = await findHousehold(code);
    if (!household || !inScope(staff.scope, household)) {
      // A typed code, cut to a code's length.
      await audit(staff.telegramUserId, "find", describeScope(staff.scope), { found: 0 }, { code: code.slice(0, 40) });
      return ctx.reply(ctx.t("find-not-found", { code: escapeHtml(code) }));
    }
    const card = await householdCard(ctx, code, household);
    await audit(staff.telegramUserId, "find", describeScope(staff.scope), { found: 1 }, { code });
    await ctx.reply(card, { parse_mode: "HTML" });
  });
  return feature;
}
