import { type Context, Hono, type MiddlewareHandler } from "hono";
import { z } from "zod";
import { bookVersion } from "../data/dashboard.js";
import { dashboardSessionHolds, openDashboardSession } from "../data/dashboardSessions.js";
import { vietnamDate } from "../domain/dates.js";
import { inScope, pointInScope } from "../domain/scope.js";
import { findInScope } from "../features/find/facts.js";
import type { Structure } from "../features/stats/overdue.js";
import { translatorFor } from "../i18n.js";
import { scopeInWords } from "../staff/roles.js";
import type { DashboardBranch, DashboardOptions } from "./app.js";
import { DashboardCache } from "./cache.js";
import { checkInitData, type SignedUser } from "./initData.js";
import { experimentsPage } from "./pages/experiments.js";
import { headPage } from "./pages/head.js";
import { officerOverview } from "./pages/overview.js";
import { narrowedScope, parseOverviewFilter } from "./pages/scopeFilter.js";
import { findText, headTexts, overviewTexts } from "./texts.js";
import { type Viewer, viewerOf } from "./viewer.js";

export type DashboardEnv = { Variables: { user: SignedUser; viewer: Viewer } };
type Ctx = Context<DashboardEnv>;
const FORBIDDEN = { error: "forbidden" } as const;

/** The page sends Telegram's signed initData as `Authorization: tma <initData>` (as Telegram's docs show). */
const initDataOf = (c: Ctx) => {
  const header = c.req.header("authorization");
  return header?.startsWith("tma ") ? header.slice(4) : undefined;
};

/**
 * Every request: Telegram's signature over initData and its age (401), then, but for the request that
 * opens the session, the session this initData opened and the token it was given (401: a copy of an
 * initData is useless without it), then the role and scope as stored now (403 for anyone who is
 * neither staff nor a group head). Nothing the page sends decides who the user is or what they may see.
 */
function authenticate(branch: DashboardBranch, options: DashboardOptions): MiddlewareHandler<DashboardEnv> {
  return async (c, next) => {
    const now = options.now();
    const check = checkInitData(initDataOf(c), branch.token, now, options.maxAgeSeconds);
    if (!check.ok) return c.json({ error: check.reason === "expired" ? "expired" : "unauthorized" }, 401);
    const opening = c.req.method === "POST" && c.req.path.endsWith("/api/session");
    const token = c.req.header("x-dashboard-session") ?? "";
    const held = opening || (await dashboardSessionHolds(check.user.hash, token, check.user.telegramUserId, now));
    if (!held) return c.json({ error: "unauthorized" }, 401);
    const viewer = await viewerOf(check.user.telegramUserId, branch.adminIds, check.user.languageCode);
    if (!viewer) return c.json(FORBIDDEN, 403);
    c.set("user", check.user);
    c.set("viewer", viewer);
    c.header("cache-control", "no-store");
    await next();
  };
}

/** The viewer when they are staff (officer or admin), else null: the endpoint answers 403. */
const staffViewer = (c: Ctx) => {
  const viewer = c.get("viewer");
  return viewer.kind === "staff" ? viewer : null;
};

const findBody = z.object({ code: z.string().max(64) }).strict();

/** The places an officer may narrow the overview to: their offices and their points, by name. */
async function filtersOf(viewer: Viewer & { kind: "staff" }, structure: Structure) {
  const offices = new Map<string, string>();
  for (const c of structure.communes) {
    if (inScope(viewer.staff.scope, { communeCode: c.code, officeCode: c.officeCode }))
      offices.set(c.officeCode, c.officeName);
  }
  const scope = viewer.staff.scope;
  return {
    offices:
      scope.kind === "all" || scope.kind === "offices" ? [...offices].map(([code, name]) => ({ code, name })) : [],
    points: structure.points
      .filter((p) => pointInScope(scope, p))
      .map((p) => ({ code: p.code, name: `${p.name} (${p.communeName})` })),
  };
}

export function dashboardApi(branch: DashboardBranch, options: DashboardOptions): Hono<DashboardEnv> {
  const api = new Hono<DashboardEnv>();
  const t = (c: Ctx) => translatorFor(branch.i18n, c.get("viewer").locale);
  const today = () => vietnamDate(options.now());
  const cache = new DashboardCache(options.now, options.tallyMaxAgeMs);
  api.use("*", authenticate(branch, options));

  api.post("/session", async (c) => {
    const user = c.get("user");
    const expiresAt = new Date(user.authDate.getTime() + options.maxAgeSeconds * 1_000);
    const token = await openDashboardSession(user.hash, user.telegramUserId, expiresAt);
    return token ? c.json({ token }) : c.json({ error: "unauthorized" }, 401);
  });

  api.get("/me", async (c) => {
    const viewer = c.get("viewer");
    if (viewer.kind === "head") return c.json({ role: "head", locale: viewer.locale });
    // "" for everything: the page's "whole scope" says it.
    const scope = viewer.staff.scope.kind === "all" ? "" : await scopeInWords(viewer.staff.scope, "");
    return c.json({
      role: viewer.staff.role,
      locale: viewer.locale,
      scope,
      ...(await filtersOf(viewer, (await cache.bookView()).structure)),
    });
  });

  api.get("/head", async (c) => {
    const viewer = c.get("viewer");
    if (viewer.kind !== "head") return c.json(FORBIDDEN, 403);
    const day = today();
    const [tally, version] = await Promise.all([cache.deliveryTally(day), bookVersion()]);
    const page = await headPage(viewer.head, day, tally, version !== null);
    return page ? c.json({ ...page, texts: headTexts(t(c), page) }) : c.json({ error: "not-found" }, 404);
  });

  api.get("/overview", async (c) => {
    const viewer = staffViewer(c);
    if (!viewer) return c.json(FORBIDDEN, 403);
    const filter = parseOverviewFilter(c.req.query());
    if (filter === "bad") return c.json({ error: "bad-request" }, 400);
    const book = await cache.bookView();
    const scope = await narrowedScope(viewer.staff.scope, filter, book.structure);
    if (!scope) return c.json(FORBIDDEN, 403);
    const day = today();
    const overview = await officerOverview(scope, book, await cache.deliveryTally(day), day, options.now());
    return c.json({ ...overview, texts: overviewTexts(t(c), overview, cache.tallyReadAt()) });
  });

  api.get("/experiments", async (c) => {
    const viewer = staffViewer(c);
    if (!viewer) return c.json(FORBIDDEN, 403);
    return c.json(await experimentsPage(t(c), viewer.staff.scope, today()));
  });

  api.post("/find", async (c) => {
    const viewer = staffViewer(c);
    if (!viewer) return c.json(FORBIDDEN, 403);
    const body = findBody.safeParse(await c.req.json().catch(() => null));
    if (!body.success) return c.json({ error: "bad-request" }, 400);
    return c.json(findText(t(c), await findInScope(viewer.staff, body.data.code)));
  });
  return api;
}
