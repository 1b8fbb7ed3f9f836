import { type ChildProcess, spawn } from "node:child_process";
import { TEST_ID_SECRET } from "./secrets.js";

export const BOT_PROCESS_TOKEN = "123456:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
const root = new URL("../../", import.meta.url).pathname;

/**
 * Starts `node dist/main.js` (what `npm start` runs after building; the run's global setup builds it
 * once); its output is kept for the test.
 */
export function startBotProcess(env: Record<string, string>): { child: ChildProcess; output: () => string } {
  const child = spawn(process.execPath, ["dist/main.js"], {
    cwd: root,
    env: { ...process.env, BOT_TOKEN: BOT_PROCESS_TOKEN, LOG_LEVEL: "warn", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (c: Buffer) => (output += c.toString()));
  child.stderr?.on("data", (c: Buffer) => (output += c.toString()));
  return { child, output: () => output };
}

/**
 * A webhook replica of a deployment of several branches (BRANCHES_FILE, tokens and secrets in `env`)
 * on `port`, against `databaseUri`, with a 2 s lease on the updates it takes.
 */
export function startWebhookReplica(databaseUri: string, port: number, env: Record<string, string>) {
  return startBotProcess({
    BOT_TOKEN: "",
    MONGODB_URI: databaseUri,
    ID_HASH_SECRET: TEST_ID_SECRET,
    HTTP_PORT: String(port),
    BOT_MODE: "webhook",
    WEBHOOK_URL: "https://bot.example.org/telegram",
    WEBHOOK_UPDATE_LEASE_SECONDS: "2",
    ...env,
  });
}

export const isAlive = (child: ChildProcess) => child.exitCode === null && child.signalCode === null;

/** Stops the process with SIGTERM (as a deploy does) and resolves with its exit code. */
export function stopBotProcess(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (!isAlive(child)) return resolve(child.exitCode);
    child.once("exit", (code) => resolve(code));
    child.kill("SIGTERM");
  });
}
