import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { metrics } from "../metrics.js";

export interface HttpRoutes {
  /** Readiness: true while the database answers. */
  isReady: () => Promise<boolean>;
  /** In webhook mode: each bot's path (one per branch) and its handler. */
  webhooks?: { path: string; handler: (req: IncomingMessage, res: ServerResponse) => unknown }[];
  /** The Mini App dashboard (src/dashboard): everything under its path. */
  dashboard?: { path: string; handler: (req: IncomingMessage, res: ServerResponse) => void };
}

/**
 * The bot's HTTP endpoint: /healthz (process up), /readyz (database reachable), /metrics
 * (Prometheus text), the dashboard's page and API, and, in webhook mode, the webhook path.
 */
export function startHttpServer(port: number, routes: HttpRoutes): Promise<Server> {
  const server = createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0] ?? "/";
    const webhook = req.method === "POST" ? routes.webhooks?.find((w) => w.path === path) : undefined;
    if (webhook) {
      Promise.resolve(webhook.handler(req, res)).catch(() => {
        if (!res.headersSent) res.writeHead(500).end();
      });
      return;
    }
    const dashboard = routes.dashboard;
    if (dashboard && (path === dashboard.path || path.startsWith(`${dashboard.path}/`))) {
      dashboard.handler(req, res);
      return;
    }
    if (path === "/healthz") {
      res.writeHead(200, { "content-type": "text/plain" }).end("ok\n");
      return;
    }
    if (path === "/readyz") {
      routes.isReady().then(
        (ready) =>
          res
            .writeHead(ready ? 200 : 503, { "content-type": "text/plain" })
            .end(ready ? "ready\n" : "database unreachable\n"),
        () => res.writeHead(503).end("database unreachable\n"),
      );
      return;
    }
    if (path === "/metrics") {
      metrics.metrics().then(
        (text) => res.writeHead(200, { "content-type": metrics.contentType }).end(text),
        () => res.writeHead(500).end(),
      );
      return;
    }
    res.writeHead(404).end();
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, () => resolve(server));
  });
}
