/**
 * Issue 26, disaster mode: an officer declares an event over a commune, a second officer approves
 * it; while it lasts, interest and overdue reminders to that commune are held (its neighbours are
 * planned as before) and its linked borrowers get one notice; the day after it ends, what is still
 * owed is reminded once. The index planner and the whole-book planner agree throughout.
 */
import mongoose from "mongoose";
import { beforeEach, describe, expect, it } from "vitest";
import { loadProgrammeCatalogue } from "../../src/catalogue/load.js";
import type { Relief } from "../../src/catalogue/schema.js";
import { prepareDatabase } from "../../src/data/connection.js";
import { decideDisaster, disasterEvent, proposeDisaster } from "../../src/data/disasters.js";
import { fileHardshipReport } from "../../src/data/hardship.js";
import { AuditLogModel, BorrowerAccountModel, DeliveryModel, DisasterEventModel } from "../../src/data/models/index.js";
import { addDays, type LocalDate } from "../../src/domain/dates.js";
import type { DisasterEvent } from "../../src/domain/disaster.js";
import { importFile } from "../../src/import/run.js";
import { reminderConfigSchema } from "../../src/reminders/config.js";
import { type PlanOptions, renderDay } from "../../src/reminders/planner.js";
import { callback, testBot, text } from "../support/bot.js";
import { WORKING_DAY_10AM } from "../support/clock.js";
import { useTestDatabase } from "../support/database.js";
import { type Row, seedRows, useTempDir, writeRows } from "../support/files.js";
import { clearOutbox, communeOfficer } from "../support/outbox.js";
import { CHAT, fixtureI18n, loadReminderFixture, planDay } from "../support/reminderFixture.js";
import { TEST_ID_SECRET } from "../support/secrets.js";

useTestDatabase();
const file = useTempDir();
beforeEach(async () => {
  await mongoose.connection.dropDatabase();
  await prepareDatabase();
});

const HELD = new Set(["interest", "overdue"]);
const shippedRelief = loadProgrammeCatalogue().reliefs[0] as Relief;

