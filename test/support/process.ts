import type { ChildProcess } from "node:child_process";

/** Resolves with a child process's exit code (null when a signal ended it), at once if it has already ended. */
export const exited = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve(child.exitCode);
    else child.once("exit", (code) => resolve(code));
  });
