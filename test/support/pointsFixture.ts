import { BorrowerAccountModel } from "../../src/data/models/index.js";
import { importFile } from "../../src/import/run.js";
import { type Row, writeRows } from "./files.js";
import { FIXTURE_ROWS } from "./reminderFixture.js";
import { TEST_ID_SECRET } from "./secrets.js";

/**
 * A commune merged on 1 July 2025 that kept three transaction points, as a bank file writes it (issue
 * 24): Xã Mường Nhé (X7, office PGD7) with
 * - X7-D1 "Mường Nhé": Nhà văn hóa xã, the 10th (Thu 10/12/2026); group G71 (head KH71, member KH72);
 * - X7-D2 "Nậm Kè", after the old Xã Nậm Kè: Nhà văn hóa bản Nậm Kè, the 12th, moved off a weekend to
 *   the day after (Sat 12/12/2026 → Mon 14/12/2026); group G72 (head KH73, member KH74);
 * - X7-D3 "Pá Mỳ", after the old Xã Pá Mỳ: Trụ sở bản Pá Mỳ, the third Tuesday (Tue 15/12/2026);
 *   group G73 (head KH75, member KH76).
 */
const template = FIXTURE_ROWS[1] as Row;

const POINTS = {
  D1: {
    pointCode: "X7-D1",
    pointName: "Mường Nhé",
    formerCommune: "",
    transactionPlace: "Nhà văn hóa xã",
    transactionDay: "10",
    weekendRule: "",
  },
  D2: {
    pointCode: "X7-D2",
    pointName: "Nậm Kè",
    formerCommune: "Xã Nậm Kè",
    transactionPlace: "Nhà văn hóa bản Nậm Kè",
    transactionDay: "12",
    weekendRule: "sau",
  },
  D3: {
    pointCode: "X7-D3",
    pointName: "Pá Mỳ",
    formerCommune: "Xã Pá Mỳ",
    transactionPlace: "Trụ sở bản Pá Mỳ",
    transactionDay: "thứ Ba tuần thứ 3",
    weekendRule: "",
  },
} as const;

function member(point: keyof typeof POINTS, n: number, head: boolean): Row {
  const group = `G7${point.slice(1)}`;
  return {
    ...template,
    officeCode: "PGD7",
    officeName: "PGD Mường Nhé",
    communeCode: "X7",
    communeName: "Xã Mường Nhé",
    ...POINTS[point],
    transactionHours: "07:30-11:00",
    closureRule: "",
    groupCode: group,
    groupName: `Tổ bản ${POINTS[point].pointName}`,
    customerCode: `KH7${n}`,
    fullName: `Người Bản ${n}`,
    loanNumber: `KU7${n}`,
    groupRole: head ? "Tổ trưởng" : "Thành viên",
    interestDueNext: String(100_000 + n * 1_000),
    nextInstallmentOn: "",
    nextInstallmentAmount: "",
  } as Row;
}

export const MERGED_COMMUNE_ROWS: Row[] = [
  member("D1", 1, true),
  member("D1", 2, false),
  member("D2", 3, true),
  member("D2", 4, false),
  member("D3", 5, true),
  member("D3", 6, false),
];

/** Telegram chats of the merged commune's households (all linked). */
export const POINT_CHAT = { KH71: 171, KH72: 172, KH73: 173, KH74: 174, KH75: 175, KH76: 176 } as const;

export async function loadMergedCommune(path: string, rows: Row[] = MERGED_COMMUNE_ROWS): Promise<void> {
  const report = await importFile(await writeRows(path, rows), {
    actor: { kind: "cli", id: "test" },
    idHashSecret: TEST_ID_SECRET,
  });
  if (report.outcome !== "applied") throw new Error(`merged commune import ${report.outcome}`);
  await BorrowerAccountModel.insertMany(
    Object.entries(POINT_CHAT).map(([code, chatId]) => ({
      _id: code,
      telegramLinks: [{ telegramUserId: chatId, linkedAt: new Date(), via: "contact" }],
    })),
  );
}
