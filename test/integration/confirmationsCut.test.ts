/**
 * Issue 28: an import cut off while it records its changes (the process killed between two bucket
 * writes) loses no confirmation and records none twice: each bucket's figures and pending
 * confirmations are one document, so the next import finds every bucket either done or untouched.
 */
import { describe, expect, it } from "vitest";
import { calendarOf, loadHolidays } from "../../src/catalogue/load.js";
import { recordImportChanges } from "../../src/confirmations/record.js";
import { sendPending } from "../../src/confirmations/send.js";
import { communeNames } from "../../src/data/book.js";
import { DeliveryModel, HouseholdModel } from "../../src/data/models/index.js";
import { eachFiguresBucket, moveConfirmationOffice } from "../../src/data/recordedFigures.js";
import { createI18n } from "../../src/i18n.js";
import { parseRows } from "../../src/import/parseRows.js";
import { importFile } from "../../src/import/run.js";
import { useTestDatabase } from "../support/database.js";
import { seedRows, useTempDir, writeRows } from "../support/files.js";
import { TEST_ID_SECRET } from "../support/secrets.js";

useTestDatabase();
const file = useTempDir();
const options = { actor: { kind: "cli" as const, id: "test" }, idHashSecret: TEST_ID_SECRET };

async function pendingHouseholds(): Promise<string[]> {
  const codes: string[] = [];
  for await (const bucket of eachFiguresBucket()) codes.push(...bucket.pending.map((p) => p.householdCode));
  return codes.sort();
}

// The SMS step sends what the cut-off import left pending.
describe("an import cut off while recording its changes", { shuffle: false }, () => {
  it("leaves each household's confirmation to be recorded once, by itself or by the next import", async () => {
    const rows = seedRows(120);
    await importFile(await writeRows(file("first.csv"), rows), { ...options, now: new Date("2026-11-28T03:00:00Z") });
    for (const office of new Set((await communeNames()).map((c) => c.officeCode))) {
      await moveConfirmationOffice(office, "off", { state: "on", requestedBy: 1, decidedBy: 2 }, new Date());
    }
    // The next day (no transaction day in between): every household deposited 10,000 đ of savings.
    const deposited = rows.map((r) => ({ ...r, savingsBalance: String(Number(r.savingsBalance) + 10_000) }));
    const second = await writeRows(file("second.csv"), deposited);
    const households = [...new Set(rows.map((r) => r.customerCode))].sort();

    let buckets = 0;
    const cut = recordImportChanges({
      rows: (async function* () {
        for await (const item of parseRows(second, "csv")) if (!("errors" in item)) yield item.data;
      })(),
      fullSnapshot: null,
      points: new Map(),
      importBatchId: "cut",
      asOf: "2026-11-29",
      calendar: calendarOf(loadHolidays()),
      dryRun: false,
      now: new Date("2026-11-29T03:00:00Z"),
      onProgress: async () => {
        // Called every 32 buckets: cut off after the first 96 are written.
        if (++buckets === 3) throw new Error("killed");
      },
    });
    await expect(cut).rejects.toThrow("killed");
    const recordedBeforeTheCut = await pendingHouseholds();
    expect(recordedBeforeTheCut.length).toBeGreaterThan(0);
    expect(recordedBeforeTheCut.length).toBeLessThan(households.length);

    const report = await importFile(second, { ...options, now: new Date("2026-11-29T04:00:00Z") });
    expect(report.confirmations?.toSend).toBe(households.length - recordedBeforeTheCut.length);
    expect(await pendingHouseholds()).toEqual(households);

    // The same file again changes nothing and records nothing.
    const again = await importFile(second, { ...options, now: new Date("2026-11-30T04:00:00Z") });
    expect(again.confirmations).toBeNull();
    expect(await pendingHouseholds()).toEqual(households);
  });

  it("goes by SMS to a household Telegram does not reach, once, with its number as the data has it now", async () => {
    const i18n = createI18n();
    const send = () =>
      sendPending({
        covers: () => true,
        i18n,
        phoneChannels: ["sms"],
        carries: () => true,
        notBefore: new Date("2026-11-29T03:00:00Z"),
        now: new Date("2026-11-29T03:00:00Z"),
      });
    const stored = await HouseholdModel.find({}, { phones: 1 }).lean();
    const withPhone = stored.filter((h) => (h.phones ?? []).length > 0).map((h) => String(h._id));
    expect(await send()).toBe(120);
    const sms = await DeliveryModel.find({ kind: "payment-recorded" }).lean();
    expect(sms.map((d) => d.householdCode).sort()).toEqual(withPhone.sort());
    expect(sms.every((d) => d.channel === "sms" && d.chatId === null && d.address?.startsWith("+84"))).toBe(true);
    expect(sms[0]?.text).toMatch(/^NHCSXH ghi nhan ngay 29\/11\/2026: gui tiet kiem 10\.000d\./);
    expect(sms.every((d) => d.segments === 1)).toBe(true);
    // Nothing is left to send: pressing again queues nothing more.
    expect(await send()).toBe(0);
    expect(await DeliveryModel.countDocuments({ kind: "payment-recorded" })).toBe(sms.length);
  });
});
