/**
 * Issue 28, reminder wording experiments: an officer proposes, an admin other than the proposer
 * approves (a "no reminder" arm only after its own approval); planning puts each household of the
 * area in an arm as it meets it, records it, and words its reminder by the arm; the arm stays.
 */
import mongoose from "mongoose";
import { beforeAll, describe, expect, it } from "vitest";
import { prepareDatabase } from "../../src/data/connection.js";
import { allExperiments, type Experiment, readAssignments, readOutcomes } from "../../src/data/experiments.js";
import { DeliveryModel } from "../../src/data/models/index.js";
import { experimentResults } from "../../src/experiments/outcomes.js";
import { importFile } from "../../src/import/run.js";
import { callback, testBot, text } from "../support/bot.js";
import { useTestDatabase } from "../support/database.js";
import { type Row, useTempDir, writeRows } from "../support/files.js";
import { clearOutbox, communeOfficer } from "../support/outbox.js";
import { CHAT, FIXTURE_ROWS, loadReminderFixture, planDay } from "../support/reminderFixture.js";
import { TEST_ID_SECRET } from "../support/secrets.js";

useTestDatabase();
const file = useTempDir();
const ADMIN = 900;
const OFFICER = 801;
const OTHER_COMMUNE = 802;
const bot = testBot(undefined, { adminIds: [ADMIN] });
const reply = () => bot.lastText();

async function interestTexts(date: string) {
  const planned = await DeliveryModel.find({ planDate: date, kind: "interest" }, { chatId: 1, text: 1 }).lean();
  return new Map(planned.map((d) => [d.chatId as number, d.text]));
}

