import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { withApp } from "../app/app.js";
import { isLocalDate, vietnamDate } from "../domain/dates.js";
import { importFile } from "../import/run.js";
import { type DemoPeople, generateRows } from "../seed/generate.js";
import { writeTemplateCsv } from "../seed/writeCsv.js";
import { runCli } from "./run.js";

const USAGE = "usage: npm run seed -- --households N [--seed S] [--as-of YYYY-MM-DD] [--csv out.csv]";

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      households: { type: "string" },
      seed: { type: "string", default: "1" },
      "as-of": { type: "string", default: vietnamDate(new Date()) },
      csv: { type: "string" },
    },
  });
  const households = Number(values.households);
  const seed = Number(values.seed);
  const asOf = values["as-of"];
  if (!Number.isInteger(households) || households < 1 || !Number.isInteger(seed) || !isLocalDate(asOf)) {
    console.error(USAGE);
    return 64;
  }
  const demo: DemoPeople = { borrowers: [], heads: [] };
  const workDir = values.csv ? null : mkdtempSync(join(tmpdir(), "tindung-seed-"));
  const csvPath = values.csv ?? join(workDir as string, "seed.csv");
  await writeTemplateCsv(csvPath, generateRows({ households, seed, asOf }, demo));

  if (values.csv) {
    console.log(`Wrote ${csvPath}. Import it with: npm run import -- ${csvPath}`);
  } else {
    try {
      await withApp("command", async ({ config }) => {
        const report = await importFile(csvPath, {
          actor: { kind: "cli", id: "seed" },
          idHashSecret: config.ID_HASH_SECRET,
        });
        console.log(`Seeded ${report.households} households and ${report.loans} loans (${report.outcome}).`);
        return 0;
      });
    } finally {
      rmSync(workDir as string, { recursive: true, force: true });
    }
  }
  // Synthetic people only: these are made-up demo accounts to try the bot with.
  console.log("\nDemo borrowers (customer code, phone, last 4 of CCCD):");
  for (const b of demo.borrowers)
    console.log(`  ${b.customerCode}  ${b.phone ?? "(no phone)"}  ${b.nationalIdLast4 ?? "-"}  group ${b.groupCode}`);
  console.log("Demo group heads (customer code, phone):");
  for (const h of demo.heads) console.log(`  ${h.customerCode}  ${h.phone ?? "(no phone)"}  group ${h.groupCode}`);
  return 0;
}

runCli(main, "seed failed", 70);
