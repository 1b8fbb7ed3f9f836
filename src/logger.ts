import { type DestinationStream, pino } from "pino";

/** Keys whose values are personal data, wherever they appear in a logged object (any depth, any case). */
const PERSONAL_KEYS = new Set(
  [
    "fullName",
    "name",
    "phone",
    "phones",
    "nationalId",
    "nationalIdHash",
    "balance",
    "outstandingPrincipal",
    "first_name",
    "last_name",
    "username",
    "phone_number",
  ].map((key) => key.toLowerCase()),
);
const CENSOR = "[redacted]";
/** Deeper than any object this code logs; below it, everything is censored rather than walked. */
const MAX_DEPTH = 8;

/** A copy of `value` with every personal key's value censored, at any depth, in arrays too. */
export function redactPersonal(value: unknown, depth = 0): unknown {
  if (value === null || typeof value !== "object" || value instanceof Date) return value;
  if (depth >= MAX_DEPTH) return CENSOR;
  if (Array.isArray(value)) return value.map((v) => redactPersonal(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    out[key] = PERSONAL_KEYS.has(key.toLowerCase()) ? CENSOR : redactPersonal(v, depth + 1);
  }
  return out;
}

/**
 * Structured logs to `destination` (stdout by default). Personal data must never be passed to the
 * logger; redaction of the keys that would carry it, at any depth and in child bindings too, is a
 * safety net, not a licence to log whole documents.
 */
export function createLogger(destination?: DestinationStream) {
  const log = pino(
    {
      level: process.env.LOG_LEVEL ?? "info",
      base: { service: "tindung-bot" },
      formatters: { log: (object) => redactPersonal(object) as Record<string, unknown> },
    },
    destination,
  );
  // pino applies no formatter to a child's bindings: they are redacted on the way in. Children are
  // made from their parent's prototype, so every descendant inherits this.
  const pinoChild = log.child;
  log.child = function (this: typeof log, bindings, options) {
    return pinoChild.call(this, redactPersonal(bindings) as typeof bindings, options);
  } as typeof log.child;
  return log;
}

export const logger = createLogger();

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
