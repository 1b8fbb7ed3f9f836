import { type ChildProcess, type StdioOptions, spawn } from "node:child_process";
import { TEST_ID_SECRET } from "./secrets.js";

/** Resolves with a child process's exit code (null when a signal ended it), at once if it has already ended. */
export const exited = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve(child.exitCode);
    else child.once("exit", (code) => resolve(code));
  });

/**
 * `node <these>` in the repository's root builds dist/ as `npm run build` does, without its type
 * check (the same JavaScript under isolatedModules, in a quarter of the time): the tests' global
 * setup and the benchmarks build this way, then run their children from dist/.
 */
export const COMPILE_WITHOUT_CHECK = ["node_modules/typescript/bin/tsc", "-p", "tsconfig.json", "--noCheck"];

/**
 * The arguments that run a command-line entry point (`src/cli/<name>.ts`) as `npm start` would, from
 * dist/, which the run's global setup builds: starting through tsx costs each child about 0.8 s of
 * transpiling on this machine, and the kill tests start dozens.
 */
export const cliArgs = (name: "reminders" | "import" | "migrate", ...args: string[]): string[] => [
  `dist/cli/${name}.js`,
  ...args,
];

/**
 * The dispatcher as operators run it: `npm run reminders -- dispatch`, a process of its own, against
 * `databaseUri` and the fake Bot API at `apiRoot`, with the sending settings in `configFile`.
 */
export function startDispatcherProcess(
  databaseUri: string,
  apiRoot: string,
  configFile: string,
  extraEnv: Record<string, string> = {},
  stdio: StdioOptions = ["ignore", "ignore", "pipe"],
): ChildProcess {
  return spawn(process.execPath, cliArgs("reminders", "dispatch"), {
    env: {
      ...process.env,
      MONGODB_URI: databaseUri,
      BOT_TOKEN: "123456:TEST-token-abcdefghijklmnopqrstuvwxyz",
      BOT_API_ROOT: apiRoot,
      REMINDERS_CONFIG_FILE: configFile,
      ID_HASH_SECRET: TEST_ID_SECRET,
      LOG_LEVEL: "silent",
      NODE_ENV: "test",
      ...extraEnv,
    },
    stdio,
  });
}

/** Everything a child process writes to stderr, for the message of a failed expectation. */
export function stderrOf(child: ChildProcess): () => string {
  let text = "";
  child.stderr?.on("data", (c: Buffer) => {
    text += c.toString();
  });
  return () => text;
}
