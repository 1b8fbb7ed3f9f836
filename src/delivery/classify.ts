import { GrammyError, HttpError } from "grammy";

/**
 * What a failed send means for the delivery:
 * - retry: Telegram certainly did not take it (429, 5xx, connection never made); try again later;
 * - unreachable: the chat is gone for us (blocked, deleted, never started); stop writing to it;
 * - failed: Telegram refused this message (e.g. a malformed text); retrying would not help;
 * - uncertain: the request may have reached Telegram (timeout, connection reset); not sent again.
 */
export type SendFailure =
  | { outcome: "retry"; reason: string; retryAfterMs?: number }
  | { outcome: "unreachable" | "failed" | "uncertain"; reason: string };

const UNREACHABLE_400 =
  /chat not found|user not found|user is deactivated|peer_id_invalid|bot can't initiate|have no rights to send|bot was kicked|not enough rights/i;

/** Errors raised before any byte of the request left this machine. */
const NEVER_SENT_CODES = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "ENETUNREACH", "EHOSTUNREACH"]);

function networkCode(error: unknown): string | undefined {
  for (let e = error as { code?: unknown; cause?: unknown; error?: unknown } | undefined, i = 0; e && i < 5; i++) {
    if (typeof e.code === "string") return e.code;
    e = (e.cause ?? e.error) as typeof e;
  }
  return undefined;
}

export function classifySendError(error: unknown): SendFailure {
  if (error instanceof GrammyError) {
    const code = error.error_code;
    if (code === 429) {
      const seconds = error.parameters.retry_after ?? 1;
      return { outcome: "retry", reason: "429", retryAfterMs: seconds * 1000 };
    }
    if (code === 403) return { outcome: "unreachable", reason: "403" };
    if (code === 400 && UNREACHABLE_400.test(error.description)) return { outcome: "unreachable", reason: "400" };
    if (code >= 500) return { outcome: "retry", reason: String(code) };
    return { outcome: "failed", reason: String(code) };
  }
  if (error instanceof HttpError) {
    const code = networkCode(error.error);
    if (code && NEVER_SENT_CODES.has(code)) return { outcome: "retry", reason: code };
    return { outcome: "uncertain", reason: code ?? "network" };
  }
  return { outcome: "uncertain", reason: "unexpected" };
}
