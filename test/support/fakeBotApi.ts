import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Update } from "grammy/types";
import { botInfo } from "./bot.js";

export interface RecordedCall {
  method: string;
  payload: Record<string, unknown>;
  /** A multipart call's raw body (files sent by upload, e.g. sendMediaGroup with photos). */
  raw?: Buffer;
  /** The bot token the call was made with (/bot<token>/<method>): several branches' bots share one fake. */
  token?: string;
}

/**
 * A small stand-in for the Telegram Bot API over real HTTP, for end-to-end tests of the bot process
 * (pointed at it with BOT_API_ROOT): serves getUpdates long polling from a queue and records every
 * other call. A sendMessage that `hold` picks is not answered until `release()`; `answered` lists the
 * calls answered so far. Each update remembers the getUpdates poll that first delivered it.
 */
export async function startFakeBotApi(
  options: {
    hold?: (call: RecordedCall) => boolean;
    /** Files users "sent", by file id: getFile answers for them and /file/bot<token>/<id> serves them. */
    files?: ReadonlyMap<string, Buffer>;
  } = {},
) {
  const queue: Update[] = [];
  let polls = 0;
  const calls: RecordedCall[] = [];
  const answered: RecordedCall[] = [];
  const held: (() => void)[] = [];
  /** update_id → the number of the poll that first delivered it. */
  const deliveredAt = new Map<number, number>();
  const waiters = new Set<() => void>();
  let nextUpdateId = 1;
  let messageId = 1;

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const url = req.url ?? "";
      if (url.startsWith("/file/")) return serveFile(decodeURIComponent(url.split("/").pop() ?? ""), res);
      const method = url.split("/").pop() ?? "";
      const body = chunks.length ? Buffer.concat(chunks).toString("utf8") : "{}";
      const json = (req.headers["content-type"] ?? "").includes("json");
      const payload = json ? JSON.parse(body) : {};
      const reply = (result: unknown) => {
        res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ ok: true, result }));
      };
      if (method === "getUpdates") {
        polls++;
        const offset = Number(payload.offset ?? 0);
        const poll = polls;
        const deliver = () => {
          const updates = queue.filter((u) => u.update_id >= offset);
          for (const u of updates) if (!deliveredAt.has(u.update_id)) deliveredAt.set(u.update_id, poll);
          reply(updates);
        };
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
        // A poll the bot abandoned (its runner stopped) delivers nothing.
        res.once("close", () => {
          clearTimeout(timer);
          waiters.delete(wake);
        });
        return;
      }
      const token = /^\/bot([^/]+)\//.exec(req.url ?? "")?.[1] ?? "";
      const call: RecordedCall = { method, payload, token, ...(json ? {} : { raw: Buffer.concat(chunks) }) };
      calls.push(call);
      const answer = (result: unknown) => {
        answered.push(call);
        reply(result);
      };
      if (method === "getMe") return answer(botInfo);
      if (method === "getFile") {
        const id = String(payload.file_id);
        const found = options.files?.get(id);
        return answer({
          file_id: id,
          file_unique_id: id,
          ...(found ? { file_path: id, file_size: found.length } : {}),
        });
      }
      if (method === "sendMessage") {
        const message = {
          message_id: messageId++,
          date: 0,
          chat: { id: payload.chat_id, type: "private" },
          text: payload.text,
        };
        if (options.hold?.(call)) return void held.push(() => answer(message));
        return answer(message);
      }
      answer(true);
    });
  });
  function serveFile(id: string, res: import("node:http").ServerResponse) {
    const found = options.files?.get(id);
    if (!found) return void res.writeHead(404).end();
    res.writeHead(200, { "content-type": "application/octet-stream" }).end(found);
  }
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;

  return {
    apiRoot: `http://127.0.0.1:${port}`,
    calls,
    answered,
    /** Answers every held call. */
    release() {
      for (const answerHeld of held.splice(0)) answerHeld();
    },
    /** The poll that first delivered an update (undefined: not delivered yet). */
    deliveredAt: (updateId: number) => deliveredAt.get(updateId),
    /** How many getUpdates requests the bot has made (it stops making them while paused). */
    polls: () => polls,
    /** Queues an update for the next getUpdates. */
    push(update: Omit<Update, "update_id">): number {
      const updateId = nextUpdateId++;
      queue.push({ ...update, update_id: updateId } as Update);
      for (const wake of [...waiters]) wake();
      return updateId;
    },
    /**
     * Waits until a recorded call satisfies `predicate`. The bound only turns a hang into a readable
     * failure; nothing is decided by it.
     */
    async waitFor(predicate: (call: RecordedCall) => boolean, timeoutMs = 45_000): Promise<RecordedCall> {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        const found = calls.find(predicate);
        if (found) return found;
        await new Promise((r) => setTimeout(r, 20));
      }
      throw new Error(`no matching call within ${timeoutMs} ms; calls: ${calls.map((c) => c.method).join(", ")}`);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
