import { z } from "zod";
import type { ClosureRule, WeekendRule } from "../domain/bookRecords.js";
import { type LocalDate, parseDateVi } from "../domain/dates.js";
import { type Dong, parseDong } from "../domain/money.js";
import { isNationalId } from "../domain/nationalId.js";
import type { Organisation } from "../domain/organisations.js";
import { normalizeVnPhone } from "../domain/phone.js";
import { annualFromMonthly, parsePercent, type RatePpm } from "../domain/rates.js";
import { unsafeForBrandname } from "../domain/sms.js";
import { parseSchedule, type TransactionSchedule } from "../domain/transactionDay.js";
import { type ColumnKey, foldVietnamese } from "./template.js";

/** Why a cell was refused: a locale key suffix (`import-reason-<reason>`) and its parameters. */
export interface CellProblem {
  reason: string;
  params?: Record<string, string | number>;
}

type Check<T> = (text: string) => T | CellProblem;

function isProblem(value: unknown): value is CellProblem {
  return typeof value === "object" && value !== null && "reason" in value;
}

/** One cell's check over its raw text: the value, or why it was refused. */
type Field<T> = (raw: string) => T | CellProblem;

/** A field over the raw cell text: empty cells are `fallback` (or refused when required). */
function field<T>(check: Check<T>, options: { required: true }): Field<T>;
function field<T, F>(check: Check<T>, options: { fallback: F }): Field<T | F>;
function field<T, F>(check: Check<T>, options: { required?: true; fallback?: F }): Field<T | F> {
  return (raw) => {
    const text = raw.trim();
    if (text === "") return options.required ? { reason: "required" } : (options.fallback as F);
    const result = check(text);
    return isProblem(result) ? { reason: result.reason, params: { value: text, ...result.params } } : result;
  };
}

/** Cells that repeat over thousands of rows (places, days, dates, roles) are checked once per text. */
const CACHE_LIMIT = 4096;
function memo<T>(check: Check<T>): Check<T> {
  const cache = new Map<string, T | CellProblem>();
  return (text) => {
    let result = cache.get(text);
    if (result === undefined) {
      if (cache.size >= CACHE_LIMIT) cache.clear();
      result = check(text);
      cache.set(text, result);
    }
    return result;
  };
}

const CODE_RE = /^[\p{L}\p{N}][\p{L}\p{N}._/-]{0,39}$/u;
const code: Check<string> = (t) => (CODE_RE.test(t) ? t : { reason: "bad-code" });
const name =
  (max: number): Check<string> =>
  (t) =>
    t.length <= max ? t.replace(/\s+/g, " ") : { reason: "too-long", params: { max } };

/** A text that goes out under the bank's brandname (SMS, Zalo): a name or place, nothing to pay into. */
const brandText =
  (max: number): Check<string> =>
  (t) => {
    const found = unsafeForBrandname(t);
    return found ? { reason: "not-brand-safe", params: { found } } : name(max)(t);
  };

const amount: Check<Dong> = (t) => {
  if (/^-\s*\d/.test(t)) return { reason: "negative" };
  return parseDong(t) ?? { reason: "not-amount" };
};
const date: Check<LocalDate> = (t) => parseDateVi(t) ?? { reason: "not-date" };
/** "20", "ngày 20", or a weekday rule such as "thứ Ba tuần thứ 3" (domain/transactionDay.ts). */
const transactionDay: Check<TransactionSchedule> = (t) => parseSchedule(t) ?? { reason: "not-transaction-day" };

const CLOSURE_RULES: Record<string, ClosureRule> = {
  sau: "after",
  "lui sau": "after",
  "ngay lam viec sau": "after",
  after: "after",
  truoc: "before",
  "dua len truoc": "before",
  "ngay lam viec truoc": "before",
  before: "before",
};
const WEEKEND_RULES: Record<string, WeekendRule> = {
  giu: "keep",
  "giu nguyen": "keep",
  "van giao dich": "keep",
  keep: "keep",
  ...CLOSURE_RULES,
};
const closureRule: Check<ClosureRule> = (t) => CLOSURE_RULES[foldVietnamese(t)] ?? { reason: "unknown-closure-rule" };
const weekendRule: Check<WeekendRule> = (t) => WEEKEND_RULES[foldVietnamese(t)] ?? { reason: "unknown-weekend-rule" };
/** A yearly rate, exact ("7,9248" → 79,248 millionths). Under 1 % a year it is most likely monthly. */
const annualRate: Check<RatePpm> = (t) => {
  const rate = parsePercent(t);
  if (rate === null || rate <= 0 || rate > 30 * 10_000) return { reason: "not-rate" };
  return rate < 10_000 ? { reason: "rate-looks-monthly" } : rate;
};
/** A monthly rate, exact ("0,52" → 5,200 millionths a month). */
const monthlyRateCell: Check<RatePpm> = (t) => {
  const rate = parsePercent(t);
  return rate === null || rate <= 0 || rate > 25_000 ? { reason: "not-monthly-rate" } : rate;
};
/** A monthly rate the bank rounded to 1/10,000 % may differ from yearly ÷ 12 by that much, times 12. */
const RATE_AGREEMENT_PPM = 12;
const phones: Check<string[]> = (t) => {
  const result: string[] = [];
  for (const part of t
    .split(/[;/|,]/)
    .map((p) => p.trim())
    .filter(Boolean)) {
    // Spreadsheets drop the leading zero of numbers typed as numbers: 912345678 → 0912345678.
    const normalised = normalizeVnPhone(/^[35789]\d{8}$/.test(part) ? `0${part}` : part);
    if (!normalised) return { reason: "not-phone", params: { value: part } };
    if (!result.includes(normalised)) result.push(normalised);
  }
  return result;
};
const nationalId: Check<string> = (t) => (isNationalId(t) ? t : { reason: "not-national-id" });

