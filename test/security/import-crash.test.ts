/**
 * Attacker's (and accident's) checklist: an import killed mid-apply (issue 10, item 12). The import
 * command runs as its own process, connected through a proxy that reads its database traffic, and
 * is killed with SIGKILL once its n-th write of changed loans has been answered and its next one is
 * held back: a point inside the apply, by construction. After each kill no document may be missing
 * or half-written, and the next run finishes the job.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { detectWriteStrategy, replacementsPerCommand } from "../../src/data/bookWriter.js";
import { ImportBatchModel, LockModel } from "../../src/data/models/index.js";
import { importFile } from "../../src/import/run.js";
import { atScale, seededRandom, seedFor } from "../support/crashScale.js";
import { TEST_ID_SECRET, useTestDatabase } from "../support/database.js";
import { type Row, seedRows, useTempDir, writeRows } from "../support/files.js";
import { loansUpdated } from "../support/interruptedImport.js";
import { cliArgs, exited } from "../support/process.js";
import { startWireProxy, type WireProxy } from "../support/wireProxy.js";

const database = useTestDatabase();
const file = useTempDir();
const root = new URL("../../", import.meta.url).pathname;
const KILLS = atScale(3, 6);
const seed = seedFor(23);
const random = seededRandom(seed);

let proxy: WireProxy;
let base: Row[] = [];
let loans = 0;
let households = 0;
let oldInterest = new Map<string, number>();
/** Writes of changed loans a whole re-import makes; each kill lands after 1 to 2 of them. */
let perCommand = 0;

function importCli(path: string): ChildProcess {
  return spawn(process.execPath, cliArgs("import", path), {
    cwd: root,
    env: {
      ...process.env,
      MONGODB_URI: `mongodb://127.0.0.1:${proxy.port}/${database.name}`,
      ID_HASH_SECRET: TEST_ID_SECRET,
      LOG_LEVEL: "silent",
    },
    stdio: "ignore",
  });
}

const isLoanWrite = (r: { command: string | null; collection: string | null }) =>
  r.collection === "loans" && (r.command === "update" || r.command === "insert");

/**
 * Runs the import until `writes` of its loan write commands have been answered and the next one
 * is held, then kills it. Resolves with how the run ended (it should not end on its own).
 */
async function killAfterLoanWrites(path: string, writes: number): Promise<{ killed: boolean }> {
  const sent = new Set<number>();
  let answered = 0;
  let held = false;
  let child: ChildProcess | undefined;
  const killWhenReady = () => {
    if (held && answered === writes) child?.kill("SIGKILL");
  };
  proxy.setHooks({
    onRequest: (request) => {
      if (!isLoanWrite(request)) return "forward";
      if (sent.size < writes) {
        sent.add(request.requestId);
        return "forward";
      }
      held = true;
      killWhenReady();
      return "hold";
    },
    onReply: (responseTo) => {
      if (!sent.has(responseTo)) return;
      answered++;
      killWhenReady();
    },
  });
  child = importCli(path);
  await exited(child);
  proxy.setHooks({});
  return { killed: child.signalCode === "SIGKILL" };
}

beforeAll(async () => {
  perCommand = replacementsPerCommand(await detectWriteStrategy());
  // Enough loans that every run, even after earlier kills, has at least two commands' worth left.
  base = seedRows(Math.ceil(((KILLS + 1) * 2 + 1) * perCommand * 0.8), 23);
  loans = new Set(base.map((r) => r.loanNumber)).size;
  households = new Set(base.map((r) => r.customerCode)).size;
  oldInterest = new Map(base.map((r) => [r.loanNumber, Number(r.interestDueNext || "0")]));
  const changed = base.map((r) => ({ ...r, interestDueNext: String(Number(r.interestDueNext || "0") + 1000) }));
  const report = await importFile(await writeRows(file("base.csv"), base), {
    actor: { kind: "cli", id: "test" },
    idHashSecret: TEST_ID_SECRET,
  });
  expect(report.outcome).toBe("applied");
  await writeRows(file("changed.csv"), changed);
  const port = Number(/:(\d+)\//.exec(inject("mongoUri"))?.[1]);
  proxy = await startWireProxy(port);
}, 120_000);
afterAll(async () => proxy?.close());

describe("item 12: an import killed mid-apply loses nothing", () => {
  it("keeps every document in its old or new form at any kill, and the next run finishes the job", async () => {
    const seen: number[] = [];
    for (let kill = 0; kill < KILLS; kill++) {
      const writes = 1 + Math.floor(random() * 2);
      const { killed } = await killAfterLoanWrites(file("changed.csv"), writes);
      expect(killed, `seed ${seed}: run ${kill + 1} ended before its loan write ${writes + 1}`).toBe(true);
      const updated = await loansUpdated({ oldInterest, loans, households });
      // Mid-apply: what the answered writes carried is in, what was held back is not.
      expect(updated, `seed ${seed}: run ${kill + 1}`).toBeGreaterThan(seen.at(-1) ?? 0);
      expect(updated, `seed ${seed}: run ${kill + 1}`).toBeLessThan(loans);
      seen.push(updated);
      // The killed importer's lock would run out by itself in IMPORT_LOCK_TTL_MS; here it is run out now.
      await LockModel.updateOne({ _id: "import" }, { $set: { expiresAt: new Date(0) } });
    }
    console.log(`seed ${seed}: loans updated at each kill (of ${loans}): ${seen.join(", ")}`);
    const last = importCli(file("changed.csv"));
    expect(await exited(last)).toBe(0);
    expect(await loansUpdated({ oldInterest, loans, households })).toBe(loans);
    expect(await ImportBatchModel.countDocuments({ outcome: "running", lockHolder: { $ne: null } })).toBe(0);
  }, 180_000);
});
