import mongoose from "mongoose";
import { describe, expect, it } from "vitest";
import { UpdateClaimModel, UpdateLeaseModel } from "../../src/data/models/index.js";
import {
  claimUpdate,
  finishUpdate,
  forgetUpdateClaims,
  parkedUpdates,
  parkUpdate,
  renewUpdateClaim,
} from "../../src/data/updateClaims.js";
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
    // Twenty races: FerretDB once let two takers win one (a conditional update is a read then a write there).
    for (let id = 100; id < 120; id++) {
      expect(await claimUpdate(id, "dead", at("2026-12-17T03:00:00Z"), 120_000)).toBe("mine");
      const later = at("2026-12-17T03:02:01Z");
      const tries = await Promise.all(["r1", "r2", "r3", "r4"].map((r) => claimUpdate(id, r, later, 120_000)));
      expect(tries.filter((t) => t === "mine")).toHaveLength(1);
      const winner = ["r1", "r2", "r3", "r4"][tries.indexOf("mine")];
      expect((await UpdateClaimModel.findById(String(id)).lean())?.holder).toBe(winner);
    }
    // The winner dies too: the next generation goes to one taker again.
    const evenLater = at("2026-12-17T03:04:02Z");
    const again = await Promise.all(["s1", "s2", "s3"].map((r) => claimUpdate(100, r, evenLater, 120_000)));
    expect(again.filter((t) => t === "mine")).toHaveLength(1);
  });

  it("does not let a taker that died between its marker and its claim block the update for good", async () => {
    expect(await claimUpdate(200, "dead", at("2026-12-17T03:00:00Z"), 2_000)).toBe("mine");
    // The next taker wrote its generation's marker and was killed before it updated the claim.
    await UpdateClaimModel.create({
      _id: "200@1",
      holder: "killed-taker",
      leaseUntil: at("2026-12-17T03:00:05Z"),
      done: true,
      generation: 1,
      at: at("2026-12-17T03:00:03Z"),
    });
    // While that taker's lease lasts the update is busy; after it, the next replica takes it.
    expect(await claimUpdate(200, "r1", at("2026-12-17T03:00:04Z"), 2_000)).toBe("busy");
    expect(await claimUpdate(200, "r2", at("2026-12-17T03:00:06Z"), 2_000)).toBe("mine");
    expect((await UpdateClaimModel.findById("200").lean())?.holder).toBe("r2");
    expect(await claimUpdate(200, "r3", at("2026-12-17T03:00:06Z"), 2_000)).toBe("busy");
  });

  it("keeps a live handler's update its own while it renews, and a renewal racing the finish never undoes it", async () => {
    const now = at("2026-12-17T03:00:00Z");
    const later = at("2026-12-17T03:00:03Z");
    expect(await claimUpdate(300, "alive", now, 2_000)).toBe("mine");
    await renewUpdateClaim(300, "alive", at("2026-12-17T03:00:04Z"), now);
    expect(await claimUpdate(300, "r1", later, 2_000)).toBe("busy");
    // Seen under load: the done written beside a renewal was lost (FerretDB writes a whole document).
    for (let id = 301; id < 331; id++) {
      expect(await claimUpdate(id, "alive", now, 2_000)).toBe("mine");
      const renewals = [1, 2, 3].map(() => renewUpdateClaim(id, "alive", at("2026-12-17T03:00:04Z"), now));
      await Promise.all([...renewals, finishUpdate(id)]);
      expect(await claimUpdate(id, "r1", at("2026-12-17T03:00:05Z"), 2_000), `update ${id}`).toBe("done");
    }
  });

  it("gives the same update to each of many replicas racing for it exactly once", async () => {
    const now = at("2026-12-17T03:00:00Z");
    const tries = await Promise.all(Array.from({ length: 8 }, (_, i) => claimUpdate(3, `r${i}`, now, 120_000)));
    expect(tries.filter((t) => t === "mine")).toHaveLength(1);
  });

  it("forgets claims, leases and parked updates older than the cut-off and keeps the rest", async () => {
    for (const [id, day] of [
      [4, "2026-12-10T00:00:00Z"],
      [5, "2026-12-16T00:00:00Z"],
    ] as const) {
      await claimUpdate(id, "r", at(day), 120_000);
      await renewUpdateClaim(id, "r", at(day), at(day));
      await parkUpdate(id, { update_id: id }, at(day));
    }
    const removed = await forgetUpdateClaims(at("2026-12-15T00:00:00Z"));
    expect(removed).toBe(1);
    expect(await UpdateClaimModel.exists({ _id: "4" })).toBeNull();
    expect(await UpdateClaimModel.exists({ _id: "5" })).not.toBeNull();
    expect(await UpdateLeaseModel.exists({ _id: "4/r" })).toBeNull();
    expect(await UpdateLeaseModel.exists({ _id: "5/r" })).not.toBeNull();
    expect((await parkedUpdates(10)).map((p) => p.updateId)).toEqual([5]);
  });
});
