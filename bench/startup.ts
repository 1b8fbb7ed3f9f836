/**
 * How fast the bot process answers its first update after `node dist/main.js`: on a new data directory
 * (the embedded database made from nothing) and on an existing one (300 seeded households), against the
 * fake Bot API, reminders on. Prints the time to the first answer and the phases of the "bot started"
 * line for each start. Builds dist/ first (not timed).
 *
 *   npm run bench:startup [-- --households N --starts K --root DIR]
 *
 * `--root` starts the bot of another checkout (built there), to compare with an earlier commit.
 */
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { freePort } from "../src/data/ferretdb.js";
import { text } from "../test/support/bot.js";
import { startFakeBotApi } from "../test/support/fakeBotApi.js";
import { TEST_ID_SECRET } from "../test/support/secrets.js";

const here = new URL("../", import.meta.url).pathname;
const { values } = parseArgs({
  options: { households: { type: "string" }, starts: { type: "string" }, root: { type: "string" } },
});
const root = values.root ? `${values.root.replace(/\/$/, "")}/` : here;
const HOUSEHOLDS = Number(values.households ?? 300);
const STARTS = Number(values.starts ?? 3);
const TOKEN = "123456:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

interface StartResult {
  firstAnswerMs: number;
  started: { ms: number; phasesMs: Record<string, number> } | null;
}

/** Starts the bot on `dataDir`, sends /start at once, and times the answer; then stops the bot. */
async function timedStart(dataDir: string): Promise<StartResult> {
  const api = await startFakeBotApi();
  const begun = performance.now();
  const child = spawn(process.execPath, ["dist/main.js"], {
    cwd: root,
    env: {
      ...process.env,
      BOT_TOKEN: TOKEN,
      BOT_API_ROOT: api.apiRoot,
      DATA_DIR: dataDir,
      ID_HASH_SECRET: TEST_ID_SECRET,
      HTTP_PORT: String(await freePort()),
      LOG_LEVEL: "info",
      MONGODB_URI: "",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (c: Buffer) => (output += c.toString()));
  child.stderr?.on("data", (c: Buffer) => (output += c.toString()));
  try {
    api.push(text(4242, "/start"));
    await api.waitFor((c) => c.method === "sendMessage" && c.payload.chat_id === 4242, 120_000);
    const firstAnswerMs = Math.round(performance.now() - begun);
    const line = output.split("\n").find((l) => l.includes('"msg":"bot started"'));
    const started = line ? (JSON.parse(line) as StartResult["started"]) : null;
    return { firstAnswerMs, started };
  } finally {
    await new Promise<void>((resolve) => {
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
    });
    await api.close();
  }
}

function seed(dataDir: string): void {
  execFileSync(
    process.execPath,
    ["--import", "tsx", `${here}src/cli/seed.ts`, "--households", String(HOUSEHOLDS), "--seed", "7"],
    { cwd: here, env: { ...process.env, DATA_DIR: dataDir, MONGODB_URI: "", LOG_LEVEL: "warn" }, stdio: "ignore" },
  );
}

function print(label: string, result: StartResult): void {
  const phases = result.started
    ? Object.entries(result.started.phasesMs)
        .map(([phase, ms]) => `${phase} ${ms}`)
        .join(", ")
    : "no start-up line";
  console.log(
    `${label}: first answer after ${result.firstAnswerMs} ms (started in ${result.started?.ms} ms: ${phases})`,
  );
}

async function main(): Promise<void> {
  execFileSync(process.execPath, ["node_modules/typescript/bin/tsc", "-p", "tsconfig.json"], { cwd: root });
  const dir = mkdtempSync(join(tmpdir(), "tindung-bench-startup-"));
  try {
    for (let i = 1; i <= STARTS; i++) print(`new data dir #${i}`, await timedStart(join(dir, `new-${i}`)));
    const existing = join(dir, "existing");
    seed(existing);
    for (let i = 1; i <= STARTS; i++) {
      print(`existing data dir (${HOUSEHOLDS} households) #${i}`, await timedStart(existing));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
