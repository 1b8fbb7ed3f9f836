import { createHash } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { botInfo } from "./bot.js";

/**
 * A stand-in for the Telegram Bot API that enforces Telegram-like flood limits, for the dispatcher's
 * tests and for `npm run bench:reminders`. Limits are sliding windows measured when a request
 * arrives: `globalPerSecond` overall, 1 a second per private chat, 20 a minute per group, all
 * multiplied by `scale`. Over a limit it answers 429 in Telegram's error shape with
 * `parameters.retry_after`; chats picked by `isBlocked` get 403 "bot was blocked by the user".
 * It records every accepted message, so duplicates and losses can be counted from its side.
 */
export interface FloodLimitedOptions {
  globalPerSecond?: number;
  scale?: number;
  isBlocked?: (chatId: number) => boolean;
  /** The least `retry_after` a 429 gives (Telegram's are often several seconds); default 1. */
  minRetryAfterSeconds?: number;
  /**
   * Called when a sendMessage has been accepted and recorded, before the answer goes back; returning
   * "hang" leaves the request unanswered (the crash tests kill the sender at that moment), "hold"
   * answers it only when `release()` is called.
   */
  onAccepted?: (acceptedCount: number, from: { retired: boolean; path: string }) => "hang" | "hold" | undefined;
  /**
   * Called when a sending request arrives, before anything is counted; "hang" leaves it unanswered and
   * not accepted (Telegram never got it: the sender is killed while it waits).
   */
  beforeAccept?: (chatId: number, from: { path: string; token: string }) => "hang" | undefined;
}

export interface AcceptedMessage {
  /** The bot whose token sent it. */
  token: string;
  chatId: number;
  /** The text, or a photo's or document's caption. */
  text: string;
  at: number;
  method: string;
  parseMode: string | null;
  /** The photo's or document's file id. */
  media: string | null;
  /** The inline keyboard sent with it, if any. */
  replyMarkup: unknown;
}

/** The methods that send a message, each counted against the flood limits and recorded. */
const SENDING_METHODS: Record<string, string | null> = {
  sendMessage: null,
  sendPhoto: "photo",
  sendDocument: "document",
};

export interface FloodStats {
  accepted: number;
  rejected429: number;
  /** Of the 429s, how many for the per-chat limit (the rest: the global one). */
  rejected429PerChat: number;
  rejected403: number;
  firstAcceptedAt: number | null;
  lastAcceptedAt: number | null;
  /** Messages accepted more than once for the same chat and text. */
  duplicates: number;
  /** Requests for a bot and chat that came before the `retry_after` of a 429 it was given had passed. */
  retryAfterIgnored: number;
}

class Window {
  private readonly times: number[] = [];
  constructor(
    private readonly limit: number,
    private readonly spanMs: number,
  ) {}
  /** 0 when a message may pass now (and counts it), else ms until it could. */
  take(now: number): number {
    while (this.times.length > 0 && (this.times[0] as number) <= now - this.spanMs) this.times.shift();
    if (this.times.length >= this.limit) return (this.times[0] as number) + this.spanMs - now;
    this.times.push(now);
    return 0;
  }
  peek(now: number): number {
    while (this.times.length > 0 && (this.times[0] as number) <= now - this.spanMs) this.times.shift();
    return this.times.length >= this.limit ? (this.times[0] as number) + this.spanMs - now : 0;
  }
}

/** The bot's token in a request's path (`…/bot<token>/<method>`). */
const tokenOf = (path: string) => /\/bot([^/]+)\/[^/]*$/.exec(path)?.[1] ?? "";

