import { anyone } from "../../bot/access.js";
import type { BotContext } from "../../bot/context.js";
import type { FeatureDeps } from "../../bot/deps.js";
import { Feature } from "../../bot/feature.js";
import { endFlow } from "../../bot/flows.js";
import { groupHeadedBy } from "../groupHead/roster.js";
import { linkedCustomerCode, unlink } from "../linking/accounts.js";
import { forgetTelegramUser } from "./forget.js";

/** /unlink, /deletemydata and /privacy: what the bot keeps, and taking it back. Anyone, any chat. */
export function createPrivacyFeature(deps: FeatureDeps) {
  const feature = new Feature("privacy", "everyone", anyone, deps.i18n);

  /** Unlinks, drops what this process queued for the chat, and takes a group head's menu away. */
  async function unlinkUser(ctx: BotContext, userId: number): Promise<boolean> {
    const wasHead = (await groupHeadedBy(userId)) !== null;
    const removed = await unlink(userId);
    deps.dispatcher?.cancelChat(userId);
    if (wasHead && ctx.chat) await deps.menus.clearForChat(ctx.api, ctx.chat.id);
    return removed;
  }

  feature.command("unlink", async (ctx) => {
    if (!ctx.from) return;
    const removed = await unlinkUser(ctx, ctx.from.id);
    endFlow(ctx.session, "linking");
    await ctx.reply(ctx.t(removed ? "unlink-done" : "unlink-none"), { reply_markup: { remove_keyboard: true } });
  });
  feature.command("deletemydata", async (ctx) => {
    if (!ctx.from) return;
    const householdCode = await linkedCustomerCode(ctx.from.id);
    await unlinkUser(ctx, ctx.from.id);
    await forgetTelegramUser(ctx.from.id, householdCode);
    ctx.session = null as never;
    await ctx.reply(ctx.t("delete-done"), { reply_markup: { remove_keyboard: true } });
  });
  feature.command("privacy", (ctx) => ctx.reply(ctx.t("privacy-text")));
  return feature;
}
