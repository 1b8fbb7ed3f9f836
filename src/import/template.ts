/**
 * The import template: one row per loan, carrying its household, group, transaction point and
 * commune. Headers are
 * matched without regard to case, diacritics or extra spaces, so "Ma khach hang" finds "Mã khách hàng".
 * docs/import.md documents the same list; test/unit/importTemplate.test.ts keeps the two in step.
 */
export const COLUMNS = {
  officeCode: { header: "Mã PGD", required: true },
  officeName: { header: "Tên PGD", required: true },
  communeCode: { header: "Mã xã", required: true },
  communeName: { header: "Tên xã", required: true },
  // A commune merged in 2025 usually keeps several transaction points: each row names its group's.
  // Without these columns a commune has one point, coded and named as the commune.
  pointCode: { header: "Mã điểm giao dịch", required: false },
  pointName: { header: "Tên điểm giao dịch", required: false },
  formerCommune: { header: "Xã cũ", required: false },
  transactionPlace: { header: "Điểm giao dịch", required: true },
  transactionDay: { header: "Ngày giao dịch", required: true },
  transactionHours: { header: "Giờ giao dịch", required: true },
  closureRule: { header: "Khi trùng ngày nghỉ lễ", required: false },
  weekendRule: { header: "Khi trùng cuối tuần", required: false },
  groupCode: { header: "Mã tổ", required: true },
  groupName: { header: "Tên tổ", required: true },
  village: { header: "Thôn", required: true },
  organisation: { header: "Hội đoàn thể", required: true },
  customerCode: { header: "Mã khách hàng", required: true },
  fullName: { header: "Họ tên", required: true },
  phones: { header: "Số điện thoại", required: false },
  nationalId: { header: "CCCD", required: false },
  groupRole: { header: "Vai trò trong tổ", required: false },
  phoneShareable: { header: "Công khai SĐT", required: false },
  savingsBalance: { header: "Số dư tiết kiệm", required: false },
  loanNumber: { header: "Số khế ước", required: true },
  programmeCode: { header: "Mã chương trình", required: true },
  disbursedAmount: { header: "Số tiền giải ngân", required: true },
  disbursedOn: { header: "Ngày giải ngân", required: true },
  maturityOn: { header: "Ngày đến hạn cuối", required: true },
  // One of the two rate columns must be filled: the bank's yearly rate, or its monthly one (× 12).
  annualRate: { header: "Lãi suất (%/năm)", required: false },
  monthlyRate: { header: "Lãi suất (%/tháng)", required: false },
  outstandingPrincipal: { header: "Dư nợ", required: true },
  overduePrincipal: { header: "Dư nợ quá hạn", required: false },
  overdueSince: { header: "Ngày chuyển quá hạn", required: false },
  frozenAmount: { header: "Dư nợ khoanh", required: false },
  unpaidInterest: { header: "Lãi tồn", required: false },
  interestDueNext: { header: "Lãi phải trả kỳ tới", required: false },
  nextInstallmentOn: { header: "Ngày trả gốc kỳ tới", required: false },
  nextInstallmentAmount: { header: "Số tiền gốc kỳ tới", required: false },
} as const;

export type ColumnKey = keyof typeof COLUMNS;
export const COLUMN_KEYS = Object.keys(COLUMNS) as ColumnKey[];
export const HEADERS = COLUMN_KEYS.map((k) => COLUMNS[k].header);

/** Lower case, no diacritics (đ → d), single spaces: the form headers and free text are compared in. */
export function foldVietnamese(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}

const KEY_BY_FOLDED_HEADER = new Map(COLUMN_KEYS.map((k) => [foldVietnamese(COLUMNS[k].header), k]));

export interface HeaderMapping {
  /** Column position → template key, for the columns we know. */
  positions: Map<number, ColumnKey>;
  missing: string[];
  unknown: string[];
  duplicated: string[];
}

export function mapHeaders(headerRow: readonly string[]): HeaderMapping {
  const positions = new Map<number, ColumnKey>();
  const seen = new Set<ColumnKey>();
  const unknown: string[] = [];
  const duplicated: string[] = [];
  headerRow.forEach((raw, index) => {
    const folded = foldVietnamese(raw ?? "");
    if (folded === "") return;
    const key = KEY_BY_FOLDED_HEADER.get(folded);
    if (!key) unknown.push(raw.trim());
    else if (seen.has(key)) duplicated.push(COLUMNS[key].header);
    else {
      seen.add(key);
      positions.set(index, key);
    }
  });
  const missing = COLUMN_KEYS.filter((k) => COLUMNS[k].required && !seen.has(k)).map((k) => COLUMNS[k].header);
  return { positions, missing, unknown, duplicated };
}
