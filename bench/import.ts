/**
 * npm run bench:import [-- --rows 100000]
 * Imports a synthetic bank export of N loan rows into the test database (MONGODB_URI, else FerretDB
 * on SQLite, or on PostgreSQL with FERRETDB_POSTGRESQL_URL) and prints rows/s and peak RSS for:
 * a first import, the same file again (no-op), and a newer snapshot where 1 % of loans changed.
 * Target (issue 25): ≥ 5,000 rows/s for the first import and the same file again. Runs with the heap
 * `npm run import` has (1 GB): an import holds a compact copy of every household and loan (the planner's
 * index, the importer's digest) until it writes them, ~1 KB a row; 256 MB ran out above ~140k rows.
 * Prints each pass's time and the CPU of this process and of the embedded database's.
 */
import { join } from "node:path";
import { parseArgs } from "node:util";
import { importFile } from "../src/import/run.js";
import { generateRows } from "../src/seed/generate.js";
import { writeTemplateCsv } from "../src/seed/writeCsv.js";
import { databaseCpuSeconds, databasePeakRssMb, peakRssMb, runBenchmark } from "./support.js";

const { values } = parseArgs({ options: { rows: { type: "string", default: "100000" } } });
const targetRows = Number(values.rows);

function* limit<T>(items: Iterable<T>, n: number): Generator<T> {
  let i = 0;
  for (const item of items) {
    if (i++ >= n) return;
    yield item;
  }
}

runBenchmark("import", async ({ dir, kind }) => {
  const asOf = "2026-11-28";
  const households = Math.ceil(targetRows / 1.2);
  const first = join(dir, "snapshot-1.csv");
  const second = join(dir, "snapshot-2.csv");
  await writeTemplateCsv(first, limit(generateRows({ households, seed: 1, asOf }), targetRows));
  let n = 0;
  await writeTemplateCsv(
    second,
    (function* () {
      for (const row of limit(generateRows({ households, seed: 1, asOf }), targetRows)) {
        // One loan in a hundred has paid down 500,000 đ since the first snapshot.
        if (n++ % 100 === 0 && Number(row.outstandingPrincipal) > 500_000 + Number(row.overduePrincipal)) {
          row.outstandingPrincipal = String(Number(row.outstandingPrincipal) - 500_000);
          if (row.nextInstallmentAmount && Number(row.nextInstallmentAmount) > Number(row.outstandingPrincipal)) {
            row.nextInstallmentAmount = row.outstandingPrincipal;
          }
        }
        yield row;
      }
    })(),
  );

  console.log(`database: ${kind}; rows per file: ${targetRows}`);
  const options = { actor: { kind: "cli" as const, id: "bench" }, idHashSecret: "bench-secret-0123456789" };
  // CPU seconds of the embedded database's process, to see which side the time is on.
  const dbCpuSeconds = () => databaseCpuSeconds(dir);
  for (const [label, path] of [
    ["first import", first],
    ["same file again", first],
    ["newer snapshot (1% changed)", second],
  ] as const) {
    const started = performance.now();
    const cpuBefore = process.cpuUsage();
    const dbBefore = dbCpuSeconds();
    const report = await importFile(path, options);
    const seconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    const dbAfter = dbCpuSeconds();
    if (report.outcome === "rejected") throw new Error(`${label}: rejected with ${report.errorCount} errors`);
    const c = report.counts;
    console.log(
      `${label.padEnd(28)} ${report.rows} rows in ${seconds.toFixed(1)} s = ${Math.round(report.rows / seconds)} rows/s; ` +
        `loans +${c?.loans.created} ~${c?.loans.updated} =${c?.loans.unchanged}; households +${c?.households.created} ~${c?.households.updated}; ` +
        `peak RSS so far ${peakRssMb()} MB`,
    );
    const p = report.phaseMs;
    console.log(
      `${"".padEnd(28)} validate ${(p.validate / 1000).toFixed(1)} s, apply ${(p.apply / 1000).toFixed(1)} s, ` +
        `after ${(p.after / 1000).toFixed(1)} s; CPU: node ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s` +
        (dbBefore !== null && dbAfter !== null ? `, database ${(dbAfter - dbBefore).toFixed(1)} s` : "") +
        (databasePeakRssMb(dir) !== null ? `; database peak RSS ${databasePeakRssMb(dir)} MB` : ""),
    );
  }
});
