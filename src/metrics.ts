import type { Transformer } from "grammy";
import { Counter, collectDefaultMetrics, Registry } from "prom-client";

/** Prometheus metrics of the bot process, served on /metrics. */
export const metrics = new Registry();
collectDefaultMetrics({ register: metrics });

export const updatesHandled = new Counter({
  name: "tindung_updates_handled_total",
  help: "Telegram updates handled",
  registers: [metrics],
});

export const handlerErrors = new Counter({
  name: "tindung_handler_errors_total",
  help: "Updates whose handling failed",
  registers: [metrics],
});

export const apiCalls = new Counter({
  name: "tindung_telegram_api_calls_total",
  help: "Outgoing Telegram Bot API calls by method and result",
  labelNames: ["method", "result"] as const,
  registers: [metrics],
});

/** A grammY API transformer counting every outgoing call by method and result. */
export const countApiCalls: Transformer = async (prev, method, payload, signal) => {
  try {
    const result = await prev(method, payload, signal);
    apiCalls.inc({ method, result: result.ok ? "ok" : String(result.error_code) });
    return result;
  } catch (error) {
    apiCalls.inc({ method, result: "network-error" });
    throw error;
  }
};

export const receiptsUnmatched = new Counter({
  name: "tindung_receipts_unmatched_total",
  help: "Delivery receipts for a message id no sent message carries (ignored), by channel",
  labelNames: ["channel"] as const,
  registers: [metrics],
});

export const deliveriesTotal = new Counter({
  name: "tindung_deliveries_total",
  help: "Outbox deliveries settled, by kind and outcome (sent, retry, failed, unreachable, uncertain, expired, skipped)",
  labelNames: ["kind", "outcome"] as const,
  registers: [metrics],
});
