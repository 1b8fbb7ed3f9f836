import { timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Bot, Context } from "grammy";
import type { Update } from "grammy/types";
import { type Logger, safeError } from "../logger.js";

export interface WebhookOptions {
  /** Telegram sends it in X-Telegram-Bot-Api-Secret-Token; requests without it get 401. */
  secret: string;
  /** Updates are small; anything larger is refused with 413 before it is read. */
  maxBodyBytes?: number;
  /** Telegram is answered by then whatever the handler does; longer work goes on and replies itself. */
  answerWithinMs?: number;
  /** False while the database is unreachable: 503, so that Telegram keeps the update and retries. */
  isAvailable: () => boolean;
  log: Logger;
  /**
   * Several replicas behind a load balancer: an update is handled by the one that claims it (data/updateClaims).
   * Already handled: 200 at once. In another replica's hands: 503, so that Telegram sends it again later.
   */
  claims?: { claim(updateId: number): Promise<"mine" | "done" | "busy">; finish(updateId: number): Promise<void> };
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

/**
 * The webhook endpoint. Unlike grammY's adapter it never lets a handler's failure or slowness reach
 * the HTTP layer: the update is handled in the background (errors go to the bot's error handler),
 * Telegram is answered within `answerWithinMs`, oversized bodies get 413, unreadable ones 400, and
 * nothing of a body is ever echoed or logged.
 */
export function createWebhookHandler<C extends Context>(bot: Bot<C>, options: WebhookOptions) {
  const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY;
  const within = options.answerWithinMs ?? DEFAULT_ANSWER_WITHIN_MS;
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (!sameSecret(req.headers["x-telegram-bot-api-secret-token"], options.secret)) {
      req.resume();
      return answer(res, 401, "unauthorized");
    }
    if (!options.isAvailable()) {
      req.resume();
      return answer(res, 503, "unavailable");
    }
    if (Number(req.headers["content-length"] ?? 0) > maxBody) {
      req.resume();
      return answer(res, 413, "too large");
    }
    const body = await readBody(req, maxBody).catch(() => null);
    if (body === null) return answer(res, 413, "too large");
    let update: Update;
    try {
      update = JSON.parse(body.toString("utf8"));
    } catch {
      return answer(res, 400, "bad request");
    }
    if (typeof update !== "object" || update === null || !Number.isSafeInteger(update.update_id)) {
      return answer(res, 400, "bad request");
    }
    const claim = options.claims ? await options.claims.claim(update.update_id).catch(() => "busy" as const) : "mine";
    if (claim === "done") return answer(res, 200, "ok");
    if (claim === "busy") return answer(res, 503, "unavailable");
    const handled = bot
      .handleUpdate(update)
      .catch((error) => bot.errorHandler(error))
      .then(() => options.claims?.finish(update.update_id))
      .catch((error) => options.log.error({ err: safeError(error) }, "webhook update failed"));
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([handled, new Promise((resolve) => (timer = setTimeout(resolve, within)))]);
    clearTimeout(timer);
    answer(res, 200, "ok");
  };
}
