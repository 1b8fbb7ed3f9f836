import { loadProgrammeCatalogue } from "../catalogue/load.js";
import { rateOn } from "../catalogue/rates.js";
import { addDays, addMonths, formatDateVi, type LocalDate } from "../domain/dates.js";
import { formatRate, interestForDays } from "../domain/rates.js";
import type { ColumnKey } from "../import/template.js";

/** mulberry32: small, fast and deterministic, so the same seed always gives the same data. */
function createRandom(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T,
    chance: (p: number) => next() < p,
  };
}
type Random = ReturnType<typeof createRandom>;

const FAMILY = [
  "Nguyễn",
  "Trần",
  "Lê",
  "Phạm",
  "Hoàng",
  "Huỳnh",
  "Phan",
  "Vũ",
  "Võ",
  "Đặng",
  "Bùi",
  "Đỗ",
  "Hồ",
  "Ngô",
  "Dương",
  "Lý",
];
const MIDDLE_M = ["Văn", "Hữu", "Đức", "Minh", "Quốc", "Thanh", "Công"];
const MIDDLE_F = ["Thị", "Ngọc", "Thu", "Thanh", "Kim", "Minh"];
const GIVEN_M = [
  "An",
  "Bình",
  "Cường",
  "Dũng",
  "Hải",
  "Hùng",
  "Khoa",
  "Long",
  "Nam",
  "Phúc",
  "Quang",
  "Sơn",
  "Tâm",
  "Thắng",
  "Tuấn",
  "Việt",
];
const GIVEN_F = [
  "Hà",
  "Hạnh",
  "Hoa",
  "Hương",
  "Lan",
  "Linh",
  "Mai",
  "Nga",
  "Nhung",
  "Oanh",
  "Thảo",
  "Trang",
  "Vân",
  "Xuân",
  "Yến",
  "Hằng",
];
const PLACES = [
  "Tân Lập",
  "Hòa Bình",
  "Yên Thành",
  "Quảng Phú",
  "Đồng Tâm",
  "Phú Xuân",
  "Thanh Sơn",
  "Hưng Đạo",
  "An Khánh",
  "Vĩnh Phúc",
  "Tiên Phong",
  "Minh Đức",
  "Bắc Sơn",
  "Nam Hà",
  "Tân Hưng",
  "Phước Long",
];
/** Old communes' names, kept by the transaction points of the merged communes in the seed. */
const OLD_COMMUNES = ["Nậm Kè", "Pá Mỳ", "Quảng Lâm", "Chung Chải", "Sín Thầu", "Leng Su Sìn", "Nậm Vì", "Huổi Lếch"];
const ORGS = ["Hội Nông dân", "Hội Phụ nữ", "Hội Cựu chiến binh", "Đoàn Thanh niên"];
const MOBILE_PREFIXES = [
  "32",
  "33",
  "35",
  "37",
  "39",
  "70",
  "76",
  "77",
  "78",
  "79",
  "81",
  "83",
  "84",
  "85",
  "86",
  "88",
  "89",
  "90",
  "91",
  "94",
  "96",
  "97",
  "98",
];

/** Programme mix and amount ranges (đồng) that look like a real commune's loan book. */
const PROGRAMME_MIX: { code: string; weight: number; min: number; max: number; months: number }[] = [
  { code: "HN", weight: 24, min: 20, max: 100, months: 60 },
  { code: "CN", weight: 18, min: 20, max: 100, months: 60 },
  { code: "MTN", weight: 10, min: 20, max: 100, months: 48 },
  { code: "HSSV", weight: 10, min: 10, max: 60, months: 72 },
  { code: "GQVL", weight: 10, min: 30, max: 150, months: 60 },
  { code: "NSVS", weight: 16, min: 10, max: 25, months: 60 },
  { code: "SXKD", weight: 5, min: 30, max: 100, months: 36 },
  { code: "XKLD", weight: 3, min: 50, max: 150, months: 36 },
  { code: "NOXH", weight: 1, min: 300, max: 800, months: 300 },
  { code: "CHAT", weight: 1, min: 20, max: 80, months: 60 },
  { code: "NOHN", weight: 2, min: 10, max: 25, months: 180 },
];
const TOTAL_WEIGHT = PROGRAMME_MIX.reduce((s, p) => s + p.weight, 0);

export interface SeedOptions {
  households: number;
  seed: number;
  /** The day the snapshot describes. */
  asOf: LocalDate;
  /** Share of loans with overdue principal. */
  overdueShare?: number;
}

export interface DemoPeople {
  borrowers: { customerCode: string; phone: string | null; nationalIdLast4: string | null; groupCode: string }[];
  heads: { customerCode: string; phone: string | null; groupCode: string }[];
}