/** Each bot (token) has its own limits, as on Telegram: one bot's sending never slows another's. */
export async function startFloodLimitedBotApi(options: FloodLimitedOptions = {}) {
  const scale = options.scale ?? 1;
  const globals = new Map<string, Window>();
  const globalWindow = (token: string) => {
    let w = globals.get(token);
    if (!w) {
      w = new Window(Math.round((options.globalPerSecond ?? 30) * scale), 1000);
      globals.set(token, w);
    }
    return w;
  };
  const chats = new Map<string, Window>();
  const chatWindow = (token: string, chatId: number) => {
    let w = chats.get(`${token} ${chatId}`);
    if (!w) {
      w = chatId < 0 ? new Window(Math.round(20 * scale), 60_000) : new Window(Math.round(1 * scale), 1000);
      chats.set(`${token} ${chatId}`, w);
    }
    return w;
  };
  /** Per bot and chat, when the last 429's retry_after ends (performance.now() ms). */
  const retryNotBefore = new Map<string, number>();
  const accepted: AcceptedMessage[] = [];
  const seen = new Map<string, number>();
  const stats: FloodStats = {
    accepted: 0,
    rejected429: 0,
    rejected429PerChat: 0,
    rejected403: 0,
    firstAcceptedAt: null,
    lastAcceptedAt: null,
    duplicates: 0,
    retryAfterIgnored: 0,
  };
  const hanging = new Set<ServerResponse>();
  const held: (() => void)[] = [];

  const json = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
  };

  const handle = (req: IncomingMessage, res: ServerResponse, body: string) => {
    const now = performance.now();
    const method = (req.url ?? "").split("/").pop() ?? "";
    if (method === "__stats") return json(res, 200, stats);
    if (method === "__accepted") return json(res, 200, Object.fromEntries(fingerprints(seen)));
    const payload = body && (req.headers["content-type"] ?? "").includes("json") ? JSON.parse(body) : {};
    if (method === "getMe") return json(res, 200, { ok: true, result: botInfo });
    if (!(method in SENDING_METHODS)) return json(res, 200, { ok: true, result: true });
    const mediaField = SENDING_METHODS[method];

    const chatId = Number(payload.chat_id);
    const path = req.url ?? "";
    const token = tokenOf(path);
    if (options.beforeAccept?.(chatId, { path, token }) === "hang") return void hanging.add(res);
    if (now < (retryNotBefore.get(`${token} ${chatId}`) ?? 0)) stats.retryAfterIgnored++;
    if (options.isBlocked?.(chatId)) {
      stats.rejected403++;
      return json(res, 403, { ok: false, error_code: 403, description: "Forbidden: bot was blocked by the user" });
    }
    const global = globalWindow(token);
    const chat = chatWindow(token, chatId);
    const chatWait = chat.peek(now);
    const wait = Math.max(global.peek(now), chatWait);
    if (wait > 0) {
      stats.rejected429++;
      if (chatWait > 0) stats.rejected429PerChat++;
      const retryAfter = Math.max(options.minRetryAfterSeconds ?? 1, Math.ceil(wait / 1000));
      retryNotBefore.set(`${token} ${chatId}`, now + retryAfter * 1000);
      return json(res, 429, {
        ok: false,
        error_code: 429,
        description: `Too Many Requests: retry after ${retryAfter}`,
        parameters: { retry_after: retryAfter },
      });
    }
    global.take(now);
    chat.take(now);
    const text = String(mediaField ? (payload.caption ?? "") : payload.text);
    const key = `${chatId}\u0000${text}`;
    const times = (seen.get(key) ?? 0) + 1;
    seen.set(key, times);
    if (times > 1) stats.duplicates++;
    accepted.push({
      token,
      chatId,
      text,
      at: now,
      method,
      parseMode: payload.parse_mode ?? null,
      media: mediaField ? String(payload[mediaField]) : null,
      replyMarkup: payload.reply_markup ?? null,
    });
    stats.accepted++;
    stats.firstAcceptedAt ??= now;
    stats.lastAcceptedAt = now;
    const answer = {
      ok: true,
      result: {
        message_id: stats.accepted,
        date: Math.floor(Date.now() / 1000),
        chat: { id: chatId, type: "private" },
        text,
      },
    };
    const fate = options.onAccepted?.(stats.accepted, { retired: retired.has(req.socket), path });
    if (fate === "hang") return void hanging.add(res);
    if (fate === "hold") return void held.push(() => json(res, 200, answer));
    json(res, 200, answer);
  };

  // The connections of a process that was killed: a request it wrote before dying may still be read
  // after its death, and is accepted (Telegram would deliver it), but a test can tell it apart.
  const retired = new WeakSet<object>();
  const open = new Set<import("node:net").Socket>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => handle(req, res, Buffer.concat(chunks).toString("utf8")));
  });
  server.keepAliveTimeout = 60_000;
  server.on("connection", (socket) => {
    open.add(socket);
    socket.once("close", () => open.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    apiRoot: `http://127.0.0.1:${port}`,
    port,
    accepted,
    stats,
    /** How many times each (chat, text) was accepted. */
    countsByMessage: () => seen,
    /** Marks every connection open now as a dead process's (see `onAccepted`). */
    retireConnections() {
      for (const socket of open) retired.add(socket);
    },
    /** Answers the requests held so far. */
    release() {
      for (const answerHeld of held.splice(0)) answerHeld();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of hanging) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** (chat, text) counts keyed by chat and a hash of the text, small enough to send over HTTP. */
export function messageFingerprint(chatId: number, text: string): string {
  return `${chatId}:${createHash("sha1").update(text).digest("base64url").slice(0, 16)}`;
}

function fingerprints(seen: Map<string, number>): Map<string, number> {
  const out = new Map<string, number>();
  for (const [key, n] of seen) {
    const [chat, text] = key.split("\u0000") as [string, string];
    out.set(messageFingerprint(Number(chat), text), n);
  }
  return out;
}

export type FloodLimitedBotApi = Awaited<ReturnType<typeof startFloodLimitedBotApi>>;

/** Blocks about 2% of chats, deterministically. */
export const blocksTwoPercent = (chatId: number) => Math.abs(chatId) % 50 === 7;

// Run on its own (the benchmark starts it as a child process so that it does not share the
// dispatcher's event loop): prints its port, serves /__stats.
if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split("/").pop() ?? "\u0000")) {
  const scale = Number(process.env.FAKE_API_SCALE ?? "1");
  const server = await startFloodLimitedBotApi({ scale, isBlocked: blocksTwoPercent });
  process.stdout.write(`${JSON.stringify({ port: server.port })}\n`);
}
