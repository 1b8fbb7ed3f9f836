import { createServer, request } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * An ordinary round-robin load balancer on loopback, in front of the bot's webhook replicas: each
 * request goes to the next replica; one that refuses the connection (dead) is skipped, as a balancer
 * would after a failed connect; one that dies with the request in hand answers the caller 502, and
 * Telegram sends the update again later.
 */
export async function startBalancer(initial: readonly number[] = []) {
  const ports = [...initial];
  let next = 0;

  const forward = (
    port: number,
    method: string,
    path: string,
    headers: Record<string, string | string[] | undefined>,
    body: Buffer,
  ) =>
    new Promise<{ status: number; body: Buffer } | "refused">((resolve) => {
      const upstream = request({ host: "127.0.0.1", port, method, path, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 502, body: Buffer.concat(chunks) }));
        res.on("error", () => resolve({ status: 502, body: Buffer.alloc(0) }));
      });
      upstream.on("error", (error: NodeJS.ErrnoException) =>
        resolve(error.code === "ECONNREFUSED" ? "refused" : { status: 502, body: Buffer.alloc(0) }),
      );
      upstream.end(body);
    });

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", async () => {
      const body = Buffer.concat(chunks);
      for (let tried = 0; tried < ports.length; tried++) {
        const port = ports[next++ % ports.length] as number;
        const answer = await forward(port, req.method ?? "POST", req.url ?? "/", req.headers, body);
        if (answer === "refused") continue;
        res.writeHead(answer.status).end(answer.body);
        return;
      }
      res.writeHead(502).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    /** A replica replaced by a new one (another port), as an orchestrator would register it. */
    replace(oldPort: number, newPort: number) {
      const i = ports.indexOf(oldPort);
      if (i >= 0) ports[i] = newPort;
      else ports.push(newPort);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
