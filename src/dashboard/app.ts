import type { IncomingMessage, ServerResponse } from "node:http";
import type { I18n } from "@grammyjs/i18n";
import { getRequestListener } from "@hono/node-server";
import { type Context, Hono, type MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { csrf } from "hono/csrf";
import { HTTPException } from "hono/http-exception";
import { secureHeaders } from "hono/secure-headers";
import { type BranchScope, withBranch } from "../data/branchContext.js";
import { isLocale } from "../i18n.js";
import { type Logger, safeError } from "../logger.js";
import { type DashboardEnv, dashboardApi } from "./api.js";
import type { Asset } from "./assets.js";
import { pageLabels } from "./labels.js";

export const DASHBOARD_PATH = "/dashboard";

/** One branch's bot, as the dashboard needs it: its token signs the initData its Mini App gets. */
export interface DashboardBranch {
  /** The path segment after /dashboard: null for a deployment of one branch (as the webhook's /telegram). */
  pathCode: string | null;
  token: string;
  adminIds: readonly number[];
  /** Set with several branches: every query of a request runs on this branch's data. */
  scope?: BranchScope;
  i18n: I18n;
}

export interface DashboardOptions {
  branches: readonly DashboardBranch[];
  /** initData older than this is refused (DASHBOARD_MAX_AGE_SECONDS). */
  maxAgeSeconds: number;
  now: () => Date;
  log: Logger;
  assets: Map<string, Asset>;
  /** How long one read of the delivery outcomes serves every request (default a minute; 0: none kept). */
  tallyMaxAgeMs?: number;
}

/** No third-party anything: scripts, styles, data and pictures from this origin only. */
const headers = secureHeaders({
  contentSecurityPolicy: {
    defaultSrc: ["'none'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'"],
    imgSrc: ["'self'", "data:"],
    connectSrc: ["'self'"],
    baseUri: ["'none'"],
    formAction: ["'none'"],
    // Telegram Web shows a Mini App in a frame; the apps open it in their own web view.
    frameAncestors: ["https://web.telegram.org"],
  },
  referrerPolicy: "no-referrer",
  crossOriginResourcePolicy: "same-origin",
  xFrameOptions: false,
});

function servePage(assets: Map<string, Asset>) {
  return (c: Context<DashboardEnv>) => {
    const name = c.req.param("name") ?? "index.html";
    const asset = assets.get(name);
    if (!asset)
      return c.text(
        name === "index.html" ? "dashboard not built (npm run build)\n" : "not found\n",
        name === "index.html" ? 503 : 404,
      );
    c.header("content-type", asset.type);
    c.header("cache-control", name === "index.html" ? "no-store" : "no-cache");
    return c.body(new Uint8Array(asset.body));
  };
}

function branchApp(branch: DashboardBranch, options: DashboardOptions): Hono<DashboardEnv> {
  const app = new Hono<DashboardEnv>();
  if (branch.scope) {
    const scope = branch.scope;
    app.use("*", (_c, next) => withBranch(scope, next));
  }
  app.get("/assets/:name", servePage(options.assets));
  // The page's fixed words, before anyone is known (the errors too): public texts of the locale files.
  app.get("/labels/:locale", (c) => {
    const locale = c.req.param("locale");
    return isLocale(locale) ? c.json(pageLabels(branch.i18n, locale)) : c.json({ error: "not-found" }, 404);
  });
  // Every API request carries its own credentials in headers (never cookies), so another site's page
  // cannot make one; a request that says it comes from another site is refused before that.
  app.use("/api/*", csrf({ secFetchSite: ["same-origin", "none"] }), bodyLimit({ maxSize: 4 * 1024 }));
  app.route("/api", dashboardApi(branch, options));
  return app;
}

/** One line per request at debug level: the route (never the URL or a body), the status, the time. */
const requestLog =
  (log: Logger): MiddlewareHandler<DashboardEnv> =>
  async (c, next) => {
    const started = performance.now();
    await next();
    log.debug(
      { route: c.req.routePath, status: c.res.status, ms: Math.round(performance.now() - started) },
      "dashboard",
    );
  };

/** The Mini App: its page and its API, per branch at /dashboard (one branch) or /dashboard/<code>. */
export function createDashboardApp(options: DashboardOptions): Hono<DashboardEnv> {
  const app = new Hono<DashboardEnv>();
  app.use("*", headers, requestLog(options.log));
  for (const branch of options.branches) {
    const base = branch.pathCode ? `${DASHBOARD_PATH}/${branch.pathCode}` : DASHBOARD_PATH;
    // The page's addresses are relative (./assets/…, ./api/…): it is served at base/ only.
    app.get(base, (c) => c.redirect(`${base}/`, 301));
    app.get(`${base}/`, servePage(options.assets));
    app.route(base, branchApp(branch, options));
  }
  app.notFound((c) => c.json({ error: "not-found" }, 404));
  app.onError((error, c) => {
    if (error instanceof HTTPException) return error.getResponse();
    options.log.error({ err: safeError(error), route: c.req.routePath }, "dashboard request failed");
    return c.json({ error: "internal" }, 500);
  });
  return app;
}

/** The app as a Node request listener, for the bot's HTTP server (src/http/server.ts). */
export function dashboardListener(app: Hono<DashboardEnv>): (req: IncomingMessage, res: ServerResponse) => void {
  const listener = getRequestListener(app.fetch);
  return (req, res) => void listener(req, res);
}
