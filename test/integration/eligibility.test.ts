import { describe, expect, it } from "vitest";
import { callback, testBot, text } from "../support/bot.js";
import { useTestDatabase } from "../support/database.js";

useTestDatabase();

describe("eligibility guide", () => {
  it("walks a poor household wanting to farm to the poor-household programme, with figures and source", async () => {
    const user = 6001;
    const { bot, calls, lastText } = testBot();
    await bot.handleUpdate(text(user, "❓ Tôi có được vay?"));
    expect(lastText()).toContain("Hộ ông/bà thuộc diện nào?");
    await bot.handleUpdate(callback(user, "el:status:poor"));
    expect(lastText()).toContain("vay để làm gì");
    await bot.handleUpdate(callback(user, "el:purpose:production"));
    await bot.handleUpdate(callback(user, "el:commune:no"));
    await bot.handleUpdate(callback(user, "el:rural:yes"));
    // Asked as a status, in positive form, with "don't know" offered.
    expect(lastText()).toContain("đã chấp hành xong án phạt tù");
    expect(JSON.stringify(calls.at(-1)?.payload.reply_markup)).toContain("Không rõ");
    await bot.handleUpdate(callback(user, "el:fu:served-sentence:no"));
    await bot.handleUpdate(callback(user, "el:fu:ethnic-minority-programme:no"));
    const result = lastText();
    expect(result).toContain("Cho vay hộ nghèo");
    expect(result).toContain("100 triệu đồng");
    expect(result).toContain("6,24%/năm (0,52%/tháng), áp dụng từ 01/12/2025 theo QĐ 2553/QĐ-TTg");
    expect(result).toContain("Gặp tổ trưởng");
    expect(result).not.toContain("Cho vay hộ cận nghèo");
    expect(calls.filter((c) => c.method === "answerCallbackQuery").length).toBe(6);

    await bot.handleUpdate(callback(user, "el:why"));
    expect(lastText()).toContain("Cho vay hộ cận nghèo</b>: dành cho diện hộ khác");
    expect(lastText()).toContain("đã dừng cho vay mới");
  });

  it("asks the follow-up a programme needs, and says so when nothing fits", async () => {
    const user = 6002;
    const { bot, lastText } = testBot();
    await bot.handleUpdate(text(user, "/eligibility"));
    await bot.handleUpdate(callback(user, "el:status:other"));
    await bot.handleUpdate(callback(user, "el:purpose:overseas-work"));
    await bot.handleUpdate(callback(user, "el:commune:no"));
    await bot.handleUpdate(callback(user, "el:rural:no"));
    expect(lastText()).toContain("hợp đồng đi làm việc ở nước ngoài");
    await bot.handleUpdate(callback(user, "el:fu:has-contract:no"));
    expect(lastText()).toContain("chưa có chương trình nào phù hợp");
  });
});
