import { randomUUID } from "node:crypto";
import { type RunnerHandle, run } from "@grammyjs/runner";
import { type App, startApp } from "./app/app.js";
import { type BranchRuntime, createBranchRuntime, logMenusFailure, type Stop } from "./app/branchRuntime.js";
import type { BotConfig } from "./app/config.js";
import { createDashboardApp, DASHBOARD_PATH, dashboardListener } from "./dashboard/app.js";
import { loadAssets } from "./dashboard/assets.js";
import { databaseReachable, watchDatabase } from "./data/availability.js";
import { withBranch } from "./data/branchContext.js";
import { replicaClaims } from "./data/updateClaims.js";
import { ProcessRegistry } from "./delivery/spread.js";
import { refreshClosures } from "./features/closures/calendar.js";
import { startHttpServer } from "./http/server.js";
import { createWebhook } from "./http/webhook.js";
import { logger, safeError } from "./logger.js";

export const WEBHOOK_PATH = "/telegram";

/** How often the bot checks that the database answers (it pauses taking updates while it does not). */
const DATABASE_CHECK_MS = 2_000;
const CLOSURE_REFRESH_MS = 5 * 60_000;
let stopping = false;

// Nothing a handler leaves behind may stop the process or print raw data: log through the redacting logger.
process.on("unhandledRejection", (reason) => {
  logger.error({ err: safeError(reason) }, "unhandled rejection");
});
process.on("uncaughtException", (error) => {
  logger.fatal({ err: safeError(error) }, "uncaught exception");
  process.exit(1);
});

type BotApp = App<BotConfig>;

/** Closures officers added by command: read now, and again every few minutes (other processes add them too). */
async function keepClosuresFresh(log: BotApp["log"]): Promise<void> {
  await refreshClosures();
  const timer = setInterval(() => {
    refreshClosures().catch((error) => log.warn({ err: safeError(error) }, "reading closures failed"));
  }, CLOSURE_REFRESH_MS);
  timer.unref();
}

/** One branch: /telegram at WEBHOOK_URL, as always. Several: /telegram/<code> at WEBHOOK_URL/<code>. */
const webhookPath = (app: BotApp, code: string) =>
  app.deployment.branches.length > 1 ? `${WEBHOOK_PATH}/${code}` : WEBHOOK_PATH;
const webhookUrl = (app: BotApp & { config: { WEBHOOK_URL: string } }, code: string) =>
  app.deployment.branches.length > 1 ? `${app.config.WEBHOOK_URL.replace(/\/+$/, "")}/${code}` : app.config.WEBHOOK_URL;

/** The Mini App dashboard of every branch, on the same HTTP server (/dashboard, or /dashboard/<code>). */
function dashboardRoute(app: BotApp, runtimes: readonly BranchRuntime[]) {
  const several = runtimes.length > 1;
  const dashboard = createDashboardApp({
    branches: runtimes.map(({ branch, adminIds, i18n }) => ({
      pathCode: several ? branch.code : null,
      token: branch.token,
      adminIds,
      ...(several ? { scope: branch } : {}),
      i18n,
    })),
    maxAgeSeconds: app.config.DASHBOARD_MAX_AGE_SECONDS,
    now: () => app.clock.now(),
    log: app.log,
    assets: loadAssets(),
  });
  return { path: DASHBOARD_PATH, handler: dashboardListener(dashboard) };
}

/**
 * Webhook mode: every branch's bot at its own path with its own secret. Any number of replicas may
 * run behind a load balancer: an update is handled by the one that claims it (data/updateClaims), and
 * while the database is unreachable the webhook answers 503, so Telegram resends later.
 */
