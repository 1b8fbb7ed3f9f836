import type { AddressInfo } from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { pingDatabase } from "../../src/data/connection.js";
import { startHttpServer } from "../../src/http/server.js";
import { useTestDatabase } from "../support/database.js";

useTestDatabase();

describe("health endpoints", async () => {
  let dbUp = true;
  const server = await startHttpServer(0, { isReady: async () => dbUp && (await pingDatabase()) });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  afterAll(() => server.close());

  it("answers /healthz and reports readiness from the database", async () => {
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
    dbUp = false;
    expect((await fetch(`${base}/readyz`)).status).toBe(503);
    expect((await fetch(`${base}/nope`)).status).toBe(404);
    const metricsText = await (await fetch(`${base}/metrics`)).text();
    expect(metricsText).toContain("tindung_updates_handled_total");
    expect(metricsText).toContain("tindung_telegram_api_calls_total");
  });
});