const ORGANISATION_NAMES: Record<string, Organisation> = {
  hnd: "HND",
  "hoi nong dan": "HND",
  hpn: "HPN",
  "hoi phu nu": "HPN",
  "hoi lien hiep phu nu": "HPN",
  hccb: "HCCB",
  "hoi cuu chien binh": "HCCB",
  dtn: "DTN",
  "doan thanh nien": "DTN",
};
const organisation: Check<Organisation> = (t) =>
  ORGANISATION_NAMES[foldVietnamese(t)] ?? { reason: "unknown-organisation" };

const ROLES: Record<string, "head" | "deputy" | "member"> = {
  "to truong": "head",
  tt: "head",
  "to pho": "deputy",
  tp: "deputy",
  "thanh vien": "member",
  tv: "member",
};
const groupRole: Check<"head" | "deputy" | "member"> = (t) => ROLES[foldVietnamese(t)] ?? { reason: "unknown-role" };

const YES_NO: Record<string, boolean> = {
  co: true,
  c: true,
  x: true,
  yes: true,
  "1": true,
  khong: false,
  k: false,
  no: false,
  "0": false,
};
const yesNo: Check<boolean> = (t) => YES_NO[foldVietnamese(t)] ?? { reason: "not-yes-no" };

/** Each column's check (the caches live as long as one schema: one file). */
function rowFields(programmeCodes: ReadonlySet<string>) {
  const programme: Check<string> = (t) =>
    programmeCodes.has(t.toUpperCase()) ? t.toUpperCase() : { reason: "unknown-programme" };
  const place = memo(brandText(120));
  const day = memo(date);
  return {
    officeCode: field(code, { required: true }),
    officeName: field(memo(name(120)), { required: true }),
    communeCode: field(code, { required: true }),
    communeName: field(memo(name(120)), { required: true }),
    pointCode: field(code, { fallback: null }),
    pointName: field(place, { fallback: null }),
    formerCommune: field(place, { fallback: null }),
    transactionPlace: field(memo(brandText(200)), { required: true }),
    transactionDay: field(memo(transactionDay), { required: true }),
    transactionHours: field(memo(brandText(60)), { required: true }),
    closureRule: field(memo(closureRule), { fallback: null }),
    weekendRule: field(memo(weekendRule), { fallback: null }),
    groupCode: field(code, { required: true }),
    groupName: field(place, { required: true }),
    village: field(memo(name(120)), { required: true }),
    organisation: field(memo(organisation), { required: true }),
    customerCode: field(code, { required: true }),
    fullName: field(brandText(120), { required: true }),
    phones: field(phones, { fallback: [] as string[] }),
    nationalId: field(nationalId, { fallback: null }),
    groupRole: field(memo(groupRole), { fallback: "member" as const }),
    phoneShareable: field(memo(yesNo), { fallback: false }),
    savingsBalance: field(amount, { fallback: 0 }),
    loanNumber: field(code, { required: true }),
    programmeCode: field(memo(programme), { required: true }),
    disbursedAmount: field(amount, { required: true }),
    disbursedOn: field(day, { required: true }),
    maturityOn: field(day, { required: true }),
    annualRate: field(memo(annualRate), { fallback: null }),
    monthlyRate: field(memo(monthlyRateCell), { fallback: null }),
    outstandingPrincipal: field(amount, { required: true }),
    overduePrincipal: field(amount, { fallback: 0 }),
    overdueSince: field(day, { fallback: null }),
    frozenAmount: field(amount, { fallback: 0 }),
    unpaidInterest: field(amount, { fallback: 0 }),
    interestDueNext: field(amount, { fallback: 0 }),
    nextInstallmentOn: field(day, { fallback: null }),
    nextInstallmentAmount: field(amount, { fallback: null }),
  } satisfies Record<ColumnKey, Field<unknown>>;
}

