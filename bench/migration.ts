/**
 * npm run bench:migration [-- --households 100000]
 * Issue 24 on a real-sized copy: imports N households from a bank file of the old shape (no point
 * columns), turns what is stored back into what versions before transaction points wrote (each
 * commune holding its one point, groups without one), then times the migration every start runs.
 * Checks that nothing was lost (the stored structure is what this version writes), that a second run
 * finds nothing to do, and that the same file imported again changes nothing. Exits 1 if not.
 */
import { join } from "node:path";
import { isDeepStrictEqual, parseArgs } from "node:util";
import { runMigrations } from "../src/data/migrations/index.js";
import { importFile } from "../src/import/run.js";
import { generateRows } from "../src/seed/generate.js";
import { writeTemplateCsv } from "../src/seed/writeCsv.js";
import { ageToOldShape, oldStyleRows, structureSnapshot } from "../test/support/oldBook.js";
import { peakRssMb, runBenchmark } from "./support.js";

const { values } = parseArgs({ options: { households: { type: "string", default: "100000" } } });
const households = Number(values.households);
const options = { actor: { kind: "cli" as const, id: "bench" }, idHashSecret: "bench-secret-0123456789" };
const seconds = (since: number) => ((performance.now() - since) / 1000).toFixed(2);

runBenchmark("migration", async ({ dir, kind }) => {
  const csv = join(dir, "old.csv");
  await writeTemplateCsv(
    csv,
    (function* () {
      for (const row of generateRows({ households, seed: 24, asOf: "2026-11-28" })) yield* oldStyleRows([row]);
    })(),
  );
  let started = performance.now();
  const first = await importFile(csv, options);
  console.log(
    `database: ${kind}; imported ${first.households} households, ${first.loans} loans in ${seconds(started)} s`,
  );
  const expected = await structureSnapshot();
  await ageToOldShape();
  console.log(
    `old shape: ${expected.communes.length} communes holding their point, ${expected.groups.length} groups without one`,
  );

  started = performance.now();
  const done = await runMigrations();
  console.log(
    `migration: ${seconds(started)} s, ${JSON.stringify(done["transaction-points"])}, peak RSS ${peakRssMb()} MB`,
  );
  const lost = !isDeepStrictEqual(await structureSnapshot(), expected);
  started = performance.now();
  const second = await runMigrations();
  console.log(
    `second run: ${seconds(started)} s, ${Object.keys(second).length === 0 ? "nothing to do" : "changed things"}`,
  );
  started = performance.now();
  const again = await importFile(csv, options);
  console.log(`same file again: ${again.outcome} in ${seconds(started)} s`);
  if (lost || Object.keys(second).length > 0 || again.outcome !== "unchanged") {
    console.error(`FAILED: lost=${lost} secondRun=${JSON.stringify(second)} reimport=${again.outcome}`);
    process.exitCode = 1;
  }
});
