import { InlineKeyboard } from "grammy";
import { linkedBorrower } from "../../bot/access.js";
import { type BotContext, translator, userLocale } from "../../bot/context.js";
import type { FeatureDeps } from "../../bot/deps.js";
import { Feature } from "../../bot/feature.js";
import { loadProgrammeCatalogue } from "../../catalogue/load.js";
import { rateOn } from "../../catalogue/rates.js";
import { confirmationWhy, confirmationWrong } from "../../confirmations/callbacks.js";
import { whyText } from "../../confirmations/messages.js";
import { appendAudit } from "../../data/audit.js";
import { household as findHousehold } from "../../data/book.js";
import { markDisputed, paymentConfirmation, type StoredConfirmation } from "../../data/recordedFigures.js";
import { formatDateVi } from "../../domain/dates.js";
import { escapeHtml } from "../../domain/html.js";
import { formatVnd } from "../../domain/money.js";
import { explainInterest } from "../../domain/recordedChanges.js";
import { inScope } from "../../domain/scope.js";
import { type Translate, translatorFor } from "../../i18n.js";
import { approversCovering } from "../../staff/roles.js";

type Borrower = BotContext & { customerCode: string };

/**
 * The buttons under a payment confirmation (issue 28): "why this amount?" works out each paid loan's
 * interest at the catalogue's rate; "this is not what I paid" goes, once confirmed, to the officers
 * of the household's place with both imports' figures, never to the group head. Only the chat linked
 * to the confirmation's household now gets either; anyone else reads that it is not available.
 */
export function createPaymentConfirmationFeature(deps: FeatureDeps) {
  const feature = new Feature("paymentConfirmation", "everyone", linkedBorrower, deps.i18n);
  feature.callback(confirmationWhy, async (ctx, { id }) => {
    await ctx.answerCallbackQuery().catch(() => undefined);
    const c = await ownConfirmation(ctx, id);
    if (c) await ctx.reply(explain(ctx, await userLocale(ctx), c), { parse_mode: "HTML" });
  });
  feature.callback(confirmationWrong, async (ctx, { id, step }) => {
    await ctx.answerCallbackQuery().catch(() => undefined);
    const c = await ownConfirmation(ctx, id);
    if (!c) return;
    if (step === "ask") {
      const keyboard = new InlineKeyboard()
        .text(ctx.t("recorded-wrong-yes"), confirmationWrong.encode({ id, step: "yes" }))
        .text(ctx.t("recorded-wrong-no"), confirmationWrong.encode({ id, step: "no" }));
      return void (await ctx.reply(ctx.t("recorded-wrong-ask"), { reply_markup: keyboard }));
    }
    if (step === "no") return void (await ctx.reply(ctx.t("recorded-wrong-cancelled")));
    await dispute(ctx, deps, c);
  });
  return feature;
}

/** The confirmation, if it is about the household this chat is linked to now; else says it is not available. */
async function ownConfirmation(ctx: Borrower, id: string): Promise<StoredConfirmation | null> {
  const c = await paymentConfirmation(id);
  if (c && c.householdCode === ctx.customerCode) return c;
  await ctx.reply(ctx.t("recorded-unavailable"));
  return null;
}

function explain(ctx: Borrower, locale: "vi" | "en", c: StoredConfirmation): string {
  const catalogue = loadProgrammeCatalogue();
  const paid = new Map(c.changes.filter((ch) => ch.kind === "interest-paid").map((ch) => [ch.loanNumber, ch.amount]));
  const explanations = c.loansBefore.map((loan) => ({
    loanNumber: loan.loanNumber,
    programme: catalogue.programmes.find((p) => p.code === loan.programme)?.name[locale] ?? loan.programme,
    e: explainInterest(
      loan,
      paid.get(loan.loanNumber) ?? 0,
      rateOn(catalogue, loan.programme, c.eventDate)?.ppm ?? null,
    ),
  }));
  return whyText(translator(ctx), locale, c, explanations);
}

async function dispute(ctx: Borrower, deps: FeatureDeps, c: StoredConfirmation): Promise<void> {
  if (!(await markDisputed(c.id, ctx.clock.now()))) return void (await ctx.reply(ctx.t("recorded-wrong-already")));
  const household = await findHousehold(c.householdCode);
  const place = {
    officeCode: household?.officeCode ?? c.officeCode,
    communeCode: household?.communeCode ?? "",
    groupCode: household?.groupCode ?? null,
  };
  const staff = await approversCovering(
    deps.adminIds,
    ctx.from?.id ?? 0,
    (scope) => scope.kind !== "all" && inScope(scope, place),
  );
  // The officers of the household's place; admins only when no officer covers it.
  const recipients = staff.length > 0 ? staff : await approversCovering(deps.adminIds, ctx.from?.id ?? 0, () => true);
  for (const r of recipients) {
    const t = translatorFor(deps.i18n, r.locale);
    await ctx.api
      .sendMessage(r.id, disputeText(t, c, household?.fullName ?? ""), { parse_mode: "HTML" })
      .catch(() => undefined);
  }
  await appendAudit({
    actor: { kind: "telegram", id: String(ctx.from?.id ?? 0) },
    action: "confirmation-disputed",
    scope: null,
    counts: { officers: recipients.length },
    details: { code: c.householdCode, confirmation: c.id },
  });
  await ctx.reply(ctx.t("recorded-wrong-sent"));
}

function disputeText(t: Translate, c: StoredConfirmation, name: string) {
  const lines = [
    t("recorded-dispute-title", {
      code: escapeHtml(c.householdCode),
      name: escapeHtml(name),
      date: formatDateVi(c.eventDate),
    }),
  ];
  for (const ch of c.changes) {
    lines.push(
      t("recorded-dispute-change", {
        kind: t(`recorded-kind-${ch.kind}`),
        loan: escapeHtml(ch.loanNumber ?? "—"),
        before: formatVnd(ch.before),
        after: formatVnd(ch.after),
        amount: formatVnd(ch.amount),
      }),
    );
  }
  return lines.join("\n");
}
