import type { Bot } from "grammy";
import type { BotContext } from "../bot/context.js";
import { CommandMenus } from "../bot/menus.js";
import { withBranch } from "../data/branchContext.js";
import { phoneSendChannels } from "../delivery/channels/index.js";
import { carriesKind } from "../delivery/channels/settings.js";
import { createSendingApi, Dispatcher } from "../delivery/dispatcher.js";
import type { ProcessRegistry } from "../delivery/spread.js";
import { BroadcastMonitor } from "../features/broadcast/monitor.js";
import { createI18n } from "../i18n.js";
import { safeError } from "../logger.js";
import { startReminderJobs } from "../reminders/jobs.js";
import { startRetentionJob } from "../retention/job.js";
import { staffRole } from "../staff/roles.js";
import type { App } from "./app.js";
import { createBot } from "./bot.js";
import { adminsOf, type Branch } from "./branches.js";
import { branchChannelSettings } from "./channelConfig.js";
import type { BotConfig } from "./config.js";

type BotApp = App<BotConfig>;
export type Stop = () => Promise<void>;

/** One branch's bot in this process: its own token, admins, name, dispatchers and jobs, on its own data. */
export interface BranchRuntime {
  branch: Branch;
  bot: Bot<BotContext>;
  adminIds: number[];
  /** The branch's translations (its bot presents itself under the branch's name). */
  i18n: BotApp["i18n"];
  /** Starts the branch's sending and daily jobs (inside its branch, so every query they make is its own). */
  startJobs(): Stop;
  setMenus(): Promise<void>;
}

/** The clock and, in tests, the fixed closures every dispatcher of the process works by. */
const dispatcherTiming = (app: BotApp) => ({ now: () => app.clock.now(), closures: app.fixedClosures });

/** How long a process that is not first in line for a branch lets the one that is take its leases. */
const DEFER_WHEN_NOT_PREFERRED_MS = 2_000;

export function createBranchRuntime(app: BotApp, branch: Branch, registry: ProcessRegistry): BranchRuntime {
  const { config, sending } = app;
  const several = app.deployment.branches.length > 1;
  const inBranch = <T>(work: () => T): T => (several ? withBranch(branch, work) : work());
  const log = several ? app.log.child({ branch: branch.code }) : app.log;
  const adminIds = adminsOf(app.deployment, branch);
  // Each branch's bot presents itself under the branch's name.
  const i18n = several ? createI18n({ operatorName: branch.name }) : app.i18n;
  const deferMs = () => (registry.isPreferred(branch.code) ? 0 : DEFER_WHEN_NOT_PREFERRED_MS);
  const dispatcher = config.REMINDERS_ENABLED
    ? new Dispatcher({
        ...dispatcherTiming(app),
        deferMs,
        api: createSendingApi(branch.token, config.BOT_API_ROOT),
        config: sending,
        log,
      })
    : null;
  const menus = new CommandMenus(dashboardMenu(app, branch, i18n));
  const bot = createBot({
    token: branch.token,
    apiRoot: config.BOT_API_ROOT,
    log,
    i18n,
    menus,
    adminIds,
    idHashSecret: config.ID_HASH_SECRET,
    operatorName: branch.name,
    delivery: { config: sending, sender: dispatcher ?? undefined, phone: phoneOf(app, branch) },
    channelPrices: app.channels.prices,
    rateLimit: { limit: config.USER_RATE_LIMIT, timeFrameMs: 3_000 },
    importWorkerMemoryMb: config.IMPORT_WORKER_MEMORY_MB,
    clock: app.clock,
    // One branch keeps its data in the home database: no context needed (AsyncLocalStorage costs a
    // little on every promise in Node 20), and its audit entries carry no branch, as before.
    ...(several ? { branch } : {}),
    national: { adminIds: app.deployment.nationalAdmins, branches: app.deployment.branches },
  });
  const startJobs = (): Stop =>
    inBranch(() => {
      const sending = { bot, dispatcher, adminIds, i18n, log, deferMs };
      const stopSending = dispatcher ? startSending(app, branch, { ...sending, dispatcher }) : async () => {};
      const retention = startRetentionJob({
        months: config.RETENTION_MONTHS,
        log,
        channelsInUse: ["telegram", ...app.channels.order],
      });
      return async () => {
        await stopSending();
        await retention.stop();
      };
    });
  const setMenus = async () => {
    await menus.setDefault(bot.api);
    // An admin who has never opened the bot cannot get a chat menu yet; that is not an error.
    for (const admin of adminIds) await menus.setForChat(bot.api, admin, "admin").catch(() => undefined);
  };
  return { branch, bot, adminIds, i18n, startJobs, setMenus };
}

/** The Mini App's button for staff and heads' chats, where DASHBOARD_URL is set: /dashboard, or /dashboard/<code>. */
function dashboardMenu(app: BotApp, branch: Branch, i18n: BotApp["i18n"]) {
  const base = app.config.DASHBOARD_URL?.replace(/\/+$/, "");
  if (!base) return undefined;
  const url = app.deployment.branches.length > 1 ? `${base}/${branch.code}/` : `${base}/`;
  return { url, text: i18n.t("vi", "dashboard-menu-button") };
}

/** The branch's SMS and Zalo, for what the bot queues itself (payment confirmations). */
function phoneOf(app: BotApp, branch: Branch) {
  const channels = branchChannelSettings(app.channels, branch);
  return { channels: channels.order, carries: carriesKind(channels) };
}

interface Sending {
  bot: Bot<BotContext>;
  dispatcher: Dispatcher;
  deferMs: () => number;
  adminIds: number[];
  i18n: BotApp["i18n"];
  log: BotApp["log"];
}

/** The sender of reminders and broadcasts, with its jobs; only in a process that sends (REMINDERS_ENABLED). */
function startSending(app: BotApp, branch: Branch, { bot, dispatcher, adminIds, i18n, log, deferMs }: Sending): Stop {
  const { sending } = app;
  const channels = branchChannelSettings(app.channels, branch);
  const phoneDispatchers = phoneSendChannels(channels, log).map(
    (channel) =>
      new Dispatcher({
        ...dispatcherTiming(app),
        channel,
        config: sending,
        log: log.child({ channel: channel.name }),
        adminIds,
        deferMs,
      }),
  );
  const reminders = startReminderJobs({
    config: sending,
    i18n,
    adminIds,
    log,
    dispatcher,
    phoneDispatchers,
    phoneChannels: channels.order,
    carries: carriesKind(channels),
    znsCustomerCode: channels.zns?.customerCodeInTemplates ?? false,
    clock: app.clock,
    holidays: app.holidays,
  });
  const monitor = new BroadcastMonitor({
    ...dispatcherTiming(app),
    api: bot.api,
    i18n,
    config: sending,
    log,
    makerScope: async (id) => (await staffRole(id, adminIds))?.scope ?? null,
    reserve: (chatId) => dispatcher.reserve(chatId),
  });
  monitor.start();
  return async () => {
    await monitor.stop();
    await reminders.stop();
  };
}

export const logMenusFailure = (log: BotApp["log"]) => (error: unknown) =>
  log.warn({ err: safeError(error) }, "setting the command menus failed");
