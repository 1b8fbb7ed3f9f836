import type { Api } from "grammy";
import type { BotContext } from "../../bot/context.js";
import type { FeatureDeps } from "../../bot/deps.js";
import { loadHolidays } from "../../catalogue/load.js";
import { type Broadcast, updateBroadcast } from "../../data/broadcasts.js";
import { emptyCounts } from "../../delivery/counters.js";
import type { Audience } from "../../domain/broadcast.js";
import type { Scope, Staff } from "../../staff/roles.js";
import { progressText } from "./monitor.js";
import { fanOut, isNational, nationalReach } from "./national.js";
import {
  type AudienceResult,
  enqueueBroadcast,
  makerLocale,
  resolveAudience,
  toAudience,
  transition,
} from "./service.js";

export type StaffContext = BotContext & { staff: Staff };

/**
 * Who an audience reaches now within `scope`; a national audience, every branch's linked households
 * (counted in each branch; their places are not listed: only national admins may approve it).
 */
export async function reachOf(
  deps: Pick<FeatureDeps, "national">,
  scope: Scope,
  audience: Audience,
): Promise<{ count: number; unreachable: number; places: AudienceResult["places"] }> {
  if (audience.kind === "national") return { ...(await nationalReach(deps.national)), places: [] };
  const { recipients, unreachable, places } = await resolveAudience(scope, audience);
  return { count: recipients.length, unreachable, places };
}

/** The audience counted now, within `scope`, written on the broadcast if it is still in `status`. */
export async function recount(
  broadcast: Broadcast,
  scope: Scope,
  status: Broadcast["status"],
  national: FeatureDeps["national"] = { adminIds: [], branches: [] },
) {
  const audience = isNational(broadcast) ? ({ kind: "national" } as const) : toAudience(broadcast);
  const reach = await reachOf({ national }, scope, audience);
  const updated = await transition(broadcast._id, status, {
    recipients: reach.count,
    places: reach.places,
  } as Partial<Broadcast>);
  return { reach, updated };
}

/**
 * Queues a broadcast (already moved to "queued") to its audience within the maker's scope as it is
 * `now`, and posts the progress message the monitor edits.
 */
export async function queue(deps: FeatureDeps, api: Api, broadcast: Broadcast, scope: Scope, now: Date): Promise<void> {
  const chatId = broadcast.progress?.chatId;
  const { recipients, startsAt } = await enqueueBroadcast(broadcast, scope, {
    i18n: deps.i18n,
    config: deps.sending,
    closures: deps.closures ?? loadHolidays().closures,
    now,
  });
  if (chatId) {
    const progress = { total: recipients, counts: emptyCounts(), left: recipients, finished: false };
    const perSecond = deps.sending.telegramLimits.globalPerSecond;
    const { _id } = broadcast;
    const text = progressText(deps.i18n, makerLocale(broadcast), { _id, startsAt }, progress, null, perSecond, now);
    const message = await api.sendMessage(chatId, text);
    await updateBroadcast(broadcast._id, { "progress.messageId": message.message_id });
  }
  // A national broadcast goes into every other branch's outbox too, for that branch's bot to send.
  if (isNational(broadcast)) await fanOut(deps, broadcast, now);
  deps.dispatcher?.wake();
}
