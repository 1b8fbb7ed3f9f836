import { describe, expect, it } from "vitest";
import { fitOneSegment, gsm7Length, smsSegments, toSmsText, unsafeForBrandname } from "../../src/domain/sms.js";
import { createI18n } from "../../src/i18n.js";
import type { PlannedReminder } from "../../src/reminders/rules.js";
import {
  borrowerReminderSms,
  collectionSummarySms,
  smsAmount,
  znsTemplateData,
} from "../../src/reminders/smsMessages.js";

const i18n = createI18n();
const t = (key: string, vars?: Record<string, string | number>) => i18n.t("vi", key, vars);

// The longest values a real book holds: a four-word name with the longest syllables, a nine-digit
// amount, a transaction point named after hamlet and commune, a long group name.
const LONGEST_NAME = "Nguyễn Thị Phượng Khuyến Thường";
const LONGEST_HEAD = "Hoàng Nguyễn Khánh Huyền Trường";
const LONGEST_PLACE = "Nhà văn hóa thôn Thượng Nguyễn, xã Quảng Phú Cầu";
const LONGEST_GROUP = "Tổ TK&VV Hội Cựu chiến binh thôn Thượng Nguyễn Khuyến";
const LARGEST_AMOUNT = 987_654_321;

const reminder = (kind: PlannedReminder["kind"]): PlannedReminder => ({
  kind,
  eventDate: "2026-12-20",
  amount: LARGEST_AMOUNT,
  subject: "session-3d-before",
});

describe("SMS text rules", () => {
  it("writes Vietnamese without diacritics in the GSM-7 alphabet", () => {
    expect(toSmsText("Nguyễn Thị Hằng, Đông Phú: 1.250.000 ₫ – “lãi”")).toBe(
      'Nguyen Thi Hang, Dong Phu: 1.250.000 d - "lai"',
    );
    expect(gsm7Length(toSmsText("Ưu đãi ở Đắk Lắk 😀"))).not.toBeNull();
    expect(toSmsText("😀")).toBe("?");
  });

  it("counts segments: 160 septets in one, 153 per part beyond, extended characters twice", () => {
    expect(smsSegments("a".repeat(160))).toBe(1);
    expect(smsSegments("a".repeat(161))).toBe(2);
    expect(smsSegments("a".repeat(307))).toBe(3);
    expect(smsSegments(`${"a".repeat(159)}€`)).toBe(2);
    expect(smsSegments("Lãi")).toBe(1);
    expect(smsSegments("ã".repeat(71))).toBe(2);
  });

  it("adds optional parts only while the message stays one segment", () => {
    const text = fitOneSegment("x".repeat(150), [" 12345", " 1234567890", " 1"]);
    expect(text).toBe(`${"x".repeat(150)} 12345 1`);
  });

  it("writes money the SMS way", () => {
    expect(smsAmount(1_250_000)).toBe("1.250.000d");
  });
});

describe("SMS templates hold one segment with the longest realistic values", () => {
  for (const kind of ["interest", "principal", "overdue"] as const) {
    it(`${kind} reminder`, () => {
      const sms = borrowerReminderSms(
        t,
        LONGEST_NAME,
        reminder(kind),
        { place: LONGEST_PLACE, hours: "7:30–11:00" },
        { head: LONGEST_HEAD, group: LONGEST_GROUP },
      );
      expect(gsm7Length(sms), sms).not.toBeNull();
      expect(smsSegments(sms), sms).toBe(1);
      expect(sms).toContain(smsAmount(LARGEST_AMOUNT));
      expect(sms).toContain("20/12/2026");
    });
  }

  it("keeps the signature when there is room for it", () => {
    const sms = borrowerReminderSms(t, "Lê Văn An", reminder("interest"), null, {
      head: "Trần Thị Bình",
      group: "Tổ 1",
    });
    expect(sms).toContain("Tran Thi Binh");
  });

  it("names the point before its place where a merged commune kept several (Zalo too), and not otherwise", () => {
    const point = { name: "Nậm Kè", communeName: "Xã Mường Nhé", formerCommune: "Xã Nậm Kè" };
    const sms = borrowerReminderSms(
      t,
      "Lê Văn An",
      reminder("interest"),
      { place: "Nhà văn hóa bản", hours: "", point },
      null,
    );
    expect(sms).toContain("Noi nop: Nam Ke - Nha van hoa ban.");
    expect(smsSegments(sms)).toBe(1);
    const only = { name: "Mường Nhé", communeName: "Xã Mường Nhé", formerCommune: null };
    const plain = borrowerReminderSms(
      t,
      "Lê Văn An",
      reminder("interest"),
      { place: "Nhà văn hóa xã", hours: "", point: only },
      null,
    );
    expect(plain).toContain("Noi nop: Nha van hoa xa.");
    const zns = znsTemplateData(
      "Lê Văn An",
      null,
      reminder("interest"),
      { place: "Nhà văn hóa bản", hours: "", point },
      null,
    );
    expect(zns.place).toBe("Nậm Kè - Nhà văn hóa bản");
  });

  it("group head summary", () => {
    const sms = collectionSummarySms(t, LONGEST_GROUP, "2026-12-20", 60, LARGEST_AMOUNT * 10, 60);
    expect(smsSegments(sms), sms).toBe(1);
    expect(sms).toContain("60 ho nop lai ngay 20/12/2026");
  });
});

describe("text under the bank's brandname", () => {
  it.each([
    ["Nhà văn hóa thôn 3, số 12 đường Lê Lợi", null],
    ["Trụ sở UBND xã Tân Lập", null],
    ["07:30-11:00 ngày 20", null],
    ["Chuyển khoản STK 0123456789", "0123456789"],
    ["Nộp qua số 0912 345 678 nhé", "0912 345 678"],
    ["Xem tại https://nhcsxh-vay.top/dang-ky", "https://nhcsxh-vay.top/dang-ky"],
    ["tra cuu zalo.me/abc", "zalo.me/abc"],
    ["Đọc mã OTP cho cán bộ", "otp"],
    ["Nộp tiền vào tài khoản của tổ trưởng", "tai khoan"],
  ])("%j: %j", (text, found) => {
    expect(unsafeForBrandname(text)).toBe(found);
  });
});