type Parsed = { [K in ColumnKey]: ReturnType<typeof rowFields>[K] extends Field<infer T> ? T : never };

export function createRowSchema(programmeCodes: ReadonlySet<string>) {
  const fields = rowFields(programmeCodes);
  const entries = Object.entries(fields) as [ColumnKey, Field<unknown>][];

  // zod checks the row's shape (one string per column); the cells are then checked in one loop, which
  // costs a fraction of a zod pipeline per cell (38 of them per row, the import's largest cost).
  const cells = z.object(Object.fromEntries(entries.map(([key]) => [key, z.string().optional()])));
  return cells.transform((raw, ctx) => {
    const r = {} as Record<ColumnKey, unknown>;
    let refused = false;
    for (const [key, check] of entries) {
      const value = check((raw as Record<string, string | undefined>)[key] ?? "");
      if (isProblem(value)) {
        ctx.addIssue({ code: "custom", path: [key], params: value.params ? value : { reason: value.reason } });
        refused = true;
      } else r[key] = value;
    }
    if (refused) return z.NEVER;
    const row = r as Parsed;
    const problems = crossFieldProblems(row);
    for (const p of problems) {
      ctx.addIssue({
        code: "custom",
        path: [p.path],
        params: { reason: p.reason, params: p.other ? { otherKey: p.other } : {} },
      });
    }
    if (problems.length > 0) return z.NEVER;
    // The bank's rate for this loan is the truth for it: the yearly one, or the monthly one × 12.
    // Without point columns the commune has one point, coded and named as the commune.
    return {
      ...row,
      annualRatePpm: row.annualRate ?? annualFromMonthly(row.monthlyRate ?? 0),
      pointCode: row.pointCode ?? row.communeCode,
      pointName: row.pointName ?? row.communeName,
    };
  });
}

interface CrossFieldRow {
  outstandingPrincipal: Dong;
  disbursedAmount: Dong;
  overduePrincipal: Dong;
  frozenAmount: Dong;
  maturityOn: LocalDate;
  disbursedOn: LocalDate;
  overdueSince: LocalDate | null;
  nextInstallmentOn: LocalDate | null;
  nextInstallmentAmount: Dong | null;
  annualRate: RatePpm | null;
  monthlyRate: RatePpm | null;
}

/** The rules between cells of a row whose cells are each valid. */
function crossFieldProblems(r: CrossFieldRow): { path: ColumnKey; reason: string; other?: ColumnKey }[] {
  const found: { path: ColumnKey; reason: string; other?: ColumnKey }[] = [];
  const problem = (path: ColumnKey, reason: string, other?: ColumnKey) =>
    found.push(other ? { path, reason, other } : { path, reason });
  if (r.outstandingPrincipal > r.disbursedAmount) problem("outstandingPrincipal", "exceeds", "disbursedAmount");
  if (r.overduePrincipal > r.outstandingPrincipal) problem("overduePrincipal", "exceeds", "outstandingPrincipal");
  if (r.frozenAmount > r.outstandingPrincipal) problem("frozenAmount", "exceeds", "outstandingPrincipal");
  if (r.maturityOn < r.disbursedOn) problem("maturityOn", "before", "disbursedOn");
  if (r.overduePrincipal > 0 && r.overdueSince === null) problem("overdueSince", "overdue-needs-date");
  if ((r.nextInstallmentOn === null) !== (r.nextInstallmentAmount === null)) {
    problem(r.nextInstallmentOn === null ? "nextInstallmentOn" : "nextInstallmentAmount", "installment-pair");
  }
  if (r.nextInstallmentAmount !== null && r.nextInstallmentAmount > r.outstandingPrincipal) {
    problem("nextInstallmentAmount", "exceeds", "outstandingPrincipal");
  }
  if (r.annualRate === null && r.monthlyRate === null) problem("annualRate", "rate-required", "monthlyRate");
  if (
    r.annualRate !== null &&
    r.monthlyRate !== null &&
    Math.abs(r.annualRate - annualFromMonthly(r.monthlyRate)) > RATE_AGREEMENT_PPM
  ) {
    problem("monthlyRate", "rate-mismatch", "annualRate");
  }
  return found;
}

export type ImportRow = z.infer<ReturnType<typeof createRowSchema>>;

/** Maps a schema field back to its template column (they share their names). */
export function columnOf(path: PropertyKey | undefined): ColumnKey {
  return path as ColumnKey;
}
