import mongoose from "mongoose";
import { describe, expect, it } from "vitest";
import { callback, documentMessage, testBot, text } from "../support/bot.js";
import { useTestDatabase } from "../support/database.js";

useTestDatabase();

describe("FAQ and free text", () => {
  it("answers a question typed without diacritics from the catalogue", async () => {
    const { bot, lastText } = testBot();
    await bot.handleUpdate(text(7001, "lai suat ho ngheo"));
    expect(lastText()).toContain("Cho vay hộ nghèo");
    expect(lastText()).toContain("6,24%/năm (0,52%/tháng)");
    expect(lastText()).toContain("áp dụng từ 01/12/2025 theo QĐ 2553/QĐ-TTg");
  });

  it("answers a typed question with typos at once, and gives the legal basis and sources behind a button", async () => {
    const { bot, calls, lastText } = testBot();
    await bot.handleUpdate(text(7011, "lai xuat ho ngeo"));
    expect(lastText()).toContain("Cho vay hộ nghèo");
    expect(lastText().length).toBeLessThan(400);
    expect(JSON.stringify(calls.at(-1)?.payload.reply_markup)).toContain("faq:src:HN");
    await bot.handleUpdate(callback(7011, "faq:src:HN"));
    expect(lastText()).toContain("NĐ 78/2002");
    expect(lastText()).toContain("baogialai.com.vn");
  });

  it("reads no officer record to answer a question (only a file sent to the bot is an officer's input)", async () => {
    const { bot, lastText } = testBot();
    const read: string[] = [];
    const client = mongoose.connection.getClient();
    const record = (e: { commandName: string; command: Record<string, unknown> }) =>
      read.push(`${e.commandName} ${String(e.command[e.commandName])}`);
    client.on("commandStarted", record);
    try {
      await bot.handleUpdate(text(7012, "lai suat ho ngheo"));
      expect(lastText()).toContain("Cho vay hộ nghèo");
      expect(read.length, "the monitor saw the update's commands").toBeGreaterThan(0);
      expect(read.filter((c) => c.endsWith(" officers"))).toEqual([]);
      await bot.handleUpdate(documentMessage(7012, { file_id: "f1", file_name: "sao-ke.csv", file_size: 1_000 }));
      expect(read.filter((c) => c.endsWith(" officers")).length, "a file is checked against the officers").toBe(1);
    } finally {
      client.off("commandStarted", record);
    }
  });

  it("answers the same with diacritics", async () => {
    const { bot, lastText } = testBot();
    await bot.handleUpdate(text(7002, "Vay nước sạch được bao nhiêu?"));
    expect(lastText()).toContain("25 triệu đồng");
  });

  it("opens linking for a personal question from an unlinked user", async () => {
    const { bot, lastText } = testBot();
    await bot.handleUpdate(text(7003, "toi con no bao nhieu"));
    expect(lastText()).toContain("/link");
  });

  it("offers the best matches and the group head when unsure", async () => {
    const { bot, calls, lastText } = testBot();
    await bot.handleUpdate(text(7004, "vay"));
    expect(lastText()).toContain("Có phải ông/bà muốn hỏi");
    const markup = JSON.stringify(calls.at(-1)?.payload.reply_markup);
    expect(markup).toContain("faq:ask-head");
    expect((markup.match(/"callback_data":"faq:/g) ?? []).length).toBe(4);
    await bot.handleUpdate(callback(7004, "faq:ask-head"));
    expect(lastText()).toContain("tổ trưởng");
  });

  it("answers a fixed question picked from the list", async () => {
    const { bot, lastText } = testBot();
    await bot.handleUpdate(text(7005, "/faq"));
    await bot.handleUpdate(callback(7005, "faq:penalty-interest"));
    expect(lastText()).toContain("130%");
  });

  it("answers a flooded borrower with what the risk rules provide (extension, freezing, write-off), not an interest cut", async () => {
    const { bot, lastText } = testBot();
    await bot.handleUpdate(text(7006, "/faq"));
    await bot.handleUpdate(callback(7006, "faq:disaster"));
    const answer = lastText();
    expect(answer).toContain("gia hạn nợ; khoanh nợ");
    expect(answer).toContain("xóa nợ");
    expect(answer).toContain("QĐ 50/2010/QĐ-TTg");
    expect(answer).toContain("QĐ 62/QĐ-HĐQT");
    expect(answer).not.toContain("miễn giảm lãi");
    // What no source confirmed is said to be unconfirmed, not guessed.
    expect(answer).toContain("Chưa xác nhận được từ nguồn: mẫu giấy đề nghị, thời hạn nộp");
  });

  it("gives the poverty line in force, the one from 2027, and says there is no average-living standard for 2027 yet", async () => {
    const { bot, lastText } = testBot();
    await bot.handleUpdate(text(7007, "chuan ngheo la bao nhieu"));
    const answer = lastText();
    expect(answer).toContain("1.500.000 ₫/người/tháng trở xuống ở nông thôn");
    expect(answer).toContain("Từ 01/01/2027: 2.200.000 ₫/người/tháng ở nông thôn, 2.800.000 ₫ ở thành thị");
    expect(answer).toContain("Hộ có mức sống trung bình từ 01/01/2027: chưa có quy định chính thức");
  });
});