// Each step builds on the one before: proposal, planning, imports.
describe("reminder wording experiments", { shuffle: false }, () => {
  let id = "";

  beforeAll(async () => {
    await mongoose.connection.dropDatabase();
    await prepareDatabase();
    await loadReminderFixture(file("village.csv"));
    await communeOfficer(OFFICER, ["X1"], new Date());
    await communeOfficer(OTHER_COMMUNE, ["X2"], new Date());
  });

  it("are proposed within the officer's scope and approved by an admin, not by the proposer", async () => {
    await bot.bot.handleUpdate(text(OFFICER, "/experiment interest plain,signed commune:X2 17/12/2026-31/12/2026"));
    expect(reply()).toContain("thuộc phạm vi của anh/chị");
    await bot.bot.handleUpdate(text(OFFICER, "/experiment interest plain commune:X1 17/12/2026-31/12/2026"));
    expect(reply()).toContain("Cần 2 đến 4 cách viết");
    await bot.bot.handleUpdate(text(OFFICER, "/experiment interest plain,signed commune:X1 17/12/2026-31/12/2026"));
    id = /E[0-9A-Z]+/.exec(reply())?.[0] ?? "";
    expect(reply()).toBe(`Đã gửi đề xuất ${id} để quản trị viên duyệt.`);
    await bot.bot.handleUpdate(callback(OFFICER, `ex:ok:${id}`));
    expect(reply()).toContain("chỉ dành cho quản trị viên");
    await bot.bot.handleUpdate(callback(ADMIN, `ex:ok:${id}`));
    expect(reply()).toContain(`${id} (đã duyệt)`);
  });

  it("word each household's reminder by its arm, and keep its arm on every later day", async () => {
    await planDay("2026-12-17");
    const { arms, counts } = await readAssignments(id);
    // The linked households of X1 with interest due (KH04 has no Telegram: not enrolled).
    expect([...arms.keys()].sort()).toEqual(["KH01", "KH02", "KH03"]);
    for (const c of counts.values()) expect(Math.max(...c) - Math.min(...c)).toBeLessThanOrEqual(1);
    const texts = await interestTexts("2026-12-17");
    for (const code of ["KH02", "KH03"] as const) {
      const signedByHead = (texts.get(CHAT[code]) ?? "").includes("Nguyễn Thị Hoa");
      expect(signedByHead, code).toBe(arms.get(code) === 1);
    }
    // KH05 (commune X2) is outside the area: signed as before, and not enrolled.
    expect(arms.has("KH05")).toBe(false);

    await clearOutbox();
    await planDay("2026-12-17");
    await planDay("2026-12-18");
    expect((await readAssignments(id)).arms).toEqual(arms);
  });

  it("read each enrolled household's outcome off the imports after the transaction day", async () => {
    const [kh01, kh02, kh03, kh04, kh05] = FIXTURE_ROWS as [Row, Row, Row, Row, Row];
    const importOn = async (date: string, rows: Row[]) =>
      importFile(await writeRows(file(`${date}.csv`), rows), {
        actor: { kind: "cli", id: "test" },
        idHashSecret: TEST_ID_SECRET,
        now: new Date(`${date}T03:00:00Z`),
      });
    const armsBefore = (await readAssignments(id)).arms;
    // After the 20th: KH01 and KH03 left nothing unpaid, KH02 left its 220,000 unpaid.
    await importOn("2026-12-21", [kh01, { ...kh02, unpaidInterest: "220000" }, kh03, kh04, kh05]);
    // A week later KH02 paid it.
    await importOn("2026-12-28", [kh01, kh02, kh03, kh04, kh05]);
    // Two re-imports later, every household keeps its arm.
    expect((await readAssignments(id)).arms).toEqual(armsBefore);
    const { outcomes, lastImport } = await readOutcomes(id);
    expect(lastImport).toBe("2026-12-28");
    expect(Object.fromEntries(outcomes)).toEqual({
      KH01: [["2026-12-20", "2026-12-20"]],
      KH02: [["2026-12-20", "2026-12-28"]],
      KH03: [["2026-12-20", "2026-12-20"]],
    });
    const results = await experimentResults((await allExperiments()).find((e) => e.id === id) as Experiment);
    const sum = (key: "onTime" | "late") => results.itt.reduce((total, arm) => total + arm[key], 0);
    expect([sum("onTime"), sum("late")]).toEqual([2, 1]);
    // Nothing was dispatched in this test: no household counts as reached.
    expect(results.reach.every((a) => a.households === 0)).toBe(true);
    await bot.bot.handleUpdate(text(OFFICER, `/experiment ${id}`));
    expect(reply()).toContain("chưa đủ dữ liệu (cần ít nhất 30)");
    expect(reply()).toContain("Chỉ các hộ đã nhận được lời nhắc");
    expect(bot.calls.at(-1)?.method).toBe("sendPhoto");
    // /stats shows it to the officer of X1, not to the officer of X2.
    const statsOf = async (user: number) => {
      const before = bot.texts().length;
      await bot.bot.handleUpdate(text(user, "/stats"));
      return bot.texts().slice(before).join("\n");
    };
    expect(await statsOf(OFFICER)).toContain(`${id} (đã duyệt)`);
    expect(await statsOf(OTHER_COMMUNE)).not.toContain(id);
    // Nor its results or its line, by command: as for an experiment that does not exist.
    await bot.bot.handleUpdate(text(OTHER_COMMUNE, `/experiment ${id}`));
    expect(reply()).toBe(`Không có thử nghiệm ${id} trong phạm vi của anh/chị.`);
    await bot.bot.handleUpdate(text(OTHER_COMMUNE, "/experiment"));
    expect(reply()).not.toContain(id);
  });

  it("send no reminder to a 'none' arm only after that arm's own approval", async () => {
    await bot.bot.handleUpdate(text(OFFICER, "/experiment principal none,plain commune:X1 18/12/2026-31/12/2026"));
    const other = /E[0-9A-Z]+/.exec(reply())?.[0] ?? "";
    await bot.bot.handleUpdate(callback(ADMIN, `ex:ok:${other}`));
    expect(reply()).toContain("cần duyệt riêng nhánh này trước");
    await bot.bot.handleUpdate(callback(ADMIN, `ex:none:${other}`));
    await bot.bot.handleUpdate(callback(ADMIN, `ex:ok:${other}`));
    expect((await allExperiments()).find((e) => e.id === other)?.state).toBe("approved");
    await clearOutbox();
    // KH02's installment of 5,000,000 falls due on 20/12, reminded the day before: in the "none" arm, none goes.
    const report = await planDay("2026-12-19");
    const arm = (await readAssignments(other)).arms.get("KH02");
    const principal = await DeliveryModel.countDocuments({ kind: "principal", chatId: CHAT.KH02 });
    expect(principal).toBe(arm === 0 ? 0 : 1);
    expect(report.skipped.experiment).toBe(arm === 0 ? 1 : 0);
  });
});
