import { AsyncLocalStorage } from "node:async_hooks";

/**
 * Which branch the running code works for. Each branch's data lives in a database of its own
 * (docs/deployment.md says why); `database: null` is the deployment's home database, where a
 * single-branch deployment keeps everything (the simple default).
 */
export interface BranchScope {
  code: string;
  database: string | null;
}

export class NoBranchError extends Error {
  constructor() {
    super("no branch: this deployment serves several branches and the work was started outside one");
  }
}

const storage = new AsyncLocalStorage<BranchScope>();
/** Set once at start-up when the deployment serves several branches: then no code may run outside one. */
let branchRequired = false;

export function requireBranchContext(required: boolean): void {
  branchRequired = required;
}

/** Runs `work` for `branch`: every model it reaches (directly or after any await) is that branch's. */
export function withBranch<T>(branch: BranchScope, work: () => T): T {
  return storage.run(branch, work);
}

/** The branch the running code works for; null only in a single-branch deployment (its home database). */
export function currentBranch(): BranchScope | null {
  const branch = storage.getStore();
  if (!branch && branchRequired) throw new NoBranchError();
  return branch ?? null;
}

/** The branch's code for records kept in the home database (the audit log), or null outside a branch. */
export const branchCodeIfAny = (): string | null => storage.getStore()?.code ?? null;
