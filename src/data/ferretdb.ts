import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createConnection, createServer } from "node:net";
import { homedir, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** The patched build scripts/install-ferretdb.sh makes (docs/ferretdb.md); an unpatched binary is not used. */
export const FERRETDB_VERSION = "v1.24.2-tindung.idpatch.1";
const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));

export interface RunningDatabase {
  /** Connection string without a database name, e.g. mongodb://127.0.0.1:41234/ */
  uri: string;
  kind: "ferretdb-sqlite" | "ferretdb-postgresql" | "mongodb-memory-server" | "local mongod" | "external (MONGODB_URI)";
  stop(): Promise<void>;
}

/**
 * The FerretDB binary to use: $FERRETDB_BIN, the one scripts/install-ferretdb.sh caches, or one on
 * PATH / in ~/go/bin. A candidate counts only if `--version` runs (a plain `go install` build panics).
 */
export function findFerretdbBinary(): string | null {
  const candidates = [
    process.env.FERRETDB_BIN,
    join(REPO_ROOT, ".cache/bin/ferretdb"),
    "ferretdb",
    join(homedir(), "go/bin/ferretdb"),
  ].filter((c): c is string => Boolean(c));
  for (const candidate of candidates) {
    if (candidate.includes("/") && !existsSync(candidate)) continue;
    // `--version` writes a state.json into its working directory: keep it out of the repository.
    const probe = spawnSync(candidate, ["--version"], {
      cwd: tmpdir(),
      encoding: "utf8",
      timeout: 10_000,
    });
    if (probe.status === 0 && probe.stdout.includes(FERRETDB_VERSION)) return candidate;
  }
  return null;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function waitForPort(port: number, child: ChildProcess, stderr: () => string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`ferretdb exited with code ${child.exitCode}: ${stderr().slice(-2000)}`);
    }
    const open = await new Promise<boolean>((resolve) => {
      const socket = createConnection({ port, host: "127.0.0.1" });
      socket.once("connect", () => {
        socket.destroy();
        resolve(true);
      });
      socket.once("error", () => resolve(false));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill("SIGKILL");
  throw new Error(`ferretdb did not listen on port ${port} within ${timeoutMs} ms: ${stderr().slice(-2000)}`);
}

export type FerretdbBackend = { handler: "sqlite"; directory: string } | { handler: "postgresql"; url: string };

const PID_FILE = "ferretdb.pid";

/**
 * A FerretDB left running on this SQLite directory by a process that died without stopping it (a
 * SIGKILL leaves the child behind): it is stopped before another one opens the same files, which two
 * servers must never write at once.
 */
async function stopLeftBehind(directory: string): Promise<void> {
  const pidFile = join(directory, PID_FILE);
  let pid: number;
  try {
    pid = Number(readFileSync(pidFile, "utf8").trim());
  } catch {
    return;
  }
  const isOurs = () => {
    try {
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, "utf8");
      return cmdline.includes("ferretdb") && cmdline.includes(directory);
    } catch {
      return false;
    }
  };
  if (Number.isSafeInteger(pid) && pid > 0 && isOurs()) {
    process.kill(pid, "SIGKILL");
    for (let i = 0; i < 100 && isOurs(); i++) await new Promise((r) => setTimeout(r, 20));
  }
  rmSync(pidFile, { force: true });
}

const INSERT_BATCH = 1000;

