import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import mongoose from "mongoose";
import { connectDatabase, withDatabaseName } from "../src/data/connection.js";
import { startScratchDatabase } from "../src/data/ferretdb.js";
import { BorrowerAccountModel, TelegramAccountModel } from "../src/data/models/index.js";
import { type ImportReport, importFile } from "../src/import/run.js";
import { generateRows } from "../src/seed/generate.js";
import { writeTemplateCsv } from "../src/seed/writeCsv.js";
import { blocksTwoPercent, type FloodStats, messageFingerprint } from "../test/support/floodLimitedBotApi.js";
import { COMPILE_WITHOUT_CHECK, startDispatcherProcess } from "../test/support/process.js";

/**
 * Runs a benchmark against a fresh database on the test database server (see startScratchDatabase),
 * in a scratch directory, and cleans both up afterwards. Exits non-zero on failure.
 */
export function runBenchmark(
  name: string,
  body: (env: { dir: string; kind: string; uri: string }) => Promise<void>,
): void {
  const main = async () => {
    const dir = mkdtempSync(join(tmpdir(), `tindung-bench-${name}-`));
    const server = await startScratchDatabase(join(dir, "db"));
    try {
      const dbName = `bench_${name}_${Date.now()}`;
      await connectDatabase(server.uri, dbName);
      await body({ dir, kind: server.kind, uri: withDatabaseName(server.uri, dbName) });
      await mongoose.connection.dropDatabase();
    } finally {
      await mongoose.disconnect();
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  };
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}

/** CPU seconds (utime + stime) of the embedded database started in `dir`, or null (another server). */
export function databaseCpuSeconds(dir: string): number | null {
  try {
    const pid = readFileSync(join(dir, "db", "ferretdb.pid"), "utf8").trim();
    const fields = (readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1] ?? "").split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}

/** Peak resident set size of the embedded database's process so far, in MB (null when there is none). */
export function databasePeakRssMb(dir: string): number | null {
  try {
    return peakRssMb(Number(readFileSync(join(dir, "db", "ferretdb.pid"), "utf8").trim()));
  } catch {
    return null;
  }
}

/** Peak resident set size of a process so far (Linux VmHWM), in MB; null once it has exited. */
export function peakRssMb(pid: number | "self" = "self"): number | null {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Math.round(Number(match[1]) / 1024) : null;
  } catch {
    return null;
  }
}

