/**
 * Issue 24: a commune merged in 2025 that kept three transaction points loads from a bank file, and
 * each point's members are reminded on their own point's day and at its place, with both names where
 * they differ; the group heads' lists, /duedates and the planner follow the group's point.
 */
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { calendarOf, loadHolidays } from "../../src/catalogue/load.js";
import { DeliveryModel, GroupModel, TransactionPointModel } from "../../src/data/models/index.js";
import { allPoints } from "../../src/data/points.js";
import { nextSessionOf } from "../../src/domain/transactionPoint.js";
import { loadStatement } from "../../src/features/statement/loadStatement.js";
import { dueDatesView } from "../../src/features/statement/views.js";
import { importFile } from "../../src/import/run.js";
import { TEST_ID_SECRET, useTestDatabase } from "../support/database.js";
import { seedRows, useTempDir, writeRows } from "../support/files.js";
import { clearOutbox } from "../support/outbox.js";
import { loadMergedCommune, POINT_CHAT } from "../support/pointsFixture.js";
import { fixtureI18n, planDay } from "../support/reminderFixture.js";

useTestDatabase();
const file = useTempDir();
const t = (key: string, vars?: Record<string, string | number>) => fixtureI18n.t("vi", key, vars);

beforeAll(async () => {
  await loadMergedCommune(file("merged.csv"));
});
beforeEach(() => clearOutbox());

const plannedOn = async (date: string) => DeliveryModel.find({ planDate: date }).lean();

describe("a merged commune with three transaction points", () => {
  it("stores three points of one commune, each with its own schedule, and each group keeps its own", async () => {
    const points = await TransactionPointModel.find({ communeCode: "X7" }).sort({ _id: 1 }).lean();
    expect(points.map((p) => [p._id, p.name, p.formerCommune, p.schedule])).toEqual([
      ["X7-D1", "Mường Nhé", null, { kind: "day", day: 10 }],
      ["X7-D2", "Nậm Kè", "Xã Nậm Kè", { kind: "day", day: 12 }],
      ["X7-D3", "Pá Mỳ", "Xã Pá Mỳ", { kind: "weekday", weekday: 2, nth: 3 }],
    ]);
    expect(points.map((p) => p.weekendRule)).toEqual([null, "after", null]);
    const groups = await GroupModel.find({ communeCode: "X7" }).sort({ _id: 1 }).lean();
    expect(groups.map((g) => [g._id, g.pointCode])).toEqual([
      ["G71", "X7-D1"],
      ["G72", "X7-D2"],
      ["G73", "X7-D3"],
    ]);
  });

  it("reminds each point's members 3 and 1 days before their own point's day, and nobody else", async () => {
    // D1 meets Thu 10/12; D2's 12th is a Saturday, moved to Mon 14/12; D3 is the third Tuesday, 15/12.
    const expected: Record<string, number[]> = {
      "2026-12-07": [POINT_CHAT.KH71, POINT_CHAT.KH72],
      "2026-12-09": [POINT_CHAT.KH71, POINT_CHAT.KH72],
      "2026-12-11": [POINT_CHAT.KH73, POINT_CHAT.KH74],
      "2026-12-12": [POINT_CHAT.KH75, POINT_CHAT.KH76],
      "2026-12-13": [POINT_CHAT.KH73, POINT_CHAT.KH74],
      "2026-12-14": [POINT_CHAT.KH75, POINT_CHAT.KH76],
    };
    for (let day = 6; day <= 15; day++) {
      const date = `2026-12-${String(day).padStart(2, "0")}`;
      await planDay(date);
      const interest = (await plannedOn(date)).filter((d) => d.kind === "interest");
      expect(interest.map((d) => d.chatId).sort(), date).toEqual([...(expected[date] ?? [])].sort());
    }
  });

  it("says the point's day and place, with the old commune's name and the commune now where they differ", async () => {
    await planDay("2026-12-11");
    const toD2 = (await plannedOn("2026-12-11")).find((d) => d.chatId === POINT_CHAT.KH74)?.text ?? "";
    expect(toD2).toContain("Thứ Hai, 14/12/2026");
    expect(toD2).toContain("Điểm giao dịch Nậm Kè (xã Nậm Kè cũ), nay thuộc xã Mường Nhé — Nhà văn hóa bản Nậm Kè");
    await planDay("2026-12-07");
    const toD1 = (await plannedOn("2026-12-07")).find((d) => d.chatId === POINT_CHAT.KH72)?.text ?? "";
    // The point named as its commune goes by its place alone.
    expect(toD1).toContain("Nơi nộp: Nhà văn hóa xã (07:30-11:00)");
    expect(toD1).not.toContain("Điểm giao dịch Mường Nhé");
  });

  it("sends each head the collection list two days before the group's own point's day", async () => {
    const heads: Record<string, number> = {
      "2026-12-08": POINT_CHAT.KH71,
      "2026-12-12": POINT_CHAT.KH73,
      "2026-12-13": POINT_CHAT.KH75,
    };
    for (const [date, head] of Object.entries(heads)) {
      await planDay(date);
      const lists = (await plannedOn(date)).filter((d) => d.kind === "collection-list");
      expect(
        lists.map((d) => d.chatId),
        date,
      ).toEqual([head]);
    }
    const d3 = (await plannedOn("2026-12-13")).find((d) => d.kind === "collection-list")?.text ?? "";
    expect(d3).toContain("Thứ Ba, 15/12/2026");
    expect(d3).toContain("Điểm giao dịch Pá Mỳ (xã Pá Mỳ cũ), nay thuộc xã Mường Nhé — Trụ sở bản Pá Mỳ");
  });

  it("shows a member of one point its own next sessions on /duedates", async () => {
    const statement = await loadStatement("KH76", "2026-12-06");
    expect(statement?.sessions).toEqual(["2026-12-15", "2027-01-19", "2027-02-16"]);
    const text = dueDatesView(t, statement as NonNullable<typeof statement>, "2026-12-06");
    expect(text).toContain("15/12/2026");
    expect(text).toContain("Điểm giao dịch Pá Mỳ (xã Pá Mỳ cũ)");
  });
});

describe("the seed", () => {
  it("has a merged commune whose three points meet on three different days", async () => {
    const rows = seedRows(150, 3);
    const report = await importFile(await writeRows(file("seed.csv"), rows), {
      actor: { kind: "cli", id: "test" },
      idHashSecret: TEST_ID_SECRET,
    });
    expect(report.outcome).toBe("applied");
    const points = await allPoints();
    const merged = points.filter((p) => p.communeCode === "X00001");
    expect(merged).toHaveLength(3);
    const calendar = calendarOf(loadHolidays());
    const days = new Set(merged.map((p) => nextSessionOf("2026-12-06", p, calendar)));
    expect(days.size).toBe(3);
    expect(merged.filter((p) => p.formerCommune !== null)).toHaveLength(2);
  });
});
