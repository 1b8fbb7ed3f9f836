/**
 * Issue 24: admins are told by a message in the bot and an error in the log, every day from 90 days
 * before the holiday data runs out and every day after until it is extended; a session past the data
 * says it was worked out without it.
 */
import { Writable } from "node:stream";
import { Api } from "grammy";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { loadHolidays } from "../../src/catalogue/load.js";
import { DeliveryModel, PlanRunModel } from "../../src/data/models/index.js";
import { Dispatcher } from "../../src/delivery/dispatcher.js";
import { createLogger } from "../../src/logger.js";
import { startReminderJobs } from "../../src/reminders/jobs.js";
import { testClock } from "../support/clock.js";
import { useTestDatabase } from "../support/database.js";
import { useTempDir } from "../support/files.js";
import { clearOutbox } from "../support/outbox.js";
import { ALL_DAY, CHAT, fixtureI18n, loadReminderFixture, planDay } from "../support/reminderFixture.js";

useTestDatabase();
const file = useTempDir();
const ADMIN = 901;

beforeAll(async () => {
  await loadReminderFixture(file("village.csv"));
});
beforeEach(() => clearOutbox(PlanRunModel));

/** What admins were told about the holiday data that day (on Mondays they get the weekly summary too). */
const adminNotices = async (date: string) =>
  (await DeliveryModel.find({ planDate: date, chatId: ADMIN }).lean())
    .map((d) => d.text)
    .filter((text) => text.includes("ngày nghỉ lễ"));

describe("the holiday data running out", () => {
  it("tells admins every day from 90 days before its last day, not before", async () => {
    await planDay("2027-10-02", { adminIds: [ADMIN], holidaysCoverUntil: "2027-12-31" });
    expect(await adminNotices("2027-10-02")).toEqual([]);
    for (const date of ["2027-10-03", "2027-10-04"]) {
      await planDay(date, { adminIds: [ADMIN], holidaysCoverUntil: "2027-12-31" });
      const notices = await adminNotices(date);
      expect(notices, date).toHaveLength(1);
      expect(notices[0]).toContain("chỉ đầy đủ đến 31/12/2027");
    }
  });

  it("keeps telling them, differently, every day after it has run out", async () => {
    for (const date of ["2028-01-03", "2028-01-04"]) {
      await planDay(date, { adminIds: [ADMIN], holidaysCoverUntil: "2027-12-31" });
      const notices = await adminNotices(date);
      expect(notices, date).toHaveLength(1);
      expect(notices[0]).toContain("đã hết từ sau 31/12/2027");
    }
  });

  it("says a reminder's session was worked out without the holiday data when it lies past it", async () => {
    // The village's point meets on the 20th; planned on the 17th with data known until the 18th.
    await planDay("2026-12-17", { holidaysCoverUntil: "2026-12-18" });
    const reminder = await DeliveryModel.findOne({
      planDate: "2026-12-17",
      chatId: CHAT.KH02,
      kind: "interest",
    }).lean();
    expect(reminder?.text).toContain("lịch nghỉ lễ mới có đến 18/12/2026");
    await clearOutbox(PlanRunModel);
    await planDay("2026-12-17", { holidaysCoverUntil: "2026-12-31" });
    const known = await DeliveryModel.findOne({ planDate: "2026-12-17", chatId: CHAT.KH02, kind: "interest" }).lean();
    expect(known?.text).not.toContain("lịch nghỉ lễ mới có");
  });

  it("logs an error at each day's planning while the data reaches less than 90 days ahead", async () => {
    const lines: string[] = [];
    const log = createLogger(
      new Writable({
        write(chunk, _encoding, done) {
          lines.push(String(chunk));
          done();
        },
      }),
    );
    log.level = "info";
    const clock = testClock("2027-10-10T03:00:00Z");
    const jobs = startReminderJobs({
      config: ALL_DAY,
      i18n: fixtureI18n,
      adminIds: [ADMIN],
      log,
      clock,
      holidays: () => ({ ...loadHolidays(), closures: [] }),
      dispatcher: new Dispatcher({
        api: new Api("1:test", { apiRoot: "http://127.0.0.1:9" }),
        config: ALL_DAY,
        closures: [],
        log,
        now: () => clock.now(),
      }),
    });
    try {
      await jobs.caughtUp;
    } finally {
      await jobs.stop();
    }
    const error = lines.map((l) => JSON.parse(l)).find((l) => l.level === 50 && /holiday data/.test(l.msg));
    expect(error).toMatchObject({ coversUntil: "2027-12-31", daysLeft: 82 });
    expect(await adminNotices("2027-10-10")).toHaveLength(1);
  });
});
