import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ClosureModel } from "../../src/data/models/index.js";
import { formatDateVi } from "../../src/domain/dates.js";
import { refreshClosures } from "../../src/features/closures/calendar.js";
import { loadStatement } from "../../src/features/statement/loadStatement.js";
import { testBot, text } from "../support/bot.js";
import { useTestDatabase } from "../support/database.js";
import { useTempDir } from "../support/files.js";
import { loadReminderFixture } from "../support/reminderFixture.js";

useTestDatabase();
const file = useTempDir();
const ADMIN = 7401;
const OFFICER_X1 = 7402;

beforeAll(async () => {
  await loadReminderFixture(file("village.csv"));
  const { bot } = testBot(undefined, { adminIds: [ADMIN] });
  await bot.handleUpdate(text(ADMIN, `/grant ${OFFICER_X1} commune:X1`));
});
afterAll(async () => {
  await ClosureModel.deleteMany({});
  await refreshClosures();
});

describe("closures added by command", () => {
  it("move a transaction day for everyone at once; only the whole bank's officers may add them", async () => {
    // The bot's day (test/support/bot.ts): Thursday 17 December 2026; X1's transaction day is the 20th.
    const today = "2026-12-17";
    const session = "2026-12-20";
    const { bot, lastText } = testBot(undefined, { adminIds: [ADMIN] });

    await bot.handleUpdate(text(OFFICER_X1, `/closure ${formatDateVi(session)} ${formatDateVi(session)} Nghỉ thử`));
    expect(lastText()).toContain("chỉ quản trị viên");
    expect(await ClosureModel.countDocuments({})).toBe(0);

    await bot.handleUpdate(text(ADMIN, "/closure 31/02/2027 01/03/2027 Sai"));
    expect(lastText()).toContain("Ngày chưa đúng");

    expect((await loadStatement("KH02", today))?.sessions[0]).toBe(session);
    await bot.handleUpdate(text(ADMIN, `/closure ${formatDateVi(session)} ${formatDateVi(session)} Nghỉ thử`));
    expect(lastText()).toContain(`Đã thêm ngày nghỉ ${formatDateVi(session)}`);
    expect((await loadStatement("KH02", today))?.sessions[0]).toBe("2026-12-21");

    await bot.handleUpdate(text(ADMIN, "/closure"));
    expect(lastText()).toContain("Nghỉ thử");
  });
});