function phone(random: Random): string {
  return `0${random.pick(MOBILE_PREFIXES)}${String(random.int(0, 9_999_999)).padStart(7, "0")}`;
}

function personName(random: Random): string {
  const female = random.chance(0.55);
  return `${random.pick(FAMILY)} ${random.pick(female ? MIDDLE_F : MIDDLE_M)} ${random.pick(female ? GIVEN_F : GIVEN_M)}`;
}

function pickProgramme(random: Random) {
  let roll = random.next() * TOTAL_WEIGHT;
  for (const p of PROGRAMME_MIX) {
    roll -= p.weight;
    if (roll < 0) return p;
  }
  return PROGRAMME_MIX[0] as (typeof PROGRAMME_MIX)[number];
}

type LoanColumn = Extract<
  ColumnKey,
  | "loanNumber"
  | "programmeCode"
  | "disbursedAmount"
  | "disbursedOn"
  | "maturityOn"
  | "annualRate"
  | "monthlyRate"
  | "outstandingPrincipal"
  | "overduePrincipal"
  | "overdueSince"
  | "frozenAmount"
  | "unpaidInterest"
  | "interestDueNext"
  | "nextInstallmentOn"
  | "nextInstallmentAmount"
>;

/** One loan's columns; draws from `random` in a fixed order, so a seed always gives the same file. */
function loanColumns(
  random: Random,
  asOf: LocalDate,
  overdueShare: number,
  rates: ReadonlyMap<string, number>,
  loanSeq: number,
): Record<LoanColumn, string> {
  const p = pickProgramme(random);
  const disbursed = random.int(p.min, p.max) * 1_000_000;
  const termMonths = p.months;
  const ageMonths = random.int(1, Math.max(1, termMonths - 1));
  const disbursedOn = addMonths(asOf, -ageMonths);
  const maturityOn = addMonths(disbursedOn, termMonths);
  const installments = Math.max(1, Math.round(termMonths / 6));
  const installmentAmount = Math.round(disbursed / installments / 1000) * 1000;
  const paid = Math.min(installments - 1, Math.floor(ageMonths / 6));
  const outstanding = Math.max(installmentAmount, disbursed - paid * installmentAmount);
  const overdue = random.chance(overdueShare);
  const overdueAmount = overdue ? Math.min(outstanding, installmentAmount) : 0;
  const rate = rates.get(p.code) ?? 62_400;
  const next = addDays(asOf, random.int(1, 180));
  return {
    loanNumber: `KU${String(loanSeq).padStart(9, "0")}`,
    programmeCode: p.code,
    disbursedAmount: String(disbursed),
    disbursedOn: formatDateVi(disbursedOn),
    maturityOn: formatDateVi(maturityOn),
    annualRate: formatRate(rate, "vi"),
    monthlyRate: "",
    outstandingPrincipal: String(outstanding),
    overduePrincipal: String(overdueAmount),
    overdueSince: overdue ? formatDateVi(addDays(asOf, -random.int(1, 400))) : "",
    frozenAmount: "0",
    unpaidInterest: overdue ? String(interestForDays(outstanding, rate, 30)) : "0",
    interestDueNext: String(interestForDays(outstanding, rate, 30)),
    nextInstallmentOn: next <= maturityOn ? formatDateVi(next) : "",
    nextInstallmentAmount: next <= maturityOn ? String(Math.min(installmentAmount, outstanding)) : "",
  };
}

type PointColumn = Extract<
  ColumnKey,
  | "pointCode"
  | "pointName"
  | "formerCommune"
  | "transactionPlace"
  | "transactionDay"
  | "transactionHours"
  | "closureRule"
  | "weekendRule"
>;

/**
 * Every fifth commune (the first among them) was merged on 1 July 2025 and kept three transaction
 * points: its own and two named after the old communes, each on another day, one of them by weekday.
 * The others have one point, coded and named as the commune (the point columns left empty). Draws no
 * random numbers, so the rest of the file is the same with or without merged communes.
 */
