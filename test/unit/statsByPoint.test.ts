import { describe, expect, it } from "vitest";
import type { Stats } from "../../src/features/stats/computeStats.js";
import { statsChartData, statsText } from "../../src/features/stats/views.js";
import { createI18n } from "../../src/i18n.js";

const i18n = createI18n();
const t = (key: string, vars?: Record<string, string | number>) => i18n.t("vi", key, vars);
const base: Stats = {
  households: 6,
  linked: 6,
  remindersSent: 0,
  remindersFailed: 0,
  unreachable: 0,
  overdueByCommune: [{ code: "X7", name: "Xã Mường Nhé", amount: 5_000_000, count: 2 }],
  overdueByPoint: [
    { code: "X7-D3", name: "Pá Mỳ", communeName: "Xã Mường Nhé", amount: 3_000_000, count: 1 },
    { code: "X7-D2", name: "Nậm Kè", communeName: "Xã Mường Nhé", amount: 2_000_000, count: 1 },
  ],
  topGroups: [],
  trend: [],
  codesUnderAttack: [],
  phoneCosts: [],
};

describe("/stats by transaction point", () => {
  it("lists overdue by point under overdue by commune where a commune has several points", () => {
    const text = statsText(t, "vi", base, "toàn bộ", "2026-12-17");
    expect(text).toContain("Nợ quá hạn theo xã");
    expect(text).toContain("• Pá Mỳ (Xã Mường Nhé): 3.000.000 ₫ (1 khế ước)");
    expect(text.indexOf("Nợ quá hạn theo xã")).toBeLessThan(text.indexOf("Nợ quá hạn theo điểm giao dịch"));
  });

  it("shows an officer of points its points alone, on the chart too", () => {
    const points = { ...base, overdueByCommune: [] };
    const text = statsText(t, "vi", points, "Nậm Kè", "2026-12-17");
    expect(text).not.toContain("Nợ quá hạn theo xã");
    expect(text).toContain("Nợ quá hạn theo điểm giao dịch");
    const chart = statsChartData(t, points);
    expect(chart.overdue.labels).toEqual(["Pá Mỳ", "Nậm Kè"]);
    expect(chart.overdue.title).toContain("điểm giao dịch");
  });

  it("leaves the section out where every commune has one point", () => {
    const text = statsText(t, "vi", { ...base, overdueByPoint: [] }, "toàn bộ", "2026-12-17");
    expect(text).not.toContain("điểm giao dịch");
  });
});
