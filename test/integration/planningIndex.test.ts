/**
 * Issue 25: the planner reads only the groups with something due, from the index the import keeps
 * (data/planningIndex.ts). Its deliveries must be exactly those of planning from the whole book:
 * compared here day by day over a month that holds Tết 2027 (closures move transaction days), with a
 * re-import mid-month that moves households between groups, changes amounts, makes loans overdue
 * and clears others, renames a household and closes loans (a full snapshot). An import cut off
 * mid-apply leaves the index stale: planning then reads the book, and the next import rebuilds it.
 */
import mongoose from "mongoose";
import { beforeEach, describe, expect, it } from "vitest";
import { calendarOf, loadHolidays } from "../../src/catalogue/load.js";
import { optOut } from "../../src/data/channels.js";
import { prepareDatabase } from "../../src/data/connection.js";
import { BorrowerAccountModel, LoanModel, PlanningIndexModel } from "../../src/data/models/index.js";
import { markPlanningIndexStale, planningIndexState } from "../../src/data/planningIndex.js";
import { markUnreachable } from "../../src/data/unreachable.js";
import { addDays, type LocalDate } from "../../src/domain/dates.js";
import { createI18n } from "../../src/i18n.js";
import { importFile } from "../../src/import/run.js";
import { reminderConfigSchema } from "../../src/reminders/config.js";
import { type PlanOptions, renderDay } from "../../src/reminders/planner.js";
import { atScale } from "../support/crashScale.js";
import { useTestDatabase } from "../support/database.js";
import { type Row, seedRows, useTempDir, writeRows } from "../support/files.js";
import { TEST_ID_SECRET } from "../support/secrets.js";

useTestDatabase();
const file = useTempDir();
// Each test imports its own book from empty.
beforeEach(async () => {
  await mongoose.connection.dropDatabase();
  await prepareDatabase();
});

const HOUSEHOLDS = atScale(300, 10_000);
const FIRST_DAY: LocalDate = "2027-01-22";
const DAYS = 31;
const REIMPORT_AFTER = 14;

const holidays = loadHolidays();
const calendar = calendarOf(holidays);
const options = (bookSource: "index" | "book"): PlanOptions => ({
  config: reminderConfigSchema.parse({}),
  closures: calendar.closures,
  workingDays: calendar.workingDays,
  transactionDayRule: calendar.rule,
  holidaysCoverUntil: calendar.coversUntil ?? undefined,
  i18n: createI18n(),
  adminIds: [901],
  phoneChannels: ["zns", "sms"],
  carries: (channel, kind) => channel === "sms" || kind !== "overdue",
  bookSource,
});

const fullDate = (date: LocalDate) => date.split("-").reverse().join("/");

async function importRows(name: string, rows: Row[], fullSnapshot = false) {
  const report = await importFile(await writeRows(file(name), rows), {
    actor: { kind: "cli", id: "test" },
    idHashSecret: TEST_ID_SECRET,
    fullSnapshot,
  });
  expect(report.outcome, JSON.stringify(report.errors.slice(0, 3))).toMatch(/applied|unchanged/);
}

/** Two in three households linked (a few muted or blocked), some opted out of SMS and Zalo. */
async function linkSome(rows: Row[]): Promise<void> {
  const codes = [...new Set(rows.map((r) => r.customerCode as string))];
  const linked = codes.filter((_, i) => i % 3 !== 0);
  await BorrowerAccountModel.insertMany(
    linked.map((code, i) => ({
      _id: code,
      telegramLinks: [{ telegramUserId: 7_000_000 + i, linkedAt: new Date(), via: "contact" }],
      ...(i % 17 === 0 ? { reminders: { interest: false, principal: true, overdue: true } } : {}),
      ...(i % 11 === 0 ? { language: "en" } : {}),
    })),
  );
  for (let i = 0; i < linked.length; i += 29) await markUnreachable(7_000_000 + i, linked[i] ?? null, "blocked");
  for (let i = 0; i < codes.length; i += 23) if (i % 3 === 0) await optOut(codes[i] as string, "borrower");
}

const PLACE_FIELDS = [
  "officeCode",
  "officeName",
  "communeCode",
  "communeName",
  "pointCode",
  "pointName",
  "formerCommune",
  "transactionPlace",
  "transactionDay",
  "transactionHours",
  "closureRule",
  "weekendRule",
  "groupCode",
  "groupName",
  "village",
  "organisation",
] as const;

/** A head or deputy moved would give the group it joins a second one (refused by the import). */
const HEADS = ["Tổ trưởng", "Tổ phó"];

