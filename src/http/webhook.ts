import { timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Bot, Context } from "grammy";
import type { Update } from "grammy/types";
import type { Logger } from "../logger.js";
import { ClaimedUpdates, type UpdateClaims } from "./claimedUpdates.js";

export interface WebhookOptions {
  /** Telegram sends it in X-Telegram-Bot-Api-Secret-Token; requests without it get 401. */
  secret: string;
  /** Updates are small; anything larger is refused with 413 before it is read. */
  maxBodyBytes?: number;
  /**
   * Telegram is answered by then whatever the handler does (it sends a chat's next update only after
   * the answer); longer work goes on and replies itself, its update parked until it ends.
   */
  answerWithinMs?: number;
  /** False while the database is unreachable: 503, so that Telegram keeps the update and retries. */
  isAvailable: () => boolean;
  log: Logger;
  /**
   * Several replicas behind a load balancer: an update is handled by the one that claims it (data/updateClaims).
   * Already handled: 200 at once. In another replica's hands: 503, so that Telegram sends it again later.
   */
  claims: UpdateClaims;
}

export interface Webhook {
  handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
  /** Takes over parked updates whose replica died (call every lease or so); how many it took. */
  sweep(): Promise<number>;
  /** Stops renewing this replica's claims and sweeping (see ClaimedUpdates.close). */
  close(): void;
}

const DEFAULT_MAX_BODY = 1024 * 1024;
const DEFAULT_ANSWER_WITHIN_MS = 5_000;

function sameSecret(given: string | string[] | undefined, expected: string): boolean {
  if (typeof given !== "string") return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The body, or null once it passed the limit (the rest is drained, not kept). */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooBig = false;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) tooBig = true;
      if (!tooBig) chunks.push(chunk);
    });
    req.on("end", () => resolve(tooBig ? null : Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

function answer(res: ServerResponse, status: number, text: string): void {
  if (!res.headersSent) res.writeHead(status, { "content-type": "text/plain" }).end(`${text}\n`);
}

/** The update in the body, or the status to answer instead. */
async function readUpdate(req: IncomingMessage, maxBody: number): Promise<Update | number> {
  if (Number(req.headers["content-length"] ?? 0) > maxBody) {
    req.resume();
    return 413;
  }
  const body = await readBody(req, maxBody).catch(() => null);
  if (body === null) return 413;
  let update: Update;
  try {
    update = JSON.parse(body.toString("utf8"));
  } catch {
    return 400;
  }
  if (typeof update !== "object" || update === null || !Number.isSafeInteger(update.update_id)) return 400;
  return update;
}

const STATUS_TEXT: Record<number, string> = { 400: "bad request", 413: "too large" };

/**
 * The webhook endpoint. Unlike grammY's adapter it never lets a handler's failure or slowness reach
 * the HTTP layer: the update is handled in the background (errors go to the bot's error handler),
 * Telegram is answered within `answerWithinMs`, oversized bodies get 413, unreadable ones 400, and
 * nothing of a body is ever echoed or logged. An update whose handler is still running then is
 * parked before the 200, so that a replica dying with it in hand loses nothing: another takes it
 * over from the parked copy (ClaimedUpdates). If it cannot be parked, Telegram gets 503 and sends
 * it again, to find it busy while the handler lives, done after.
 */
export function createWebhook<C extends Context>(bot: Bot<C>, options: WebhookOptions): Webhook {
  const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY;
  const within = options.answerWithinMs ?? DEFAULT_ANSWER_WITHIN_MS;
  const { claims } = options;
  const updates = new ClaimedUpdates(bot, claims, options.log);
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (!sameSecret(req.headers["x-telegram-bot-api-secret-token"], options.secret)) {
      req.resume();
      return answer(res, 401, "unauthorized");
    }
    if (!options.isAvailable()) {
      req.resume();
      return answer(res, 503, "unavailable");
    }
    const update = await readUpdate(req, maxBody);
    if (typeof update === "number") return answer(res, update, STATUS_TEXT[update] ?? "bad request");
    const claim = await claims.claim(update.update_id).catch(() => "busy" as const);
    if (claim === "done") return answer(res, 200, "ok");
    if (claim === "busy") return answer(res, 503, "unavailable");
    const running = updates.run(update);
    let timer: NodeJS.Timeout | undefined;
    const ended = await Promise.race([
      running.done.then(() => true),
      new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), within))),
    ]);
    clearTimeout(timer);
    if (!ended) {
      const parked = await claims.park(update).then(
        () => true,
        () => false,
      );
      if (!parked) return answer(res, 503, "unavailable");
      running.markParked();
    }
    answer(res, 200, "ok");
  };
  return { handle, sweep: () => updates.sweep(), close: () => updates.close() };
}