async function receiveByWebhook(
  app: BotApp & { config: { BOT_MODE: "webhook"; WEBHOOK_URL: string } },
  runtimes: readonly BranchRuntime[],
): Promise<Stop> {
  const { config, log } = app;
  const watch = watchDatabase({ everyMs: DATABASE_CHECK_MS, log, onDown: () => {}, onUp: () => {} });
  const holder = randomUUID();
  const leaseMs = config.WEBHOOK_UPDATE_LEASE_SECONDS * 1_000;
  const webhooks = runtimes.map(({ branch, bot }) => {
    const several = runtimes.length > 1;
    const inBranch = <T>(work: () => Promise<T>) => (several ? withBranch(branch, work) : work());
    const webhook = createWebhook(bot, {
      secret: branch.webhookSecret ?? "",
      isAvailable: watch.isAvailable,
      log,
      claims: replicaClaims(holder, leaseMs, () => app.clock.now(), inBranch),
    });
    return { path: webhookPath(app, branch.code), handler: webhook.handle, webhook };
  });
  // A replica that died after answering 200 left its updates parked: whoever sweeps after its lease takes them.
  const sweeps = setInterval(() => {
    for (const { webhook } of webhooks) if (watch.isAvailable()) void webhook.sweep();
  }, leaseMs);
  sweeps.unref();
  const http = await startHttpServer(config.HTTP_PORT, {
    isReady: () => databaseReachable(),
    webhooks,
    dashboard: dashboardRoute(app, runtimes),
  });
  for (const { branch, bot } of runtimes) {
    await bot.api.setWebhook(webhookUrl(app, branch.code), { secret_token: branch.webhookSecret ?? "" });
  }
  return async () => {
    clearInterval(sweeps);
    for (const { webhook } of webhooks) webhook.close();
    watch.stop();
    await new Promise((resolve) => http.close(resolve));
  };
}

/**
 * Long polling (one process per bot token: Telegram serves getUpdates to one caller): a runner per
 * branch fetches updates continuously and handles different users concurrently. While the database
 * is unreachable they stop fetching (Telegram keeps the updates) and start after.
 */
async function receiveByPolling(app: BotApp, runtimes: readonly BranchRuntime[]): Promise<Stop> {
  const { config, log } = app;
  const http = await startHttpServer(config.HTTP_PORT, {
    isReady: () => databaseReachable(),
    dashboard: dashboardRoute(app, runtimes),
  });
  const runners: RunnerHandle[] = [];
  for (const { bot } of runtimes) {
    await bot.api.deleteWebhook();
    runners.push(run(bot));
  }
  const watch = watchDatabase({
    everyMs: DATABASE_CHECK_MS,
    log,
    onDown: async () => {
      for (const runner of runners) if (runner.isRunning()) await runner.stop();
    },
    onUp: () => {
      for (const runner of runners) if (!runner.isRunning() && !stopping) runner.start();
    },
  });
  return async () => {
    watch.stop();
    for (const runner of runners) if (runner.isRunning()) await runner.stop(); // waits for the updates in flight
    http.close();
  };
}

/** Times the phases of start-up, for the one "bot started" line (the first update waits for all of them). */
function startupClock(): { mark(phase: string): void; phases: Record<string, number>; totalMs(): number } {
  const started = performance.now();
  let last = started;
  const phases: Record<string, number> = {};
  return {
    phases,
    mark(phase) {
      const now = performance.now();
      phases[phase] = Math.round(now - last);
      last = now;
    },
    totalMs: () => Math.round(performance.now() - started),
  };
}

async function main(): Promise<void> {
  const startup = startupClock();
  const app = await startApp("bot");
  Object.assign(startup.phases, app.startupMs);
  startup.mark("app");
  const { config, log } = app;
  await keepClosuresFresh(log);
  startup.mark("closures");
  // Who else runs (heartbeats): each process goes first for its share of the branches' sending leases.
  const registry = new ProcessRegistry({ log, now: () => app.clock.now() });
  await registry.start();
  const runtimes = app.deployment.branches.map((branch) => createBranchRuntime(app, branch, registry));
  await Promise.all(runtimes.map(({ bot }) => bot.init()));
  startup.mark("getMe");
  const stopJobs = runtimes.map((runtime) => runtime.startJobs());
  startup.mark("jobs");
  const stopReceiving =
    config.BOT_MODE === "webhook"
      ? await receiveByWebhook({ ...app, config }, runtimes)
      : await receiveByPolling(app, runtimes);
  startup.mark("receiving");
  // The command menus are set after: answering does not wait for them (a few calls to Telegram).
  for (const runtime of runtimes) runtime.setMenus().catch(logMenusFailure(log));
  log.info(
    {
      bot: runtimes.map((r) => r.bot.botInfo.username).join(","),
      branches: runtimes.length,
      mode: config.BOT_MODE,
      ms: startup.totalMs(),
      phasesMs: startup.phases,
    },
    "bot started",
  );

  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, "shutting down");
    await stopReceiving();
    for (const stop of stopJobs) await stop();
    await registry.stop();
    await app.close();
    process.exit(0);
  };
  process.once("SIGINT", () => void shutdown("SIGINT"));
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
}

main().catch((error) => {
  logger.fatal({ err: safeError(error) }, "bot crashed");
  process.exit(1);
});
