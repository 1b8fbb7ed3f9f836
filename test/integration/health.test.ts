import type { AddressInfo } from "node:net";
import mongoose from "mongoose";
import { afterAll, describe, expect, inject, it } from "vitest";
import { databaseReachable } from "../../src/data/availability.js";
import { startHttpServer } from "../../src/http/server.js";
import { useTestDatabase } from "../support/database.js";
import { startWireProxy } from "../support/wireProxy.js";

const database = useTestDatabase();

describe("health endpoints", async () => {
  // Readiness as the bot computes it, on a connection that reaches the test database only through a
  // proxy: closing the proxy is the database going away, as far as this connection can tell.
  const upstreamPort = Number(/:(\d+)\//.exec(inject("mongoUri"))?.[1]);
  const proxy = await startWireProxy(upstreamPort);
  const connection = await mongoose
    .createConnection(`mongodb://127.0.0.1:${proxy.port}/${database.name}`, { serverSelectionTimeoutMS: 1_000 })
    .asPromise();
  const server = await startHttpServer(0, { isReady: () => databaseReachable(connection, 500) });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  afterAll(async () => {
    server.close();
    await connection.close(true);
  });

  it("answers /healthz and reports readiness from the database: 503 once it is stopped", async () => {
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
    await proxy.close();
    expect((await fetch(`${base}/readyz`)).status).toBe(503);
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    expect((await fetch(`${base}/nope`)).status).toBe(404);
    const metricsText = await (await fetch(`${base}/metrics`)).text();
    expect(metricsText).toContain("tindung_updates_handled_total");
    expect(metricsText).toContain("tindung_telegram_api_calls_total");
  });
});
