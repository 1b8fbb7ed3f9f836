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
