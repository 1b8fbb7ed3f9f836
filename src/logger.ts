import { pino } from "pino";

/**
 * Structured logs. Personal data must never be passed to the logger; the redact list is a safety net
 * for field names that would carry it, not a licence to log whole documents.
 */
export const logger = pino({
  level: process.env.LOG_LEVEL ?? "info",
  base: { service: "tindung-bot" },
  redact: {
    paths: [
      "*.fullName",
      "*.name",
      "*.phone",
      "*.phones",
      "*.nationalId",
      "*.nationalIdHash",
      "*.balance",
      "*.outstandingPrincipal",
      "*.first_name",
      "*.last_name",
      "*.username",
      "*.phone_number",
    ],
    censor: "[redacted]",
  },
});

export type Logger = typeof logger;

/**
 * What may be logged of an error: its kind, message and Telegram error code. Never the whole
 * object: a grammY error carries the request payload (message text with names and amounts).
 */
export function safeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { type: typeof error };
  const e = error as Error & { error_code?: number; method?: string; code?: unknown };
  return {
    type: e.name,
    message: e.message.slice(0, 300),
    ...(e.error_code !== undefined ? { errorCode: e.error_code } : {}),
    ...(e.method !== undefined ? { method: e.method } : {}),
    ...(typeof e.code === "string" || typeof e.code === "number" ? { code: e.code } : {}),
    stack: e.stack?.split("\n").slice(1, 6).join("\n"),
  };
}
