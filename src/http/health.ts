import { createServer, type Server } from "node:http";

/**
 * Liveness and readiness for orchestrators: /healthz answers while the process runs, /readyz only
 * while the database answers a ping.
 */
export function startHealthServer(port: number, isReady: () => Promise<boolean>): Promise<Server> {
  const server = createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    if (path === "/healthz") {
      res.writeHead(200, { "content-type": "text/plain" }).end("ok\n");
      return;
    }
    if (path === "/readyz") {
      isReady().then(
        (ready) =>
          res
            .writeHead(ready ? 200 : 503, { "content-type": "text/plain" })
            .end(ready ? "ready\n" : "database unreachable\n"),
        () => res.writeHead(503).end("database unreachable\n"),
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
