/**
 * Attacker's checklist: files (issue 10, item 9). A zip bomb dressed as XLSX is refused before it is
 * unpacked, by the command line and by chat, and the bot keeps serving.
 */
import { readFileSync, statSync, writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { importFile } from "../../src/import/run.js";
import { ImportWorkerFailed, importInWorker } from "../../src/import/worker.js";
import { TEST_ID_SECRET, useTestDatabase } from "../support/database.js";
import { seedRows, useTempDir, writeRaw, writeRows } from "../support/files.js";
import { bigXlsxFile, lyingXlsxFile } from "../support/zip.js";

useTestDatabase();
const file = useTempDir();

describe("item 9: a zip bomb is refused before it is unpacked", () => {
  it("refuses an XLSX whose shared strings unpack to 120 MB, in well under the time to unpack it", async () => {
    const path = await bigXlsxFile();
    expect(statSync(path).size).toBeLessThan(1024 * 1024);
    const before = process.memoryUsage().rss;
    const report = await importFile(path, { actor: { kind: "cli", id: "test" }, idHashSecret: TEST_ID_SECRET });
    expect(report.outcome).toBe("rejected");
    expect(report.fileError?.code).toBe("too-large-unpacked");
    expect(process.memoryUsage().rss - before).toBeLessThan(100 * 1024 * 1024);
  });

  it("refuses a CSV line that never ends, and a row with far too many cells, naming the limit", async () => {
    const endless = file("endless.csv");
    writeFileSync(endless, `Mã khách hàng,${"x".repeat(200_000)}\n`);
    const one = await importFile(endless, { actor: { kind: "cli", id: "test" }, idHashSecret: TEST_ID_SECRET });
    expect(one.outcome).toBe("rejected");
    expect(one.fileError?.code).toBe("unreadable");
    const wide = file("wide.csv");
    writeFileSync(wide, `${Array.from({ length: 150 }, (_, i) => `c${i}`).join(",")}\n`);
    const two = await importFile(wide, { actor: { kind: "cli", id: "test" }, idHashSecret: TEST_ID_SECRET });
    expect(two.fileError?.code).toBe("too-many-cells");
  });
});

describe("item 9: a file that lies about its size is parsed in a child process with a memory cap", () => {
  it("refuses an XLSX whose headers claim 1 KB of shared strings that unpack to 600 MB, and the caller lives on", async () => {
    const path = await lyingXlsxFile();
    const before = process.memoryUsage().rss;
    const outcome = await importInWorker(
      path,
      {
        options: { dryRun: true, actor: { kind: "cli", id: "test" }, idHashSecret: TEST_ID_SECRET },
        scope: { kind: "all" },
      },
      // The property is the cap, not its size: a small one is reached sooner.
      128,
    ).then(
      (report) => `refused: ${report.fileError?.code ?? report.outcome}`,
      (error) => (error instanceof ImportWorkerFailed ? `worker: ${error.reason}` : `error: ${error}`),
    );
    console.log(`lying zip: ${outcome}`);
    // Refused for its size by the reader's own count of unpacked bytes, or stopped by the memory cap:
    // not any other failure (a failed connection or a load error would be neither).
    expect(["refused: too-large-unpacked", "worker: memory-cap"]).toContain(outcome);
    expect(process.memoryUsage().rss - before).toBeLessThan(200 * 1024 * 1024);
  }, 120_000);
});

describe("item 16: CSV mistakes are named, and nothing is silently dropped", () => {
  const rows = seedRows(3, 5);
  const csvOf = async (name: string) => readFileSync(await writeRows(file(name), rows), "utf8").split("\n");
  const check = (path: string) =>
    importFile(path, { dryRun: true, actor: { kind: "cli", id: "test" }, idHashSecret: TEST_ID_SECRET });

  it("reports extra cells in a row as an error, naming the row and the cell", async () => {
    const lines = await csvOf("extra.csv");
    lines[2] = `${lines[2]},lạc cột`;
    const report = await check(writeRaw(file("extra.csv"), lines.join("\n")));
    expect(report.outcome).toBe("rejected");
    expect(report.errors[0]).toMatchObject({ row: 3, reason: "extra-cells" });
  });

  it("names a wrong delimiter as such", async () => {
    const lines = await csvOf("pipe.csv");
    const report = await check(writeRaw(file("pipe.csv"), lines.map((l) => l.replaceAll(",", "|")).join("\n")));
    expect(report.fileError?.code).toBe("wrong-delimiter");
    expect(report.fileError?.params.delimiter).toBe("|");
  });

  it("accepts a file without an optional column, with no per-row errors", async () => {
    const lines = await csvOf("optional.csv");
    const drop = (lines[0] as string).split(",").indexOf("Lãi tồn");
    expect(drop).toBeGreaterThan(0);
    const cut = lines.map((l) =>
      l
        .split(",")
        .filter((_, i) => i !== drop)
        .join(","),
    );
    const report = await check(writeRaw(file("optional.csv"), cut.join("\n")));
    expect(report.errorCount).toBe(0);
    expect(report.outcome).toBe("dry-run");
  });

  it("names the row and column of a stray quote", async () => {
    const lines = await csvOf("quote.csv");
    const cells = (lines[2] as string).split(",");
    const at = (lines[0] as string).split(",").indexOf("Họ tên");
    cells[at] = `Nguyễn "Văn" A`;
    lines[2] = cells.join(",");
    const report = await check(writeRaw(file("quote.csv"), lines.join("\n")));
    expect(report.fileError?.code).toBe("quote");
    expect(report.fileError?.params).toMatchObject({ row: 3, column: "Họ tên" });
  });
});
