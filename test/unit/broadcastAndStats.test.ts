import { describe, expect, it } from "vitest";
import { emptyCounts } from "../../src/delivery/counters.js";
import {
  broadcastConfigSchema,
  broadcastTooLong,
  needsApproval,
  parseVietnamDateTime,
  RESEND_MARKER_ROOM,
} from "../../src/domain/broadcast.js";
import { lastWeeks, millions, percentOf, topByAmount, weekStart } from "../../src/domain/stats.js";
import { finalReportText, progressText } from "../../src/features/broadcast/monitor.js";
import { progressBar, secondsLeft } from "../../src/features/broadcast/progress.js";
import { coversPlaces } from "../../src/features/broadcast/service.js";
import { createI18n } from "../../src/i18n.js";

const i18n = createI18n();

describe("broadcast rules", () => {
  it("reads dd/mm/yyyy hh:mm as Vietnam time and rejects what is not a real date or time", () => {
    expect(parseVietnamDateTime("01/12/2026 08:00")?.toISOString()).toBe("2026-12-01T01:00:00.000Z");
    expect(parseVietnamDateTime(" 1/2/2027 7h05 ")?.toISOString()).toBe("2027-02-01T00:05:00.000Z");
    for (const bad of ["31/02/2027 08:00", "01/12/2026 24:00", "01/12/2026 08:60", "2026-12-01 08:00", "mai 8h"]) {
      expect(parseVietnamDateTime(bad)).toBeNull();
    }
  });

  it("draws a ten-step progress bar and estimates the time left", () => {
    expect(progressBar(0, 200)).toBe("░░░░░░░░░░ 0%");
    expect(progressBar(101, 200)).toBe("▓▓▓▓▓░░░░░ 50%");
    expect(progressBar(200, 200)).toBe("▓▓▓▓▓▓▓▓▓▓ 100%");
    expect(progressBar(0, 0)).toBe("▓▓▓▓▓▓▓▓▓▓ 100%");
    expect(secondsLeft(300, null, 30)).toBe(10);
    expect(secondsLeft(300, 20, 30)).toBe(15);
    expect(secondsLeft(0, 20, 30)).toBeNull();
  });

  it("keeps to Telegram's text and caption lengths, header and room for a resend marker included", () => {
    const header = "x".repeat(50);
    const room = 52 + RESEND_MARKER_ROOM;
    expect(broadcastTooLong("a".repeat(4096 - room), header, false)).toBe(false);
    expect(broadcastTooLong("a".repeat(4096 - room + 1), header, false)).toBe(true);
    expect(broadcastTooLong("a".repeat(1024 - room), header, true)).toBe(false);
    expect(broadcastTooLong("a".repeat(1024 - room + 1), header, true)).toBe(true);
    // The marker as the texts write it fits in that room, in both languages.
    for (const locale of ["vi", "en"] as const) {
      expect(createI18n().t(locale, "resend-marker").length + 1).toBeLessThanOrEqual(RESEND_MARKER_ROOM);
    }
  });

  it("asks for approval only above the threshold", () => {
    const config = broadcastConfigSchema.parse({ approvalThreshold: 100 });
    expect(needsApproval(100, config)).toBe(false);
    expect(needsApproval(101, config)).toBe(true);
  });

  it("lets an approver approve only when their scope covers every commune reached", () => {
    const places = [
      { communeCode: "X1", officeCode: "PGD1" },
      { communeCode: "X2", officeCode: "PGD2" },
    ];
    expect(coversPlaces({ kind: "all" }, places)).toBe(true);
    expect(coversPlaces({ kind: "offices", codes: ["PGD1", "PGD2"] }, places)).toBe(true);
    expect(coversPlaces({ kind: "offices", codes: ["PGD1"] }, places)).toBe(false);
    expect(coversPlaces({ kind: "communes", codes: ["X1"] }, places)).toBe(false);
  });

  it("renders progress, a scheduled send, and the final report in both languages", () => {
    const counts = { ...emptyCounts(), sent: 1200, unreachable: 30, failed: 2 };
    const progress = { total: 3000, counts, left: 1768, finished: false };
    const now = new Date("2026-12-01T02:00:00Z");
    const vi = progressText(i18n, "vi", { _id: "ab12", startsAt: null }, progress, 28, 30, now);
    expect(vi).toBe(
      "📢 Thông báo ab12\n▓▓▓▓░░░░░░ 41%\nĐã gửi: 1.200 · Không gửi được: 32 · Còn lại: 1.768\nƯớc tính còn: 1 phút 4 giây",
    );
    const en = progressText(i18n, "en", { _id: "ab12", startsAt: null }, progress, null, 1, now);
    expect(en).toContain("Time left: about 29 min 28 s");
    const waiting = { total: 3000, counts: emptyCounts(), left: 3000, finished: false };
    const at = new Date("2026-12-02T01:30:00Z");
    const later = progressText(i18n, "vi", { _id: "ab12", startsAt: at }, waiting, null, 30, now);
    expect(later).toBe("📢 Thông báo ab12\nSẽ bắt đầu gửi lúc 08:30 ngày 02/12/2026 đến 3.000 tài khoản.");
    const codes = Array.from({ length: 32 }, (_, i) => `KH${i}`);
    const report = finalReportText(i18n, "vi", { _id: "ab12", status: "done" }, counts, 0, codes);
    expect(report).toContain("✅ Thông báo ab12 đã gửi xong.");
    expect(report).toContain("Không nhắn được 32 hộ: KH0, KH1,");
    expect(report).toContain("… và 2 hộ khác.");
    expect(report).not.toContain("KH31");
  });
});

describe("statistics rules", () => {
  it("counts weeks from Monday and lists the last eight, oldest first", () => {
    expect(weekStart("2026-11-28")).toBe("2026-11-23"); // a Saturday
    expect(weekStart("2026-11-23")).toBe("2026-11-23"); // a Monday
    expect(weekStart("2026-11-29")).toBe("2026-11-23"); // a Sunday
    const weeks = lastWeeks("2026-11-28", 8);
    expect(weeks).toHaveLength(8);
    expect(weeks[0]).toBe("2026-10-05");
    expect(weeks[7]).toBe("2026-11-23");
  });

  it("ranks places by overdue amount and leaves out those with none", () => {
    const rows = [
      { code: "B", amount: 5, count: 1 },
      { code: "A", amount: 5, count: 2 },
      { code: "C", amount: 9, count: 1 },
      { code: "D", amount: 0, count: 0 },
    ];
    expect(topByAmount(rows, 2).map((r) => r.code)).toEqual(["C", "A"]);
    expect(topByAmount(rows, 10).map((r) => r.code)).toEqual(["C", "A", "B"]);
  });

  it("formats shares and chart amounts", () => {
    expect(percentOf(1, 3, "vi")).toBe("33,3%");
    expect(percentOf(1, 3, "en")).toBe("33.3%");
    expect(percentOf(0, 0, "vi")).toBe("0%");
    expect(millions(3_050_000)).toBe(3.1);
    expect(millions(3_000_000)).toBe(3);
  });
});
