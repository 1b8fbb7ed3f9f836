import {
  type BookEntity,
  CLOSED_LOAN_HASH,
  closeLoans,
  detectWriteStrategy,
  type EntityCounts,
  EntityWriter,
  openLoansNotIn,
  storedFingerprints,
  type WriteStrategy,
} from "../data/bookWriter.js";
import type { OverdueLoan } from "../features/stats/computeStats.js";
import { fingerprint, householdFields, loanFields } from "./documents.js";
import type { FileFormat } from "./source.js";
import { parseRows, type ValidationResult } from "./validate.js";

export type { EntityCounts, WriteStrategy } from "../data/bookWriter.js";
export { detectWriteStrategy } from "../data/bookWriter.js";

const PROGRESS_EVERY = 1000;

export interface ApplyCounts {
  communes: EntityCounts;
  groups: EntityCounts;
  households: EntityCounts;
  loans: EntityCounts;
  loansClosed: number;
}

/** Second pass: re-reads the (already validated) file and brings the database in line with it. */
export async function applyFile(
  path: string,
  format: FileFormat,
  validation: ValidationResult,
  options: {
    dryRun: boolean;
    fullSnapshot: boolean;
    idHashSecret: string;
    writeStrategy?: WriteStrategy;
    onProgress?: () => Promise<void>;
    /**
     * Receives the open overdue loans as the book stands after this file, worked out from the read
     * of stored loans the apply pass makes anyway and the file's rows, so that the overdue snapshot
     * after an import needs no second read of every loan.
     */
    onOverdueLoans?: (loans: OverdueLoan[]) => void;
  },
): Promise<ApplyCounts> {
  const { dryRun } = options;
  const strategy = options.writeStrategy ?? (await detectWriteStrategy());
  const open = async (
    kind: BookEntity,
    extraFields?: Record<string, 1>,
    visit?: (doc: Record<string, unknown>) => void,
  ) => {
    const writer = new EntityWriter(kind, await storedFingerprints(kind, extraFields, visit), dryRun, strategy);
    return {
      counts: writer.counts,
      put: (id: string, fields: Record<string, unknown>) => writer.put(id, fields, fingerprint(fields)),
      flush: () => writer.flush(),
    };
  };
  const communes = await open("commune");
  for (const [code, fields] of validation.communes) await communes.put(code, fields);
  await communes.flush();

  const groups = await open("group");
  for (const [code, g] of validation.groups) {
    await groups.put(code, { ...g.fields, headCode: g.headCode, deputyCode: g.deputyCode });
  }
  await groups.flush();

  // A household lists its open loan numbers so that a balance view reads each loan by `_id` (see
  // services/statement.ts): the loans in this file plus those stored and not closed, since a file
  // that is not a full snapshot may carry only some of a household's loans.
  const storedOpenLoans = new Map<string, string[]>();
  const overdue = new Map<string, OverdueLoan>();
  const trackOverdue = (id: string, l: OverdueLoan & { status?: unknown }) => {
    if (l.status === "open" && l.overduePrincipal > 0) {
      overdue.set(id, {
        communeCode: l.communeCode,
        officeCode: l.officeCode,
        groupCode: l.groupCode,
        overduePrincipal: l.overduePrincipal,
      });
    } else overdue.delete(id);
  };
  const loanExtras = {
    householdCode: 1,
    status: 1,
    overduePrincipal: 1,
    communeCode: 1,
    officeCode: 1,
    groupCode: 1,
  } as const;
  const loans = await open("loan", loanExtras, (loan) => {
    if (loan.importHash === CLOSED_LOAN_HASH) return;
    trackOverdue(String(loan._id), loan as unknown as OverdueLoan & { status: unknown });
    const code = String(loan.householdCode);
    const list = storedOpenLoans.get(code);
    if (list) list.push(String(loan._id));
    else storedOpenLoans.set(code, [String(loan._id)]);
  });
  const households = await open("household");
  const loanNumbersOf = (code: string) =>
    [...new Set([...(validation.householdLoans.get(code) ?? []), ...(storedOpenLoans.get(code) ?? [])])].sort();
  const seenHouseholds = new Set<string>();
  let sinceProgress = 0;
  for await (const item of parseRows(path, format)) {
    if ("errors" in item) throw new Error(`row ${item.row} failed validation on the second pass`);
    const r = item.data;
    if (!seenHouseholds.has(r.customerCode)) {
      seenHouseholds.add(r.customerCode);
      await households.put(r.customerCode, {
        ...householdFields(r, options.idHashSecret),
        loanNumbers: loanNumbersOf(r.customerCode),
      });
    }
    const fields = loanFields(r);
    await loans.put(r.loanNumber, fields);
    trackOverdue(r.loanNumber, fields);
    if (++sinceProgress >= PROGRESS_EVERY) {
      sinceProgress = 0;
      await options.onProgress?.();
    }
  }
  await households.flush();
  await loans.flush();

  let loansClosed = 0;
  if (options.fullSnapshot) {
    const toClose = await openLoansNotIn([...validation.officeCodes], validation.loanNumbers);
    loansClosed = toClose.length;
    if (!dryRun) await closeLoans(toClose, new Date());
    for (const id of toClose) overdue.delete(id);
  }
  options.onOverdueLoans?.([...overdue.values()]);

  return {
    communes: communes.counts,
    groups: groups.counts,
    households: households.counts,
    loans: loans.counts,
    loansClosed,
  };
}
