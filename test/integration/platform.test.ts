import { describe, expect, it } from "vitest";
import type { SessionData } from "../../src/bot/context.js";
import { LockHeldError, withLock } from "../../src/data/lock.js";
import {
  AuditLogModel,
  CommuneModel,
  LockModel,
  OverdueSnapshotModel,
  SessionModel,
} from "../../src/data/models/index.js";
import { mongoSessionStorage } from "../../src/data/sessions.js";
import { recordOverdueSnapshot } from "../../src/features/stats/computeStats.js";
import { useTestDatabase } from "../support/database.js";

useTestDatabase();

describe("named locks", () => {
  it("lets only one holder in at a time and frees the lock afterwards", async () => {
    let inside = 0;
    const result = await withLock("job", 60_000, async () => {
      inside++;
      await expect(withLock("job", 60_000, async () => inside++)).rejects.toBeInstanceOf(LockHeldError);
      return "done";
    });
    expect(result).toBe("done");
    expect(inside).toBe(1);
    await expect(withLock("job", 60_000, async () => "again")).resolves.toBe("again");
  });

  it("gives a lease whose holder died to exactly one of several takers racing for it", async () => {
    // FerretDB applies a conditional update as a read then a write: two takers used to win 19 races of 20.
    for (let round = 0; round < 20; round++) {
      const name = `race-${round}`;
      // A holder that died: its lease is still there, run out.
      await LockModel.create({ _id: name, holder: "dead", expiresAt: new Date(Date.now() - 1_000) });
      let got = 0;
      let refused = 0;
      let open: () => void = () => undefined;
      const gate = new Promise<void>((resolve) => (open = resolve));
      const decided = () => (got + refused === 4 ? open() : undefined);
      const taker = () =>
        withLock(name, 60_000, async () => {
          got++;
          decided();
          await gate; // holds the lease until every taker has been let in or refused
        }).catch((error) => {
          if (!(error instanceof LockHeldError)) throw error;
          refused++;
          decided();
        });
      await Promise.all([taker(), taker(), taker(), taker()]);
      expect(got).toBe(1);
    }
  });

  it("writes a renewal only once a tenth of the lease has gone, and still finds a lease lost after it ran out", async () => {
    const expiry = async () => (await LockModel.findById("renewed").lean())?.expiresAt.getTime();
    const waitFor = async (ms: number) => {
      const until = Date.now() + ms;
      while (Date.now() <= until) await new Promise((resolve) => setTimeout(resolve, 5));
    };
    await withLock("renewed", 60_000, async (renew) => {
      const taken = await expiry();
      for (let i = 0; i < 5; i++) await renew();
      expect(await expiry()).toBe(taken);
    });
    // A lease of 200 ms: renewed after 20 ms it is written; run out and taken by another, renewing fails.
    await withLock("renewed", 200, async (renew) => {
      const taken = await expiry();
      await waitFor(25);
      await renew();
      expect(taken).toBeDefined();
      expect(await expiry()).toBeGreaterThan(taken as number);
      await waitFor(200);
      await expect(withLock("renewed", 60_000, async () => "taken")).resolves.toBe("taken");
      await LockModel.updateOne({ _id: "renewed" }, { $set: { expiresAt: new Date(Date.now() + 60_000) } });
      await expect(renew()).rejects.toBeInstanceOf(LockHeldError);
    });
  });

  it("takes over a lease whose holder died", async () => {
    await expect(withLock("stale", -1, async () => withLock("stale", 60_000, async () => "taken over"))).resolves.toBe(
      "taken over",
    );
  });
});

describe("named locks taken over", () => {
  it("steps over the marker of a taker killed before it updated the lease, and only once its lease is over", async () => {
    // A lease run out, and a taker that inserted its generation's marker and died before writing the lease.
    await LockModel.create({ _id: "dead-taker", holder: "first", expiresAt: new Date(0), generation: 3 });
    const dying = { _id: "dead-taker@4", holder: "killed", generation: 4 };
    await LockModel.create({ ...dying, expiresAt: new Date(Date.now() + 60_000) });
    // While the dead taker's lease would still run, nobody takes it (it may be alive and about to).
    await expect(withLock("dead-taker", 60_000, async () => "early")).rejects.toBeInstanceOf(LockHeldError);
    await LockModel.updateOne({ _id: dying._id }, { $set: { expiresAt: new Date(0) } });
    await expect(withLock("dead-taker", 60_000, async () => "taken")).resolves.toBe("taken");
    expect((await LockModel.findById("dead-taker").lean())?.generation).toBe(5);
    await expect(withLock("dead-taker", 60_000, async () => "again")).resolves.toBe("again");
  });
});

describe("audit log", () => {
  it("accepts new entries and refuses edits and deletions", async () => {
    const entry = await AuditLogModel.create({ actor: { kind: "cli", id: "t" }, action: "test", counts: { n: 1 } });
    await expect(AuditLogModel.updateOne({ _id: entry._id }, { $set: { action: "changed" } })).rejects.toThrow(
      /append-only/,
    );
    await expect(AuditLogModel.deleteMany({})).rejects.toThrow(/append-only/);
    entry.action = "changed";
    await expect(entry.save()).rejects.toThrow(/append-only/);
    expect((await AuditLogModel.findById(entry._id).lean())?.action).toBe("test");
  });
});

describe("session storage", () => {
  it("writes a session back only when the update changed it", async () => {
    const key = "9001:9001";
    await mongoSessionStorage.write(key, { __language_code: "vi" });
    const stored = async () => SessionModel.findById(key).lean();
    await SessionModel.updateOne({ _id: key }, { $set: { updatedAt: new Date(0) } });

    const unchanged = (await mongoSessionStorage.read(key)) as SessionData;
    expect(unchanged).toEqual({ __language_code: "vi" });
    await mongoSessionStorage.write(key, unchanged);
    expect((await stored())?.updatedAt).toEqual(new Date(0));

    const changed = (await mongoSessionStorage.read(key)) as SessionData;
    changed.__language_code = "en";
    await mongoSessionStorage.write(key, changed);
    const after = await stored();
    expect(after?.value).toEqual({ __language_code: "en" });
    expect(after?.updatedAt.getTime()).toBeGreaterThan(0);
  });
});

describe("overdue snapshots", () => {
  it("are rewritten for 150 communes in the same week (FerretDB v1 hangs on 100 updates in one command)", async () => {
    await CommuneModel.insertMany(
      Array.from({ length: 150 }, (_, i) => ({
        _id: `SNAP${String(i).padStart(3, "0")}`,
        name: `Xã ${i}`,
        officeCode: "PGD001",
        officeName: "PGD",
        transactionPoint: { place: "UBND xã", day: 10, hours: "7:30–11:00" },
        importHash: "test",
      })),
    );
    await recordOverdueSnapshot("2026-11-27", new Date("2026-11-27T03:00:00Z"));
    await recordOverdueSnapshot("2026-11-28", new Date("2026-11-28T03:00:00Z"));
    const week = await OverdueSnapshotModel.find({ communeCode: /^SNAP/ }).lean();
    expect(week).toHaveLength(150);
    expect(new Set(week.map((s) => s.takenAt.toISOString()))).toEqual(new Set(["2026-11-28T03:00:00.000Z"]));
  }, 20_000);
});
