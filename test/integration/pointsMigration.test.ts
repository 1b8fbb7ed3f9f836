/**
 * Issue 24: data stored before transaction points were records of their own (a commune holding its
 * one point, groups without a point) is migrated: nothing lost, the same bank file imported again
 * changes nothing, a second run does nothing, and a migration killed half-way is finished by the next.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { runMigrations } from "../../src/data/migrations/index.js";
import { GroupModel, LockModel, MigrationModel } from "../../src/data/models/index.js";
import { importFile } from "../../src/import/run.js";
import { TEST_ID_SECRET, useTestDatabase } from "../support/database.js";
import { type Row, seedRows, useTempDir, writeRows } from "../support/files.js";
import { ageToOldShape, oldStyleRows, structureSnapshot } from "../support/oldBook.js";
import { cliArgs, exited } from "../support/process.js";
import { startWireProxy, type WireProxy } from "../support/wireProxy.js";

const database = useTestDatabase();
const file = useTempDir();
const root = new URL("../../", import.meta.url).pathname;
const importOf = (path: string) =>
  importFile(path, { actor: { kind: "cli", id: "test" }, idHashSecret: TEST_ID_SECRET });

let rows: Row[] = [];
let migrated: Awaited<ReturnType<typeof structureSnapshot>>;

beforeAll(async () => {
  // More than 50 groups: the migration gives groups their point in commands of 50, so a kill can land
  // between two of them.
  rows = oldStyleRows(seedRows(2_600, 24));
  const report = await importOf(await writeRows(file("old.csv"), rows));
  expect(report.outcome).toBe("applied");
  migrated = await structureSnapshot();
  expect(migrated.groups.length).toBeGreaterThan(50);
}, 120_000);

describe("migrating communes that held their one point", () => {
  it("turns each commune's point into a point record, gives its groups that point, and loses nothing", async () => {
    await ageToOldShape();
    const old = await structureSnapshot();
    expect(old.points).toEqual([]);
    expect(old.communes.every((c) => c.transactionPoint)).toBe(true);
    expect(old.groups.every((g) => g.pointCode === undefined)).toBe(true);

    const done = await runMigrations();
    expect(done["transaction-points"]).toEqual({
      pointsCreated: migrated.points.length,
      groupsGivenPoint: migrated.groups.length,
      communesCleared: migrated.communes.length,
    });
    expect(await structureSnapshot()).toEqual(migrated);
    expect(await MigrationModel.findById("transaction-points").lean()).toMatchObject({
      counts: { pointsCreated: migrated.points.length },
    });
  });

  it("does nothing the second time, and the same bank file imported again changes nothing", async () => {
    expect(await runMigrations()).toEqual({});
    const again = await importOf(await writeRows(file("old-again.csv"), rows));
    expect(again.outcome).toBe("unchanged");
    for (const entity of ["communes", "points", "groups", "households", "loans"] as const) {
      expect(again.counts?.[entity].updated, entity).toBe(0);
      expect(again.counts?.[entity].created, entity).toBe(0);
    }
  });
});

describe("a migration killed half-way", () => {
  let proxy: WireProxy;
  beforeAll(async () => {
    proxy = await startWireProxy(Number(/:(\d+)\//.exec(inject("mongoUri"))?.[1]));
  });
  afterAll(async () => proxy?.close());

  /** `npm run migrate`, through the proxy, killed once its first write of groups is answered and the next held. */
  async function killAfterFirstGroupWrite(): Promise<{ killed: boolean }> {
    let first: number | null = null;
    let answered = false;
    let held = false;
    let child: ChildProcess | undefined;
    const killWhenReady = () => {
      if (answered && held) child?.kill("SIGKILL");
    };
    proxy.setHooks({
      onRequest: (request) => {
        if (request.collection !== "groups" || request.command !== "update") return "forward";
        if (first === null) {
          first = request.requestId;
          return "forward";
        }
        held = true;
        killWhenReady();
        return "hold";
      },
      onReply: (responseTo) => {
        if (responseTo !== first) return;
        answered = true;
        killWhenReady();
      },
    });
    child = spawn(process.execPath, cliArgs("migrate"), {
      cwd: root,
      env: {
        ...process.env,
        MONGODB_URI: `mongodb://127.0.0.1:${proxy.port}/${database.name}`,
        ID_HASH_SECRET: TEST_ID_SECRET,
        LOG_LEVEL: "silent",
      },
      stdio: "ignore",
    });
    await exited(child);
    proxy.setHooks({});
    return { killed: child.signalCode === "SIGKILL" };
  }

  it("leaves some groups with their point and some without, and the next start finishes the job", async () => {
    await ageToOldShape();
    const { killed } = await killAfterFirstGroupWrite();
    expect(killed).toBe(true);
    const withPoint = await GroupModel.countDocuments({ pointCode: { $exists: true } });
    expect(withPoint).toBeGreaterThan(0);
    expect(withPoint).toBeLessThan(migrated.groups.length);
    // Every point was written before any group was touched.
    expect((await structureSnapshot()).points).toEqual(migrated.points);
    // It ran under the book's write lock (no import could write meanwhile), which a killed holder
    // keeps until the lease runs out by itself; here it is run out now.
    const lock = await LockModel.findById("import").lean();
    expect(lock?.expiresAt.getTime()).toBeGreaterThan(Date.now());
    await LockModel.updateOne({ _id: "import" }, { $set: { expiresAt: new Date(0) } });

    const done = await runMigrations();
    expect(done["transaction-points"]?.groupsGivenPoint).toBe(migrated.groups.length - withPoint);
    expect(done["transaction-points"]?.pointsCreated).toBe(0);
    expect(await structureSnapshot()).toEqual(migrated);
  });
});
