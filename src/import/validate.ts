import { communeFields, fingerprint, groupFields, pointFields } from "./documents.js";
import { type ParseMode, parseRowsAside, parsesAside } from "./parseAside.js";
import { type ParsedRow, parseRows, type RowError } from "./parseRows.js";
import { type FileFormat, ImportFileError } from "./source.js";
import type { RowSpool } from "./spool.js";
import { COLUMNS, type ColumnKey } from "./template.js";

export interface GroupSummary {
  fields: ReturnType<typeof groupFields>;
  headCode: string | null;
  deputyCode: string | null;
}

export interface ValidationResult {
  rows: number;
  errors: RowError[];
  errorCount: number;
  /** The file's loan numbers (each with its first row: the same map as `firstRows.loans`). */
  loanNumbers: ReadonlyMap<string, number>;
  officeCodes: Set<string>;
  householdCount: number;
  /** Each household's loan numbers in this file, in file order. */
  householdLoans: Map<string, string[]>;
  communes: Map<string, ReturnType<typeof communeFields>>;
  points: Map<string, PointFields>;
  groups: Map<string, GroupSummary>;
  /** The first row of each commune, point, group, household and loan: where a refusal points. */
  firstRows: {
    communes: Map<string, number>;
    points: Map<string, number>;
    groups: Map<string, number>;
    households: Map<string, number>;
    loans: Map<string, number>;
  };
}

interface FirstSeen {
  row: number;
  key: string;
}

type PointFields = ReturnType<typeof pointFields>;

/** The template column each field of a point comes from: a second, different row is refused there. */
const POINT_COLUMNS: Record<keyof PointFields, ColumnKey> = {
  communeCode: "communeCode",
  officeCode: "officeCode",
  schedule: "transactionDay",
  place: "transactionPlace",
  hours: "transactionHours",
  name: "pointName",
  formerCommune: "formerCommune",
  closureRule: "closureRule",
  weekendRule: "weekendRule",
  officeName: "officeName",
};

type ValidRow = Extract<ParsedRow, { data: unknown }>;

/** What the first pass has seen so far: keys and fingerprints, and the first row of each. */
class FileCheck {
  readonly result: ValidationResult = {
    rows: 0,
    errors: [],
    errorCount: 0,
    loanNumbers: new Map(),
    officeCodes: new Set(),
    householdCount: 0,
    householdLoans: new Map(),
    communes: new Map(),
    points: new Map(),
    groups: new Map(),
    firstRows: { communes: new Map(), points: new Map(), groups: new Map(), households: new Map(), loans: new Map() },
  };
  private readonly loanRows = new Map<string, number>();
  private readonly households = new Map<string, FirstSeen>();
  private readonly communeSeen = new Map<string, FirstSeen>();
  private readonly pointRows = new Map<string, number>();
  private readonly pointKeys = new Map<string, string>();
  private readonly groupSeen = new Map<string, FirstSeen>();
  private readonly roleHolders = new Map<string, { code: string; row: number }>();

  constructor(private readonly maxErrors: number) {}

  report(error: RowError): void {
    this.result.errorCount++;
    if (this.result.errors.length < this.maxErrors) this.result.errors.push(error);
  }

  /** The same code described the same way on every row; a second, different description is an error. */
  private consistent(
    seen: Map<string, FirstSeen>,
    code: string,
    key: string,
    row: number,
    column: ColumnKey,
    entity: string,
  ) {
    const first = seen.get(code);
    if (!first) {
      seen.set(code, { row, key });
      return true;
    }
    if (first.key === key) return true;
    const params = { firstRow: first.row, entity, code };
    this.report({ row, column: COLUMNS[column].header, reason: "conflict", params });
    return false;
  }

  row({ row, data: r }: ValidRow): void {
    const firstLoanRow = this.loanRows.get(r.loanNumber);
    if (firstLoanRow !== undefined) {
      this.report({
        row,
        column: COLUMNS.loanNumber.header,
        reason: "duplicate-loan",
        params: { firstRow: firstLoanRow },
      });
      return;
    }
    this.loanRows.set(r.loanNumber, row);
    const { result } = this;
    result.officeCodes.add(r.officeCode);
    const commune = communeFields(r);
    // Communes and groups are few: their description itself is the key (cheaper than hashing it each row).
    if (this.consistent(this.communeSeen, r.communeCode, JSON.stringify(commune), row, "communeCode", "commune")) {
      result.communes.set(r.communeCode, commune);
    }
    this.point(row, r);
    const group = groupFields(r);
    if (this.consistent(this.groupSeen, r.groupCode, JSON.stringify(group), row, "groupCode", "group")) {
      if (!result.groups.has(r.groupCode))
        result.groups.set(r.groupCode, { fields: group, headCode: null, deputyCode: null });
    }
    this.household(row, r);
  }