/** Seeds `households` synthetic households through the real import and prints how long it took. */
export async function seedHouseholds(
  env: { dir: string; kind: string },
  households: number,
  seed: number,
): Promise<ImportReport> {
  const csv = join(env.dir, "seed.csv");
  await writeTemplateCsv(csv, generateRows({ households, seed, asOf: "2026-11-28" }));
  const started = performance.now();
  const report = await importFile(csv, {
    actor: { kind: "cli", id: "bench" },
    idHashSecret: "bench-secret-0123456789",
  });
  console.log(
    `database: ${env.kind}; seeded ${report.households} households, ${report.loans} loans in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  return report;
}

/** Links the households to Telegram users firstUserId, firstUserId + 1, …, in chunks of 10,000. */
export async function linkHouseholds(codes: readonly string[], firstUserId: number): Promise<void> {
  for (let i = 0; i < codes.length; i += 10_000) {
    const chunk = codes.slice(i, i + 10_000);
    await BorrowerAccountModel.insertMany(
      chunk.map((code, j) => ({
        _id: code,
        telegramLinks: [{ telegramUserId: firstUserId + i + j, linkedAt: new Date(), via: "contact" }],
      })),
    );
    await TelegramAccountModel.insertMany(
      chunk.map((code, j) => ({ _id: String(firstUserId + i + j), customerCode: code })),
    );
  }
}

/** Starts the flood-limited fake Bot API in its own process; resolves with its address. */
export async function startFakeApi(scale: number): Promise<{ root: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ["--import", "tsx", "test/support/floodLimitedBotApi.ts"], {
    env: { ...process.env, FAKE_API_SCALE: String(scale) },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).once("line", resolve);
    child.once("exit", () => reject(new Error("fake Bot API exited")));
  });
  return { root: `http://127.0.0.1:${JSON.parse(line).port}`, child };
}

export async function fakeApiStats(root: string): Promise<FloodStats> {
  return (await (await fetch(`${root}/bot1/__stats`)).json()) as FloodStats;
}

let distBuilt = false;

/**
 * dist/ built once per benchmark (COMPILE_WITHOUT_CHECK): the children measured run the compiled
 * code, as the bot's image does. Through tsx a process holds ~30 MB more and starts ~0.8 s later.
 */
export function buildDist(): void {
  if (distBuilt) return;
  const root = new URL("../", import.meta.url).pathname;
  execFileSync(process.execPath, COMPILE_WITHOUT_CHECK, { cwd: root, stdio: "inherit" });
  distBuilt = true;
}

/**
 * The dispatcher as operators run it (`npm run reminders -- dispatch`), in a process of its own; it
 * prints one JSON report per run, kept on stdout for the benchmark to read.
 */
export function spawnDispatcher(
  uri: string,
  apiRoot: string,
  configFile: string,
  extraEnv: Record<string, string> = {},
): ChildProcess {
  buildDist();
  return startDispatcherProcess(uri, apiRoot, configFile, extraEnv, ["ignore", "pipe", "inherit"]);
}

/** The reports a dispatcher process printed (one JSON line per run), as they come. */
export function dispatchReports(child: ChildProcess): Record<string, unknown>[] {
  const reports: Record<string, unknown>[] = [];
  let partial = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    const lines = (partial + chunk.toString()).split("\n");
    partial = lines.pop() ?? "";
    for (const line of lines) if (line.startsWith("{")) reports.push(JSON.parse(line));
  });
  return reports;
}

/** Sending settings at Telegram's limits × `scale`, all day, in a file for the dispatcher process. */
export function writeScaledLimits(path: string, scale: number): string {
  writeFileSync(
    path,
    JSON.stringify({
      sendingWindows: [{ from: "00:00", to: "24:00" }],
      telegramLimits: { globalPerSecond: 30 * scale, privateChatPerSecond: scale, groupChatPerMinute: 20 * scale },
    }),
  );
  return path;
}

/**
 * What a flood-limited fake accepted of the messages expected: how many were never accepted (lost)
 * and accepted more than once (duplicates), from its own record; messages to blocked chats left out.
 */
export async function tallyAgainstFake(
  root: string,
  expected: readonly { chatId: number | null; text: string }[],
): Promise<{ lost: number; duplicates: number; blocked: number }> {
  const accepted = new Map(
    Object.entries((await (await fetch(`${root}/bot1/__accepted`)).json()) as Record<string, number>),
  );
  const tally = { lost: 0, duplicates: 0, blocked: 0 };
  for (const d of expected) {
    if (blocksTwoPercent(Number(d.chatId))) {
      tally.blocked++;
      continue;
    }
    const n = accepted.get(messageFingerprint(Number(d.chatId), d.text)) ?? 0;
    if (n === 0) tally.lost++;
    if (n > 1) tally.duplicates += n - 1;
  }
  return tally;
}

/** The p-th percentile of ascending `sorted` values (nearest rank); 0 for none. */
export const percentile = (sorted: readonly number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

/** Runs node with `args` in a child process; its stdout, and its peak RSS polled every 50 ms. Throws on a non-zero exit. */
export async function runMeasuredChild(
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  name: string,
): Promise<{ out: string; peakMb: number }> {
  const child = spawn(process.execPath, [...args], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  let out = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    out += chunk.toString();
  });
  let peakMb = 0;
  const poll = setInterval(() => {
    peakMb = Math.max(peakMb, peakRssMb(child.pid as number) ?? 0);
  }, 50);
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  clearInterval(poll);
  if (code !== 0) throw new Error(`${name} exited with ${code}`);
  return { out, peakMb };
}
