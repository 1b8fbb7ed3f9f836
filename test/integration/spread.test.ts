import { describe, expect, it } from "vitest";
import { ProcessModel } from "../../src/data/models/index.js";
import { ProcessRegistry, preferredProcess } from "../../src/delivery/spread.js";
import { logger } from "../../src/logger.js";
import { useTestDatabase } from "../support/database.js";

useTestDatabase();
const BRANCHES = Array.from({ length: 34 }, (_, i) => `B${String(i + 1).padStart(2, "0")}`);

describe("spreading the branches' sending over processes", () => {
  it("gives each branch exactly one first-in-line process, evenly, and moves only a dead one's share", () => {
    const three = ["p1", "p2", "p3"];
    const owners = BRANCHES.map((b) => preferredProcess(three, b));
    const share = (p: string) => owners.filter((o) => o === p).length;
    for (const p of three) expect(share(p)).toBeGreaterThanOrEqual(6); // 34 / 3 ≈ 11 each
    const afterP3Died = BRANCHES.map((b) => preferredProcess(["p1", "p2"], b));
    BRANCHES.forEach((_, i) => {
      if (owners[i] !== "p3") expect(afterP3Died[i]).toBe(owners[i]);
      else expect(["p1", "p2"]).toContain(afterP3Died[i]);
    });
    expect(preferredProcess([], "B01")).toBeNull();
  });

  it("sees the other processes by their heartbeats, and takes a silent one's branches after it falls silent", async () => {
    let now = new Date("2026-12-17T03:00:00Z");
    const clock = () => now;
    const a = new ProcessRegistry({ log: logger, now: clock, aliveMs: 20_000 });
    const b = new ProcessRegistry({ log: logger, now: clock, aliveMs: 20_000 });
    await a.refresh();
    await b.refresh();
    await a.refresh();
    const firstA = BRANCHES.filter((x) => a.isPreferred(x));
    const firstB = BRANCHES.filter((x) => b.isPreferred(x));
    expect(firstA.length + firstB.length).toBe(BRANCHES.length);
    expect(firstA.filter((x) => firstB.includes(x))).toEqual([]);
    expect(firstA.length).toBeGreaterThan(0);
    expect(firstB.length).toBeGreaterThan(0);
    // b stops beating (killed): 21 s later a is first in line everywhere.
    now = new Date(now.getTime() + 21_000);
    await a.refresh();
    expect(BRANCHES.every((x) => a.isPreferred(x))).toBe(true);
    await a.stop();
    expect(await ProcessModel.exists({ _id: a.id })).toBeNull();
  });
});