  /**
   * A point is described the same way on every row of its groups; where two rows differ, the
   * refusal names the column that differs (the day, the place…), not just the point's code.
   */
  private point(row: number, r: ValidRow["data"]): void {
    const fields = pointFields(r);
    const key = JSON.stringify(fields);
    const first = this.result.points.get(r.pointCode);
    if (!first) {
      this.result.points.set(r.pointCode, fields);
      this.pointRows.set(r.pointCode, row);
      this.pointKeys.set(r.pointCode, key);
      return;
    }
    if (this.pointKeys.get(r.pointCode) === key) return;
    const differs = (Object.keys(POINT_COLUMNS) as (keyof PointFields)[]).find(
      (k) => JSON.stringify(first[k]) !== JSON.stringify(fields[k]),
    );
    if (!differs) return;
    const params = { firstRow: this.pointRows.get(r.pointCode) ?? 0, entity: "point", code: r.pointCode };
    this.report({ row, column: COLUMNS[POINT_COLUMNS[differs]].header, reason: "conflict", params });
  }

  private household(row: number, r: ValidRow["data"]): void {
    // The raw CCCD goes into the fingerprint only as part of a hash, never kept as text.
    const key = fingerprint([
      r.fullName,
      r.phones,
      r.phoneShareable,
      r.nationalId,
      r.groupCode,
      r.groupRole,
      r.savingsBalance,
    ]);
    const isNew = !this.households.has(r.customerCode);
    if (!this.consistent(this.households, r.customerCode, key, row, "customerCode", "household")) return;
    const loansOfHousehold = this.result.householdLoans.get(r.customerCode);
    if (loansOfHousehold) loansOfHousehold.push(r.loanNumber);
    else this.result.householdLoans.set(r.customerCode, [r.loanNumber]);
    if (!isNew) return;
    this.result.householdCount++;
    if (r.groupRole !== "member") this.roleHolder(row, r);
  }

  /** One head and one deputy per group. */
  private roleHolder(row: number, r: ValidRow["data"]): void {
    const roleKey = `${r.groupCode}\u0000${r.groupRole}`;
    const holder = this.roleHolders.get(roleKey);
    if (holder && holder.code !== r.customerCode) {
      const role = r.groupRole === "head" ? "Tổ trưởng" : "Tổ phó";
      const params = { code: r.groupCode, role, firstRow: holder.row };
      this.report({ row, column: COLUMNS.groupRole.header, reason: "second-head", params });
      return;
    }
    this.roleHolders.set(roleKey, { code: r.customerCode, row });
    const summary = this.result.groups.get(r.groupCode);
    if (summary) summary[r.groupRole === "head" ? "headCode" : "deputyCode"] = r.customerCode;
  }

  finish(): ValidationResult {
    const { result } = this;
    result.loanNumbers = this.loanRows;
    const rowsOf = (seen: Map<string, FirstSeen>) => new Map([...seen].map(([code, first]) => [code, first.row]));
    result.firstRows = {
      communes: rowsOf(this.communeSeen),
      points: this.pointRows,
      groups: rowsOf(this.groupSeen),
      households: rowsOf(this.households),
      loans: this.loanRows,
    };
    return result;
  }
}

/**
 * First pass over the file: every row through zod, then the checks that need the whole file
 * (repeated loan numbers, a household/group/point/commune described differently on two rows, two heads
 * for one group). Keeps only keys and small fingerprints in memory, never the rows; `spool` receives
 * the parsed rows for the second pass while no row has failed (after that there is none).
 */
export async function validateFile(
  path: string,
  format: FileFormat,
  maxErrors = 1000,
  spool?: RowSpool,
  parse: ParseMode = "auto",
): Promise<ValidationResult> {
  const check = new FileCheck(maxErrors);
  const rows = (await parsesAside(path, parse)) ? parseRowsAside(path, format) : parseRows(path, format);
  for await (const item of rows) {
    check.result.rows++;
    if ("errors" in item) for (const error of item.errors) check.report(error);
    else {
      check.row(item);
      if (spool && check.result.errorCount === 0) await spool.add(item.row, item.data);
    }
  }
  if (check.result.rows === 0) throw new ImportFileError("no-rows");
  return check.finish();
}
