/**
 * Issue 24: an officer may be scoped to a list of transaction points. What that covers is the groups
 * that keep those points, read from stored data at the moment of acting: households, /stats (by
 * point), broadcasts (an audience "one point"), approvals; a group moved to another point leaves the
 * scope at once. A file always writes its communes, wider than a point: such an officer cannot import.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { DeliveryModel } from "../../src/data/models/index.js";
import { coversPlaces, resolveAudience } from "../../src/features/broadcast/service.js";
import { computeStats } from "../../src/features/stats/computeStats.js";
import { importFile } from "../../src/import/run.js";
import { staffRole } from "../../src/staff/roles.js";
import { documentMessage, testBot, text } from "../support/bot.js";
import { TEST_ID_SECRET, useTestDatabase } from "../support/database.js";
import { useTempDir, writeRows } from "../support/files.js";
import { loadMergedCommune, MERGED_COMMUNE_ROWS, POINT_CHAT } from "../support/pointsFixture.js";
import { planDay } from "../support/reminderFixture.js";

useTestDatabase();
const file = useTempDir();
const ADMIN = 7101;
const OFFICER_D2 = 7102; // scope: point X7-D2 (group G72: KH73, KH74)
const admin = () => testBot(undefined, { adminIds: [ADMIN] });
const roleOf = async (id: number) => {
  const staff = await staffRole(id, [ADMIN]);
  if (!staff) throw new Error("no role");
  return staff;
};

// KH74 (point D2) and KH76 (point D3) have overdue loans.
const BASE_ROWS = MERGED_COMMUNE_ROWS.map((r) =>
  r.customerCode === "KH74" || r.customerCode === "KH76"
    ? { ...r, overduePrincipal: r.customerCode === "KH74" ? "2000000" : "3000000", overdueSince: "01/12/2026" }
    : r,
);

beforeAll(async () => {
  await loadMergedCommune(file("merged.csv"), BASE_ROWS);
  const { bot, lastText } = admin();
  await bot.handleUpdate(text(ADMIN, `/grant ${OFFICER_D2} point:x7-d2`));
  expect(lastText()).toContain("phạm vi: point:X7-D2");
});

describe("an officer scoped to a transaction point", () => {
  it("finds the households of its point and no other", async () => {
    const { bot, lastText } = testBot(undefined, { adminIds: [ADMIN] });
    await bot.handleUpdate(text(OFFICER_D2, "/find KH74"));
    expect(lastText()).toContain("KH74");
    await bot.handleUpdate(text(OFFICER_D2, "/find KH76"));
    expect(lastText()).toContain("Không tìm thấy hộ KH76 trong phạm vi");
  });

  it("sees /stats of its point: its households, overdue by point, and no commune totals", async () => {
    const stats = await computeStats((await roleOf(OFFICER_D2)).scope, "2026-12-17");
    expect(stats.households).toBe(2);
    expect(stats.overdueByCommune).toEqual([]);
    expect(stats.overdueByPoint.map((p) => [p.name, p.amount])).toEqual([["Nậm Kè", 2_000_000]]);
    expect(stats.topGroups.map((g) => g.code)).toEqual(["G72"]);
    // An admin sees the commune's three points side by side, since the commune has several.
    const all = await computeStats({ kind: "all" }, "2026-12-17");
    expect(all.overdueByPoint.map((p) => [p.name, p.amount])).toEqual([
      ["Pá Mỳ", 3_000_000],
      ["Nậm Kè", 2_000_000],
    ]);
    expect(all.overdueByCommune.map((c) => [c.name, c.amount])).toEqual([["Xã Mường Nhé", 5_000_000]]);
  });

  it("broadcasts to its point only, and to one point of a commune when an admin picks it", async () => {
    const scope = (await roleOf(OFFICER_D2)).scope;
    const own = await resolveAudience(scope, { kind: "all" });
    expect(own.recipients.map((r) => r.chatId).sort()).toEqual([POINT_CHAT.KH73, POINT_CHAT.KH74]);
    expect((await resolveAudience(scope, { kind: "point", code: "X7-D3" })).recipients).toEqual([]);
    const byAdmin = await resolveAudience({ kind: "all" }, { kind: "point", code: "X7-D3" });
    expect(byAdmin.recipients.map((r) => r.chatId).sort()).toEqual([POINT_CHAT.KH75, POINT_CHAT.KH76]);
    // It may approve a broadcast that reaches only its point's groups, not one that reaches more.
    expect(coversPlaces(scope, own.places)).toBe(true);
    const wholeCommune = await resolveAudience({ kind: "all" }, { kind: "commune", code: "X7" });
    expect(coversPlaces(scope, wholeCommune.places)).toBe(false);
  });

  it("gets the weekly summary for its point, not for the commune", async () => {
    await planDay("2026-12-21"); // a Monday
    const summary = await DeliveryModel.findOne({ planDate: "2026-12-21", chatId: OFFICER_D2 }).lean();
    expect(summary?.kind).toBe("officer-summary");
    expect(summary?.text).toContain("Nậm Kè (Xã Mường Nhé): 1 khoản quá hạn, 2.000.000 ₫");
    expect(summary?.text).not.toContain("Pá Mỳ");
  });

  it("loses a group the bank moves to another point, at once", async () => {
    const moved = BASE_ROWS.map((r) =>
      r.groupCode === "G72"
        ? {
            ...r,
            pointCode: "X7-D3",
            pointName: "Pá Mỳ",
            formerCommune: "Xã Pá Mỳ",
            transactionPlace: "Trụ sở bản Pá Mỳ",
            transactionDay: "thứ Ba tuần thứ 3",
            weekendRule: "",
          }
        : r,
    );
    const importRows = async (rows: typeof moved, name: string) =>
      importFile(await writeRows(file(name), rows), {
        actor: { kind: "cli", id: "test" },
        idHashSecret: TEST_ID_SECRET,
      });
    expect((await importRows(moved, "moved.csv")).outcome).toBe("applied");
    try {
      const scope = (await roleOf(OFFICER_D2)).scope;
      expect(scope.kind === "points" && [...scope.groups]).toEqual([]);
      expect((await resolveAudience(scope, { kind: "all" })).recipients).toEqual([]);
      const { bot, lastText } = testBot(undefined, { adminIds: [ADMIN] });
      await bot.handleUpdate(text(OFFICER_D2, "/find KH74"));
      expect(lastText()).toContain("Không tìm thấy hộ KH74 trong phạm vi");
    } finally {
      // The other tests of the file expect the group where it was.
      await importRows(BASE_ROWS, "restored.csv");
    }
  });

  it("is told, politely, that it cannot import a file (a file writes communes, wider than a point)", async () => {
    const { bot, lastText } = testBot(undefined, { adminIds: [ADMIN] });
    await bot.handleUpdate(documentMessage(OFFICER_D2, { file_id: "f1", file_name: "data.csv", file_size: 100 }));
    expect(lastText()).toContain("Phạm vi của anh/chị là một số điểm giao dịch");
  });
});