/** The month's second file: moves, new and cleared overdue debts, changed amounts, a new name, closed loans. */
function changed(rows: Row[]): Row[] {
  const groups = [...new Set(rows.map((r) => r.groupCode))];
  const households = [...new Set(rows.map((r) => r.customerCode as string))];
  const moved = new Map(
    households
      .filter((code, i) => i % 97 === 5 && rows.every((r) => r.customerCode !== code || !HEADS.includes(r.groupRole)))
      .map((code, i) => [code, rows.find((r) => r.groupCode === groups[(i * 7 + 3) % groups.length]) as Row]),
  );
  const renamed = new Set(households.filter((_, i) => i % 101 === 7));
  return rows
    .filter((_, i) => i % 53 !== 11)
    .map((r, i) => {
      const out: Row = { ...r };
      const target = moved.get(r.customerCode as string);
      if (target) for (const f of PLACE_FIELDS) out[f] = target[f];
      if (renamed.has(r.customerCode as string)) out.fullName = `${r.fullName} Mới`;
      if (i % 19 === 0) out.interestDueNext = String(Number(r.interestDueNext || "0") + 1000);
      if (i % 31 === 4 && Number(r.overduePrincipal) === 0 && Number(r.outstandingPrincipal) > 0) {
        out.overduePrincipal = String(Math.min(1_000_000, Number(r.outstandingPrincipal)));
        out.overdueSince = fullDate(addDays(FIRST_DAY, REIMPORT_AFTER - (i % 4)));
      }
      if (i % 5 === 0 && Number(r.overduePrincipal) > 0) {
        out.overduePrincipal = "0";
        out.overdueSince = "";
      }
      return out;
    });
}

async function deliveriesOn(day: LocalDate, source: "index" | "book") {
  const { day: plan, read } = await renderDay(day, options(source));
  const keys = plan.deliveries.map((d) => `${d._id} ${d.channel ?? "telegram"} ${d.address ?? ""} ${d.text}`).sort();
  return { keys, skipped: plan.skipped, fallbacks: plan.fallbacks, read };
}

describe("the planner's index", () => {
  it("plans every day of a month with Tết exactly as the whole book does, before and after a re-import", {
    timeout: atScale(120_000, 1_800_000),
  }, async () => {
    const rows = seedRows(HOUSEHOLDS, 25, "2027-01-20");
    await importRows("first.csv", rows);
    await linkSome(rows);
    expect((await planningIndexState()).stale).toBe(false);
    let dueDays = 0;
    let planned = 0;
    let accountsRead = 0;
    let accountsInBook = 0;
    for (let n = 0; n < DAYS; n++) {
      if (n === REIMPORT_AFTER) await importRows("second.csv", changed(rows), true);
      const day = addDays(FIRST_DAY, n);
      const [fromIndex, fromBook] = [await deliveriesOn(day, "index"), await deliveriesOn(day, "book")];
      expect(fromBook.read.from).toBe("book");
      expect(fromIndex.read.from, day).toMatch(/^index-/);
      expect(fromIndex.keys, day).toEqual(fromBook.keys);
      expect(fromIndex.skipped, day).toEqual(fromBook.skipped);
      expect(fromIndex.fallbacks, day).toEqual(fromBook.fallbacks);
      planned += fromIndex.keys.length;
      if (fromIndex.read.from === "index-due") {
        dueDays++;
        accountsRead += fromIndex.read.accounts;
        accountsInBook += fromBook.read.accounts;
      }
    }
    expect(dueDays).toBeGreaterThan(20);
    // The costly reads (an account by `_id` each) are of the due alone: on a session day the point's
    // households, on other days a few percent.
    expect(accountsRead).toBeLessThan(0.35 * accountsInBook);
    expect(planned).toBeGreaterThan(HOUSEHOLDS / 2);
  });

  it("while an import is cut off the index is stale and planning reads the book; the next import rebuilds it", {
    timeout: atScale(60_000, 600_000),
  }, async () => {
    const rows = seedRows(atScale(300, 3_000), 26, "2027-01-20");
    await importRows("base.csv", rows);
    await linkSome(rows);
    // What a cut-off import leaves: the index marked stale first, then some loans written in their new form.
    await markPlanningIndexStale();
    const next = rows.map((r, i) =>
      i % 3 === 0 ? { ...r, interestDueNext: String(Number(r.interestDueNext || "0") + 7000) } : r,
    );
    for (const r of next.filter((_, i) => i % 6 === 0)) {
      await LoanModel.updateOne({ _id: r.loanNumber }, { $set: { interestDueNext: Number(r.interestDueNext) } });
    }
    const sessionDays = await daysWithInterestReminders(FIRST_DAY, 30);
    expect(sessionDays.length).toBeGreaterThan(0);
    for (const day of sessionDays) {
      const planned = await deliveriesOn(day, "index");
      expect(planned.read.from).toBe("book");
      // The stale index would have planned the old amounts: the flag is what keeps them out.
      await PlanningIndexModel.updateOne({ _id: "state" }, { $set: { stale: false } });
      expect((await deliveriesOn(day, "index")).keys).not.toEqual(planned.keys);
      await markPlanningIndexStale();
    }

    await importRows("next.csv", next);
    expect((await planningIndexState()).stale).toBe(false);
    for (const day of sessionDays) {
      const [fromIndex, fromBook] = [await deliveriesOn(day, "index"), await deliveriesOn(day, "book")];
      expect(fromIndex.read.from).toMatch(/^index-/);
      expect(fromIndex.keys, day).toEqual(fromBook.keys);
    }
  });
});

/** Days among the next `days` on which some interest reminder is planned (from the book). */
async function daysWithInterestReminders(from: LocalDate, days: number): Promise<LocalDate[]> {
  const found: LocalDate[] = [];
  for (let n = 0; n < days && found.length < 2; n++) {
    const day = addDays(from, n);
    if ((await deliveriesOn(day, "book")).keys.some((k) => k.includes("|interest|"))) found.push(day);
  }
  return found;
}
