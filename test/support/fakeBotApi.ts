import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Update } from "grammy/types";
import { botInfo } from "./bot.js";

export interface RecordedCall {
  method: string;
  payload: Record<string, unknown>;
}

/**
 * A small stand-in for the Telegram Bot API over real HTTP, for end-to-end tests of the bot process
 * (pointed at it with BOT_API_ROOT): serves getUpdates long polling from a queue and records every
 * other call.
 */
export async function startFakeBotApi(options: { delayMs?: (call: RecordedCall) => number } = {}) {
  const queue: Update[] = [];
  let polls = 0;
  const calls: RecordedCall[] = [];
  const waiters = new Set<() => void>();
  let nextUpdateId = 1;
  let messageId = 1;

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const method = (req.url ?? "").split("/").pop() ?? "";
      const body = chunks.length ? Buffer.concat(chunks).toString("utf8") : "{}";
      const payload = (req.headers["content-type"] ?? "").includes("json") ? JSON.parse(body) : {};
      const reply = (result: unknown) => {
        res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ ok: true, result }));
      };
      if (method === "getUpdates") {
        polls++;
        const offset = Number(payload.offset ?? 0);
        const deliver = () => reply(queue.filter((u) => u.update_id >= offset));
        if (queue.some((u) => u.update_id >= offset)) return deliver();
        const timer = setTimeout(() => {
          waiters.delete(wake);
          deliver();
        }, 500);
        const wake = () => {
          clearTimeout(timer);
          waiters.delete(wake);
          deliver();
        };
        waiters.add(wake);
        return;
      }
      calls.push({ method, payload });
      if (method === "getMe") return reply(botInfo);
      if (method === "sendMessage") {
        const delay = options.delayMs?.({ method, payload }) ?? 0;
        const message = {
          message_id: messageId++,
          date: 0,
          chat: { id: payload.chat_id, type: "private" },
          text: payload.text,
        };
        if (delay > 0) return void setTimeout(() => reply(message), delay);
        return reply(message);
      }
      reply(true);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;

  return {
    apiRoot: `http://127.0.0.1:${port}`,
    calls,
    /** How many getUpdates requests the bot has made (it stops making them while paused). */
    polls: () => polls,
    /** Queues an update for the next getUpdates. */
    push(update: Omit<Update, "update_id">) {
      queue.push({ ...update, update_id: nextUpdateId++ } as Update);
      for (const wake of [...waiters]) wake();
    },
    /** Waits until a recorded call satisfies `predicate`. */
    async waitFor(predicate: (call: RecordedCall) => boolean, timeoutMs = 15_000): Promise<RecordedCall> {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        const found = calls.find(predicate);
        if (found) return found;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error(`no matching call within ${timeoutMs} ms; calls: ${calls.map((c) => c.method).join(", ")}`);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