function pointColumns(commune: number, communeName: string, day: number, group: number): Record<PointColumn, string> {
  // In the template's column order: the row's values are read by position in some tests.
  const row = (p: { code: string; name: string; former: string; place: string; day: string; weekend: string }) => ({
    pointCode: p.code,
    pointName: p.name,
    formerCommune: p.former,
    transactionPlace: p.place,
    transactionDay: p.day,
    transactionHours: "07:30-11:00",
    closureRule: "",
    weekendRule: p.weekend,
  });
  const ownPlace = `Nhà văn hóa ${communeName.replace("Xã ", "xã ")}`;
  if (commune % 5 !== 0) return row({ code: "", name: "", former: "", place: ownPlace, day: String(day), weekend: "" });
  const communeCode = `X${String(commune + 1).padStart(5, "0")}`;
  const which = group % 3;
  if (which === 0) {
    const name = communeName.replace("Xã ", "");
    return row({ code: `${communeCode}-D1`, name, former: "", place: ownPlace, day: String(day), weekend: "" });
  }
  const old = OLD_COMMUNES[((commune / 5) * 2 + which - 1) % OLD_COMMUNES.length] as string;
  return row({
    code: `${communeCode}-D${which + 1}`,
    name: old,
    former: `Xã ${old}`,
    place: which === 1 ? `Trụ sở thôn ${old}` : `Nhà văn hóa bản ${old}`,
    // The second point keeps a day of the month (moved off weekends), the third a weekday.
    day: which === 1 ? String((day % 28) + 3) : "thứ Ba tuần thứ 3",
    weekend: which === 1 ? "sau" : "",
  });
}

/**
 * Yields rows of the import template (as text, like a bank export): offices of ~8 communes, communes
 * of ~600 households, groups of 20–50 members each with a head and usually a deputy, 1–3 loans per
 * household, some households without a phone, `overdueShare` of loans overdue.
 */
export function* generateRows(options: SeedOptions, demo?: DemoPeople): Generator<Record<ColumnKey, string>> {
  const random = createRandom(options.seed);
  // Each loan at its programme's rate on the seed's date, as the bank's file would hold it.
  const catalogue = loadProgrammeCatalogue();
  const rates = new Map(
    catalogue.programmes.map((p) => [p.code, rateOn(catalogue, p.code, options.asOf)?.ppm ?? 62_400]),
  );
  const overdueShare = options.overdueShare ?? 0.03;
  let household = 0;
  let loanSeq = 0;
  for (let commune = 0; household < options.households; commune++) {
    const office = Math.floor(commune / 8);
    const communeCode = `X${String(commune + 1).padStart(5, "0")}`;
    const communeName = `Xã ${PLACES[commune % PLACES.length]}${commune >= PLACES.length ? ` ${Math.floor(commune / PLACES.length) + 1}` : ""}`;
    const day = random.pick([5, 6, 10, 15, 17, 20, 25, 28, 31]);
    const communeSize = random.int(400, 800);
    for (let group = 0, inCommune = 0; inCommune < communeSize && household < options.households; group++) {
      const groupCode = `${communeCode}-T${String(group + 1).padStart(2, "0")}`;
      const size = Math.min(random.int(20, 50), options.households - household);
      const organisation = random.pick(ORGS);
      const village = `Thôn ${random.int(1, 12)}`;
      const hasDeputy = random.chance(0.8);
      for (let member = 0; member < size; member++, household++, inCommune++) {
        const customerCode = `KH${String(household + 1).padStart(8, "0")}`;
        const role = member === 0 ? "Tổ trưởng" : member === 1 && hasDeputy ? "Tổ phó" : "Thành viên";
        const phones = member === 0 || random.chance(0.88) ? phone(random) : "";
        const nationalId = random.chance(0.95)
          ? `0${String(random.int(1, 96)).padStart(2, "0")}${String(random.int(0, 999_999_999)).padStart(9, "0")}`
          : "";
        const fullName = personName(random);
        const savings = random.chance(0.7) ? random.int(1, 400) * 10_000 : 0;
        if (demo && member === 0 && demo.heads.length < 5)
          demo.heads.push({ customerCode, phone: phones || null, groupCode });
        if (demo && member > 1 && demo.borrowers.length < 5 && random.chance(0.1)) {
          demo.borrowers.push({
            customerCode,
            phone: phones || null,
            nationalIdLast4: nationalId ? nationalId.slice(-4) : null,
            groupCode,
          });
        }
        const loans = random.chance(0.55) ? 1 : random.chance(0.7) ? 2 : 3;
        for (let l = 0; l < loans; l++) {
          loanSeq++;
          yield {
            officeCode: `PGD${String(office + 1).padStart(3, "0")}`,
            officeName: `Phòng giao dịch ${PLACES[office % PLACES.length]}`,
            communeCode,
            communeName,
            ...pointColumns(commune, communeName, day, group),
            groupCode,
            groupName: `Tổ TK&VV ${village} (${organisation})`,
            village,
            organisation,
            customerCode,
            fullName,
            phones,
            nationalId,
            groupRole: role,
            phoneShareable: member === 0 ? "Có" : "Không",
            savingsBalance: String(savings),
            ...loanColumns(random, options.asOf, overdueShare, rates, loanSeq),
          };
        }
      }
    }
  }
}