describe("disaster mode in planning, on a seeded book", () => {
  const options = (bookSource: "index" | "book", disasters: DisasterEvent[]): PlanOptions => ({
    config: reminderConfigSchema.parse({}),
    closures: [],
    i18n: fixtureI18n,
    adminIds: [901],
    reliefs: [],
    disasters,
    bookSource,
  });
  const plan = async (day: LocalDate, source: "index" | "book", disasters: DisasterEvent[]) =>
    (await renderDay(day, options(source, disasters))).day;
  const ids = (p: { deliveries: { _id: string }[] }) => p.deliveries.map((d) => d._id).sort();

  /**
   * A seeded book whose first commune kept three transaction points (the seed's merged commune): the
   * event is over its second point, and the first day looked at is six days before that point's
   * session in March 2027, so that its interest reminders fall inside the event.
   */
  async function seedBook(): Promise<{ point: string; groups: Set<string>; first: LocalDate }> {
    const rows = seedRows(400, 31, "2027-02-27");
    const report = await importFile(await writeRows(file("seed.csv"), rows), {
      actor: { kind: "cli", id: "test" },
      idHashSecret: TEST_ID_SECRET,
    });
    expect(report.outcome).toBe("applied");
    const codes = [...new Set(rows.map((r) => r.customerCode))];
    await BorrowerAccountModel.insertMany(
      codes.map((code, i) => ({
        _id: code,
        telegramLinks: [{ telegramUserId: 8_000_000 + i, linkedAt: new Date(), via: "contact" }],
      })),
    );
    const point = "X00001-D2";
    const inPoint = rows.filter((r) => r.pointCode === point);
    expect(inPoint.length).toBeGreaterThan(0);
    expect(inPoint.length).toBeLessThan(rows.length);
    const day = Number((inPoint[0] as Row).transactionDay);
    const first = addDays(`2027-03-${String(Math.min(day, 28)).padStart(2, "0")}`, -6);
    return { point, groups: new Set(inPoint.map((r) => r.groupCode)), first };
  }

  it("holds the point's interest and overdue reminders, plans the rest as before, and reminds once after the end", {
    timeout: 120_000,
  }, async () => {
    const { point, groups, first } = await seedBook();
    const event: DisasterEvent = {
      id: `p-${point}-x`,
      name: "Bão số 3",
      area: { kind: "point", code: point },
      from: addDays(first, 2),
      until: addDays(first, 8),
      status: "declared",
    };
    const resume = addDays(event.until, 1);
    const inArea = (d: { groupCode: string | null }) => groups.has(d.groupCode ?? "");
    const totals = { held: 0, notices: 0, after: 0 };
    for (let n = 0; n <= 10; n++) {
      const day = addDays(first, n);
      const [withEvent, fromBook, without] = [
        await plan(day, "index", [event]),
        await plan(day, "book", [event]),
        await plan(day, "index", []),
      ];
      const keys = (p: typeof withEvent) => p.deliveries.map((d) => `${d._id} ${d.text}`).sort();
      expect(keys(withEvent), day).toEqual(keys(fromBook));
      expect(withEvent.skipped, day).toEqual(fromBook.skipped);

      const inForce = day >= event.from && day <= event.until;
      const isHeld = (d: { kind: string; groupCode: string | null }) => inForce && HELD.has(d.kind) && inArea(d);
      const regular = withEvent.deliveries.filter((d) => d.kind !== "disaster-notice" && !d._id.includes("-after-"));
      expect(ids({ deliveries: regular }), day).toEqual(
        ids({ deliveries: without.deliveries.filter((d) => !isHeld(d)) }),
      );
      expect(withEvent.skipped.held, day).toBe(without.deliveries.filter(isHeld).length);
      totals.held += withEvent.skipped.held;

      const notices = withEvent.deliveries.filter((d) => d.kind === "disaster-notice");
      expect(notices.every((d) => inArea(d) && d._id.endsWith(`|${event.id}|${event.from}`))).toBe(true);
      expect(notices.length > 0, day).toBe(inForce);
      totals.notices += notices.length;

      const after = withEvent.deliveries.filter((d) => d._id.includes(`-after-${event.id}`));
      expect(after.length > 0, day).toBe(day === resume);
      expect(after.every((d) => inArea(d) && HELD.has(d.kind))).toBe(true);
      totals.after += after.length;
    }
    expect(totals.held).toBeGreaterThan(0);
    expect(totals.notices).toBeGreaterThan(0);
    expect(totals.after).toBeGreaterThan(0);

    // Proposed or refused, an event changes nothing.
    const day = addDays(first, 5);
    const plain = ids(await plan(day, "index", []));
    for (const status of ["proposed", "refused"] as const) {
      const planned = await plan(day, "index", [{ ...event, status }]);
      expect(ids(planned)).toEqual(plain);
      expect(planned.skipped.held).toBe(0);
    }
  });
});

