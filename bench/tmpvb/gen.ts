import { generateRows } from "../../src/seed/generate.js";
import { writeTemplateCsv } from "../../src/seed/writeCsv.js";
function* limit<T>(items: Iterable<T>, n: number) { let i = 0; for (const x of items) { if (i++ >= n) return; yield x; } }
await writeTemplateCsv("/tmp/vb/40k.csv", limit(generateRows({ households: 33334, seed: 1, asOf: "2026-11-28" }), 40000));
