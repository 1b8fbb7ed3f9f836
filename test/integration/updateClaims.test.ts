import mongoose from "mongoose";
import { describe, expect, it } from "vitest";
import { UpdateClaimModel } from "../../src/data/models/index.js";
import { claimUpdate, finishUpdate, forgetUpdateClaims } from "../../src/data/updateClaims.js";
import { useTestDatabase } from "../support/database.js";

useTestDatabase();
const at = (iso: string) => new Date(iso);

describe("webhook update claims (several replicas behind a load balancer)", () => {
  it("writes with majority write concern and retryable writes (a step-down loses no acknowledged claim)", () => {
    const { writeConcern, retryWrites } = mongoose.connection.getClient().options;
    expect(writeConcern?.w).toBe("majority");
    expect(retryWrites).toBe(true);
  });

  it("lets one replica take an update, tells another it is busy, then done once handled", async () => {
    const now = at("2026-12-17T03:00:00Z");
    expect(await claimUpdate(1, "replica-1", now, 120_000)).toBe("mine");
    expect(await claimUpdate(1, "replica-2", now, 120_000)).toBe("busy");
    await finishUpdate(1);
    expect(await claimUpdate(1, "replica-2", at("2026-12-17T04:00:00Z"), 120_000)).toBe("done");
  });

  it("gives an update whose replica died to exactly one of those that try after the lease", async () => {
    expect(await claimUpdate(2, "dead", at("2026-12-17T03:00:00Z"), 120_000)).toBe("mine");
    const later = at("2026-12-17T03:02:01Z");
    const tries = await Promise.all(["r1", "r2", "r3", "r4"].map((r) => claimUpdate(2, r, later, 120_000)));
    expect(tries.filter((t) => t === "mine")).toHaveLength(1);
    expect(tries.filter((t) => t === "busy")).toHaveLength(3);
    const claim = await UpdateClaimModel.findById(2).lean();
    expect(["r1", "r2", "r3", "r4"]).toContain(claim?.holder);
  });

  it("gives the same update to each of many replicas racing for it exactly once", async () => {
    const now = at("2026-12-17T03:00:00Z");
    const tries = await Promise.all(Array.from({ length: 8 }, (_, i) => claimUpdate(3, `r${i}`, now, 120_000)));
    expect(tries.filter((t) => t === "mine")).toHaveLength(1);
  });

  it("forgets claims older than the cut-off and keeps the rest", async () => {
    await claimUpdate(4, "r", at("2026-12-10T00:00:00Z"), 120_000);
    const removed = await forgetUpdateClaims(at("2026-12-15T00:00:00Z"));
    expect(removed).toBe(1);
    expect(await UpdateClaimModel.exists({ _id: 4 })).toBeNull();
    expect(await UpdateClaimModel.exists({ _id: 1 })).not.toBeNull();
  });
});
