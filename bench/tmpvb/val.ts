import { validateFile } from "../../src/import/validate.js";
import { RowSpool } from "../../src/import/spool.js";
const spool = process.argv[2] === "spool" ? new RowSpool() : undefined;
for (let i = 0; i < 3; i++) {
  const t = performance.now();
  const r = await validateFile("/tmp/vb/40k.csv", "csv", 1000, i === 0 ? spool : undefined);
  console.log(r.rows, r.errorCount, Math.round(performance.now() - t), "ms");
}
spool?.dispose();