/** Starts FerretDB on a free loopback port with telemetry and the debug listener off. */
export async function startFerretdb(binary: string, backend: FerretdbBackend, port?: number): Promise<RunningDatabase> {
  port ??= await freePort();
  const args = [
    `--listen-addr=127.0.0.1:${port}`,
    "--telemetry=disable",
    "--debug-addr=-",
    "--log-level=ERROR",
    `--handler=${backend.handler}`,
    // An insert command's documents go to SQLite in statements (and transactions) of this many; the
    // default 100 cost a first import of 100,000 rows ~1.2 s more of FerretDB's CPU (docs/ferretdb.md).
    `--test-batch-size=${INSERT_BATCH}`,
  ];
  if (backend.handler === "sqlite") {
    mkdirSync(backend.directory, { recursive: true });
    await stopLeftBehind(backend.directory);
    args.push(`--sqlite-url=file:${backend.directory.replace(/\/?$/, "/")}`, `--state-dir=${backend.directory}`);
  } else {
    args.push(`--postgresql-url=${backend.url}`, `--state-dir=${REPO_ROOT}.cache`);
  }
  const child = spawn(binary, args, { stdio: ["ignore", "ignore", "pipe"] });
  const pidFile = backend.handler === "sqlite" ? join(backend.directory, PID_FILE) : null;
  if (pidFile && child.pid) writeFileSync(pidFile, `${child.pid}\n`);
  let errorOutput = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    errorOutput = (errorOutput + chunk.toString()).slice(-8000);
  });
  await waitForPort(port, child, () => errorOutput, 20_000);
  return {
    uri: `mongodb://127.0.0.1:${port}/`,
    kind: backend.handler === "sqlite" ? "ferretdb-sqlite" : "ferretdb-postgresql",
    stop: () =>
      new Promise<void>((resolve) => {
        if (pidFile) rmSync(pidFile, { force: true });
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
        setTimeout(() => child.kill("SIGKILL"), 5_000).unref();
      }),
  };
}

/** Fallback where FerretDB is absent: a real mongod downloaded by mongodb-memory-server. */
/**
 * A `mongod` already on this machine: MONGOD_BIN, a `mongod` on PATH, or one mongodb-memory-server
 * downloaded earlier into its cache. Never downloads anything.
 */
export function findLocalMongod(): string | null {
  const cacheDirs = [
    process.env.MONGOMS_DOWNLOAD_DIR,
    join(REPO_ROOT, "node_modules/.cache/mongodb-memory-server"),
    join(homedir(), ".cache/mongodb-binaries"),
  ].filter((d): d is string => Boolean(d) && existsSync(d as string));
  const cached = cacheDirs.flatMap((dir) =>
    readdirSync(dir)
      .filter((f) => f.startsWith("mongod"))
      .map((f) => join(dir, f)),
  );
  for (const candidate of [process.env.MONGOD_BIN, "mongod", ...cached].filter((c): c is string => Boolean(c))) {
    if (candidate.includes("/") && !existsSync(candidate)) continue;
    const probe = spawnSync(candidate, ["--version"], { encoding: "utf8", timeout: 10_000 });
    if (probe.status === 0 && probe.stdout.includes("db version")) return candidate;
  }
  return null;
}

export async function startMongoMemoryServer(dbPath?: string, systemBinary?: string): Promise<RunningDatabase> {
  const { MongoMemoryServer } = await import("mongodb-memory-server");
  if (dbPath) mkdirSync(dbPath, { recursive: true });
  const server = await MongoMemoryServer.create({
    ...(dbPath ? { instance: { dbPath, storageEngine: "wiredTiger" } } : {}),
    ...(systemBinary ? { binary: { systemBinary } } : {}),
  });
  return {
    uri: server.getUri().replace(/\/?$/, "/"),
    kind: systemBinary ? "local mongod" : "mongodb-memory-server",
    stop: async () => {
      await server.stop({ doCleanup: !dbPath });
    },
  };
}

/**
 * The database tests and benchmarks run against: MONGODB_URI when set; else FerretDB on SQLite in
 * `directory` (or on PostgreSQL when FERRETDB_POSTGRESQL_URL is set); else mongodb-memory-server.
 */
export async function startScratchDatabase(directory: string): Promise<RunningDatabase> {
  const external = process.env.MONGODB_URI;
  if (external) return { uri: external, kind: "external (MONGODB_URI)", stop: async () => {} };
  // A real MongoDB is the better witness of production; TEST_DATABASE=ferretdb skips it (CI here).
  const mongod = process.env.TEST_DATABASE === "ferretdb" ? null : findLocalMongod();
  if (mongod) return startMongoMemoryServer(undefined, mongod);
  const binary = findFerretdbBinary();
  if (!binary) return startMongoMemoryServer();
  const pgUrl = process.env.FERRETDB_POSTGRESQL_URL;
  return startFerretdb(binary, pgUrl ? { handler: "postgresql", url: pgUrl } : { handler: "sqlite", directory });
}