describe("/disaster: declared by one officer, approved by another, in scope", () => {
  const MAKER = 501;
  const CHECKER = 502;
  const OTHER_COMMUNE = 503;

  async function setUp() {
    await loadReminderFixture(file("village.csv"));
    const at = new Date(WORKING_DAY_10AM);
    await communeOfficer(MAKER, ["X1"], at);
    await communeOfficer(CHECKER, ["X1"], at);
    await communeOfficer(OTHER_COMMUNE, ["X2"], at);
    return testBot();
  }

  /** An event over X1 from 10/12 to 31/12/2026, proposed by MAKER and declared by CHECKER. */
  async function declaredInX1(name: string) {
    const stored = {
      id: "c-X1-20261210",
      name,
      area: { kind: "commune" as const, code: "X1" },
      from: "2026-12-10",
      until: "2026-12-31",
      communeCode: "X1",
      officeCode: "PGD1",
    };
    await proposeDisaster({ ...stored, proposedBy: MAKER }, new Date());
    expect(await decideDisaster(stored.id, "declared", CHECKER, new Date())).toBe(true);
    return stored;
  }

  it("needs a second officer of the area; the maker and an officer of another commune cannot approve", async () => {
    const bot = await setUp();
    await bot.bot.handleUpdate(text(MAKER, "/disaster commune:x1 10/12/2026-31/12/2026 Bão số 15"));
    expect(bot.lastText()).toContain("Đã khai báo");
    const id = "c-X1-20261210";
    // The checker was asked, with the buttons; the officer of X2 was not.
    const asked = bot.calls.filter(
      (c) => c.method === "sendMessage" && c.payload.text?.toString().includes("Đề nghị công bố"),
    );
    expect(asked.map((c) => c.payload.chat_id)).toEqual([CHECKER]);
    expect(JSON.stringify(asked[0]?.payload.reply_markup)).toContain(`dz:v:ok:${id}`);

    await bot.bot.handleUpdate(callback(MAKER, `dz:v:ok:${id}`));
    expect(bot.lastText()).toContain("không tự phê duyệt");
    await bot.bot.handleUpdate(callback(OTHER_COMMUNE, `dz:v:ok:${id}`));
    expect(bot.lastText()).toContain("Không tìm thấy sự kiện");
    expect((await disasterEvent(id))?.status).toBe("proposed");
    // Not yet declared: planning holds nothing.
    expect((await planDay("2026-12-11")).skipped.held).toBe(0);

    await bot.bot.handleUpdate(callback(CHECKER, `dz:v:ok:${id}`));
    expect((await disasterEvent(id))?.status).toBe("declared");
    // A second press (or a forged one) finds it decided.
    await bot.bot.handleUpdate(callback(CHECKER, `dz:v:no:${id}`));
    expect(bot.lastText()).toContain("đã thay đổi");
    expect((await disasterEvent(id))?.status).toBe("declared");
    const actions = (await AuditLogModel.find({ action: /^disaster-/ }).lean()).map((a) => a.action);
    expect(actions).toEqual(["disaster-proposed", "disaster-declared"]);
  });

  it("refuses an area outside the scope or unknown alike, and bad declarations with a reason", async () => {
    const bot = await setUp();
    await bot.bot.handleUpdate(text(MAKER, "/disaster commune:X2 10/12/2026-31/12/2026 Lũ"));
    const outside = bot.lastText();
    await bot.bot.handleUpdate(text(MAKER, "/disaster commune:NOPE 10/12/2026-31/12/2026 Lũ"));
    expect(bot.lastText()).toBe(outside);
    await bot.bot.handleUpdate(text(MAKER, "/disaster commune:X1 31/12/2026-10/12/2026 Lũ"));
    expect(bot.lastText()).toContain("phải sau ngày bắt đầu");
    await bot.bot.handleUpdate(text(MAKER, "/disaster commune:X1 31/02/2026-10/03/2026 Lũ"));
    expect(bot.lastText()).toContain("Ngày không hợp lệ");
    expect(await DisasterEventModel.countDocuments({})).toBe(0);
  });

  it("holds X1's reminders, leaves X2's, notices once, marks open reports on the head's list, reminds after", async () => {
    await setUp();
    const event = { id: "c-X1-20261210", name: "Bão số 15", area: { kind: "commune" as const, code: "X1" } };
    const stored = { ...event, from: "2026-12-10", until: "2026-12-20", communeCode: "X1", officeCode: "PGD1" };
    await proposeDisaster({ ...stored, proposedBy: MAKER }, new Date());
    expect(await decideDisaster(event.id, "declared", MAKER, new Date())).toBe(false);
    expect(await decideDisaster(event.id, "declared", CHECKER, new Date())).toBe(true);
    await fileHardshipReport(
      {
        householdCode: "KH03",
        groupCode: "G1",
        communeCode: "X1",
        officeCode: "PGD1",
        filedBy: CHAT.KH03,
        reason: "house-damaged",
        when: "this-week",
        loanNumber: null,
        text: "",
      },
      "2026-12-11",
      new Date(),
    );

    // 11/12: KH03's first overdue notice is held; notices go to X1's linked chats only, naming the
    // catalogue's relief over X1 (a decision of the kind the bank publishes after a storm).
    const relief = { ...shippedRelief, id: "TEST-STORM", communes: ["X1"], from: "2026-12-01", to: "2027-03-31" };
    const first = await planDay("2026-12-11", { reliefs: [relief] });
    expect(first.skipped.held).toBe(1);
    const on11 = await DeliveryModel.find({ planDate: "2026-12-11" }).lean();
    expect(on11.filter((d) => d.kind === "overdue")).toEqual([]);
    const noticed = on11.filter((d) => d.kind === "disaster-notice").map((d) => d.chatId);
    expect(noticed.sort()).toEqual([CHAT.KH01, CHAT.KH02, CHAT.KH03].sort());
    const notice = on11.find((d) => d.kind === "disaster-notice")?.text ?? "";
    expect(notice).toContain("/hardship");
    expect(notice).toContain(`thuộc phạm vi hỗ trợ theo ${relief.basis}`);
    // Planned again the next day, the notice is not planned twice.
    await planDay("2026-12-12");
    expect(await DeliveryModel.countDocuments({ kind: "disaster-notice" })).toBe(3);

    // 14/12 (Monday): the head's weekly overdue list marks KH03, who reported.
    await planDay("2026-12-14");
    const list = await DeliveryModel.findOne({
      planDate: "2026-12-14",
      kind: "overdue-list",
      chatId: CHAT.KH01,
    }).lean();
    expect(list?.text).toContain("Lê Văn Cường");
    expect(list?.text).toContain("đã báo khó khăn");

    // Within the event, X1's interest reminders before its session are held.
    await clearOutbox();
    const before = await planDay("2026-12-17");
    expect(before.skipped.held).toBeGreaterThan(0);
    expect(await DeliveryModel.countDocuments({ planDate: "2026-12-17", kind: "interest", communeCode: "X1" })).toBe(0);

    // 21/12, the day after: KH03's overdue debt is reminded once, and only once however often planned.
    await planDay("2026-12-21");
    await planDay("2026-12-21");
    const after = await DeliveryModel.find({ planDate: "2026-12-21", kind: "overdue" }).lean();
    expect(after.map((d) => d.chatId)).toEqual([CHAT.KH03]);
    expect(after[0]?._id).toContain(`KU03-after-${event.id}`);
  });

  it("an officer of the area ends it early: the held debt is reminded from that day", async () => {
    const bot = await setUp();
    const stored = await declaredInX1("Lũ");
    await bot.bot.handleUpdate(callback(OTHER_COMMUNE, `dz:e:${stored.id}`));
    expect((await disasterEvent(stored.id))?.until).toBe("2026-12-31");
    // The bot's clock: 17/12/2026.
    await bot.bot.handleUpdate(callback(MAKER, `dz:e:${stored.id}`));
    expect((await disasterEvent(stored.id))?.until).toBe("2026-12-16");
    await planDay("2026-12-17");
    const overdue = await DeliveryModel.find({ planDate: "2026-12-17", kind: "overdue" }).lean();
    expect(overdue.map((d) => d.chatId)).toEqual([CHAT.KH03]);
  });

  it("/stats shows hardship reports per commune by status, and the event in force, within the officer's scope", async () => {
    const bot = await setUp();
    await declaredInX1("Lũ lớn");
    const report = {
      groupCode: "G1",
      communeCode: "X1",
      officeCode: "PGD1",
      reason: "house-damaged" as const,
      when: "this-week" as const,
      loanNumber: null,
      text: "",
    };
    // The bot's clock is 17/12 10:00: one filed that morning still waits for the head, one filed on the 10th went on.
    await fileHardshipReport(
      { ...report, householdCode: "KH02", filedBy: CHAT.KH02 },
      "2026-12-17",
      new Date(WORKING_DAY_10AM),
    );
    await fileHardshipReport(
      { ...report, householdCode: "KH03", filedBy: CHAT.KH03 },
      "2026-12-10",
      new Date("2026-12-10T03:00:00Z"),
    );
    await bot.bot.handleUpdate(text(MAKER, "/stats"));
    const shown = bot.texts().find((t) => t.includes("Báo cáo khó khăn theo xã")) ?? "";
    expect(shown).toContain("Xã Tân Lập: 1 chờ tổ trưởng xác nhận, 1 cán bộ đã nhận");
    expect(shown).toContain("Đang áp dụng chế độ thiên tai: Lũ lớn (Xã Tân Lập, 10/12/2026–31/12/2026)");
    await bot.bot.handleUpdate(text(OTHER_COMMUNE, "/stats"));
    expect(bot.texts().filter((t) => t.includes("Báo cáo khó khăn theo xã"))).toHaveLength(1);
  });
});
