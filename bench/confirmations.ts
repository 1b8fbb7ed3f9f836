/**
 * npm run bench:confirmations [-- --households 100000]
 * Issue 28: working out the payment confirmations between two imports of N households. A first
 * import records every household's figures (the baseline); a month later a second file (every
 * point's transaction day passed) has a third of households' interest paid, the rest unpaid, one in
 * twenty repaying 500,000 đ of principal and every household depositing savings. The step that compares it
 * with the figures and writes the pending confirmations (confirmations/record.ts, what an import runs
 * after writing the book) runs alone in a child process on the compiled code (bench/confirmationsChild.mjs,
 * heap `--heap`, default 256 MB), as the bot's import worker runs compiled code, so its time and peak
 * RSS are its own. Target: ≤ 20 s and ≤ 250 MB at 100k households.
 */
import { join } from "node:path";
import { parseArgs } from "node:util";
import { pendingWithin } from "../src/confirmations/send.js";
import { communeNames } from "../src/data/book.js";
import { paymentConfirmationsQueued } from "../src/data/outbox.js";
import { moveConfirmationOffice } from "../src/data/recordedFigures.js";
import { importFile } from "../src/import/run.js";
import { generateRows } from "../src/seed/generate.js";
import { writeTemplateCsv } from "../src/seed/writeCsv.js";
import { buildDist, runBenchmark, runMeasuredChild } from "./support.js";

const { values } = parseArgs({
  options: {
    households: { type: "string", default: "100000" },
    /** The record step's heap in MB (its child process). */
    heap: { type: "string", default: "256" },
  },
});
const FIRST = "2026-11-28";
const SECOND = "2026-12-28";

function secondSnapshot(households: number) {
  let n = 0;
  let lastCode = "";
  return (function* () {
    for (const row of generateRows({ households, seed: 1, asOf: FIRST })) {
      if (row.customerCode !== lastCode) {
        lastCode = row.customerCode;
        n++;
        // Every household deposits: an import that changes all of them (it must still wait to be sent).
        row.savingsBalance = String(Number(row.savingsBalance) + 50_000);
      }
      // A third pay their interest (nothing left unpaid); the others' falls unpaid.
      if (n % 3 !== 0) row.unpaidInterest = String(Number(row.unpaidInterest) + Number(row.interestDueNext));
      const current = Number(row.outstandingPrincipal) - Number(row.overduePrincipal);
      if (n % 20 === 0 && current > 500_000) {
        row.outstandingPrincipal = String(Number(row.outstandingPrincipal) - 500_000);
        if (row.nextInstallmentAmount && Number(row.nextInstallmentAmount) > Number(row.outstandingPrincipal)) {
          row.nextInstallmentAmount = row.outstandingPrincipal;
        }
      }
      yield row;
    }
  })();
}

/** The record step in a child process running the compiled code, as the bot's import worker does. */
async function recordInChild(path: string, uri: string) {
  const args = [`--max-old-space-size=${values.heap}`, "bench/confirmationsChild.mjs", path, uri, SECOND];
  const { out, peakMb: peak } = await runMeasuredChild(args, { LOG_LEVEL: "silent" }, "record step");
  const result = JSON.parse(out.trim().split("\n").at(-1) ?? "{}") as { ms: number; peakMb: number; summary: object };
  return { ...result, peakMb: Math.max(peak, result.peakMb) };
}

runBenchmark("confirmations", async ({ dir, kind, uri }) => {
  const households = Number(values.households);
  const first = join(dir, "first.csv");
  const second = join(dir, "second.csv");
  await writeTemplateCsv(first, generateRows({ households, seed: 1, asOf: FIRST }));
  await writeTemplateCsv(second, secondSnapshot(households));
  console.log(`database: ${kind}; households: ${households}`);
  const options = { actor: { kind: "cli" as const, id: "bench" }, idHashSecret: "bench-secret-0123456789" };
  let t0 = performance.now();
  const baseline = await importFile(first, { ...options, now: new Date(`${FIRST}T03:00:00Z`) });
  const baselineS = (performance.now() - t0) / 1000;
  console.log(
    `first import (records the baseline): ${baselineS.toFixed(1)} s, of which recording ${(
      (baseline.phaseMs.confirmations ?? 0) / 1000
    ).toFixed(1)} s`,
  );
  const now = new Date();
  for (const office of new Set((await communeNames()).map((c) => c.officeCode))) {
    await moveConfirmationOffice(office, "off", { state: "on", requestedBy: 1, decidedBy: 2 }, now);
  }
  buildDist();
  t0 = performance.now();
  const run = await recordInChild(second, uri);
  const pending = await pendingWithin(() => true);
  console.log(
    `changes between the two imports: ${(run.ms / 1000).toFixed(1)} s (child wall ${(
      (performance.now() - t0) / 1000
    ).toFixed(1)} s), peak RSS ${run.peakMb} MB with a ${values.heap} MB heap (targets ≤ 20 s, ≤ 250 MB)`,
  );
  console.log(`summary: ${JSON.stringify(run.summary)}`);
  console.log(`pending confirmations after it: ${pending.households} households ${JSON.stringify(pending.byKind)}`);
  console.log(
    `queued on the outbox meanwhile: ${await paymentConfirmationsQueued()} (they wait for an officer's "send")`,
  );
});
