import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import mongoose from "mongoose";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { BackupError, backupDatabase, checkBackup, restoreDatabase } from "../../src/data/backup.js";
import { findByIds, forceServerKindForTests } from "../../src/data/byIds.js";
import { batchHistory } from "../../src/data/dispatch.js";
import { withLock } from "../../src/data/lock.js";
import {
  AuditLogModel,
  DeliveryAttemptModel,
  DeliveryBatchItemsModel,
  DeliveryBatchModel,
  DeliveryModel,
  DeliveryOutcomeModel,
  HouseholdModel,
  OfficerModel,
  RetentionRunModel,
} from "../../src/data/models/index.js";
import { enqueueDeliveries, type NewDelivery, outcomeDoc } from "../../src/data/outbox.js";
import { removeOutboxBefore } from "../../src/data/retention.js";
import { createLogger } from "../../src/logger.js";
import { retentionJobRun } from "../../src/retention/job.js";
import { retentionCutoff, runRetention } from "../../src/retention/runRetention.js";
import { useTestDatabase } from "../support/database.js";
import { clearOutbox } from "../support/outbox.js";

useTestDatabase();

// Each test works on an outbox of its own making: retention counts everything old it finds.
beforeEach(() => clearOutbox(RetentionRunModel));

const delivery = (id: string, chatId: number): NewDelivery => ({
  _id: id,
  kind: "interest",
  eventDate: "2025-01-20",
  expiresOn: "2025-01-20",
  chatId,
  householdCode: `KH${chatId}`,
  groupCode: null,
  communeCode: "X1",
  text: "nhắc nộp lãi",
});

/** A finished batch of `n` deliveries created at `createdAt`, each attempted once and sent. */
async function finishedBatch(tag: string, planDate: string, createdAt: Date, n: number): Promise<string> {
  const deliveries = Array.from({ length: n }, (_, i) => delivery(`${tag}-${i}`, 1000 + i));
  await enqueueDeliveries("reminders", planDate, deliveries, { batchSize: 1000, notBefore: createdAt, now: createdAt });
  const batch = await DeliveryBatchModel.findOne({ source: "reminders", planDate }).lean();
  const batchId = String(batch?._id);
  const stored = await DeliveryModel.find({ batchId }).lean();
  await DeliveryAttemptModel.insertMany(
    stored.map((d) => ({
      _id: `${d._id}#1`,
      deliveryId: d._id,
      batchId,
      attempt: 1,
      owner: "t",
      startedAt: createdAt,
    })),
  );
  await DeliveryOutcomeModel.insertMany(stored.map((d) => outcomeDoc(d, 1, "sent", null, 1, createdAt)));
  await DeliveryBatchModel.updateOne(
    { _id: batchId },
    { $set: { status: "done", finishedAt: createdAt, counts: { sent: n, failed: 0 } } },
  );
  return batchId;
}

async function recordsOf(batchId: string) {
  return {
    batch: await DeliveryBatchModel.countDocuments({ _id: batchId }),
    items: await DeliveryBatchItemsModel.countDocuments({ _id: batchId }),
    deliveries: await DeliveryModel.countDocuments({ batchId }),
    attempts: await DeliveryAttemptModel.countDocuments({ batchId }),
    outcomes: await DeliveryOutcomeModel.countDocuments({ batchId }),
  };
}

describe("retention", () => {
  const now = new Date("2026-12-01T20:00:00Z"); // 2 Dec 2026, 03:00 in Vietnam

  it("cuts at midnight in Vietnam, the configured months back", () => {
    expect(retentionCutoff(now, 13).toISOString()).toBe("2025-11-01T17:00:00.000Z");
  });

  it("removes old finished batches with everything of theirs, keeps newer ones, sums up what went, keeps the audit log", async () => {
    const old = await finishedBatch("old", "2025-01-20", new Date("2025-01-19T01:00:00Z"), 7);
    const recent = await finishedBatch("new", "2026-11-20", new Date("2026-11-19T01:00:00Z"), 3);
    const auditBefore = await AuditLogModel.countDocuments({});

    const result = await runRetention(13, now);

    expect(await recordsOf(old)).toEqual({ batch: 0, items: 0, deliveries: 0, attempts: 0, outcomes: 0 });
    expect(await recordsOf(recent)).toEqual({ batch: 1, items: 1, deliveries: 3, attempts: 3, outcomes: 3 });
    expect(result.removed).toEqual({ batches: 1, batchItems: 1, deliveries: 7, attempts: 7, outcomes: 7 });
    expect(result.summary).toEqual({ "2025-01": { reminders: { batches: 1, deliveries: 7, sent: 7, failed: 0 } } });
    expect(await AuditLogModel.countDocuments({})).toBe(auditBefore + 1);
    const entry = await AuditLogModel.findOne({ action: "retention" }).sort({ _id: -1 }).lean();
    expect(entry?.counts).toMatchObject({ deliveries: 7 });
  });

  it("finishes a round a killed run left and counts it once, even when run again", async () => {
    const batchId = await finishedBatch("killed", "2025-02-10", new Date("2025-02-09T01:00:00Z"), 4);
    // As a run killed after writing its round down and deleting the outcomes, before the rest.
    await RetentionRunModel.collection.insertOne({
      _id: "in-progress",
      roundId: "2026-12-01#crashed",
      runDate: "2026-12-01",
      batchIds: [batchId],
      summary: { "2025-02": { reminders: { batches: 1, deliveries: 4, sent: 4 } } },
    } as never);
    await DeliveryOutcomeModel.deleteMany({ batchId });

    await removeOutboxBefore(retentionCutoff(now, 13), "2026-12-02", now);
    await removeOutboxBefore(retentionCutoff(now, 13), "2026-12-02", now);

    expect(await recordsOf(batchId)).toEqual({ batch: 0, items: 0, deliveries: 0, attempts: 0, outcomes: 0 });
    expect(await RetentionRunModel.findById("in-progress").lean()).toBeNull();
    const crashedRun = await RetentionRunModel.findById("2026-12-01").lean();
    expect(crashedRun?.summary).toEqual({ "2025-02": { reminders: { batches: 1, deliveries: 4, sent: 4 } } });
  });

  it("works in rounds: five old batches, two a round, three rounds each counted once", async () => {
    const old = [];
    for (let i = 1; i <= 5; i++) {
      old.push(await finishedBatch(`round${i}`, `2025-03-1${i}`, new Date(`2025-03-1${i}T01:00:00Z`), 2));
    }
    const run = await removeOutboxBefore(retentionCutoff(now, 13), "2026-12-05", now, 2);
    for (const batchId of old) {
      expect(await recordsOf(batchId)).toEqual({ batch: 0, items: 0, deliveries: 0, attempts: 0, outcomes: 0 });
    }
    expect(run?.removed).toEqual({ batches: 5, batchItems: 5, deliveries: 10, attempts: 10, outcomes: 10 });
    expect(run?.summary).toEqual({ "2025-03": { reminders: { batches: 5, deliveries: 10, sent: 10, failed: 0 } } });
    expect((await RetentionRunModel.findById("2026-12-05").lean())?.rounds).toHaveLength(3);
  });

  it("removes what is still pending on a channel the bank switched off, planned before today", async () => {
    const now = new Date("2026-12-17T20:00:00Z"); // 18 Dec in Vietnam
    const sms = (id: string): NewDelivery => ({
      ...delivery(id, 2000),
      channel: "sms",
      chatId: null,
      address: "+84912345604",
    });
    const queue = (planDate: string, ids: string[]) =>
      enqueueDeliveries(
        "reminders",
        planDate,
        ids.map((id) => sms(id)),
        {
          batchSize: 10,
          notBefore: now,
          now,
        },
      );
    await queue("2026-12-17", ["sms-old-1", "sms-old-2"]);
    await queue("2026-12-18", ["sms-today"]);
    await enqueueDeliveries("reminders", "2026-12-17", [delivery("tg-old", 3000)], {
      batchSize: 10,
      notBefore: now,
      now,
    });
    const result = await runRetention(13, now, ["telegram"]);
    expect(result.unsent).toMatchObject({ batches: 1, deliveries: 2 });
    expect(await DeliveryModel.countDocuments({ _id: { $in: ["sms-old-1", "sms-old-2"] } })).toBe(0);
    // Today's (the channel may come back on today) and Telegram's stay.
    expect(await DeliveryModel.countDocuments({ _id: { $in: ["sms-today", "tg-old"] } })).toBe(2);
  });

  it("runs as the daily job in one process at a time: another holding the lock removes nothing", async () => {
    const batchId = await finishedBatch("locked", "2025-04-10", new Date("2025-04-09T01:00:00Z"), 1);
    const lines: string[] = [];
    const log = createLogger({ write: (line: string) => lines.push(line) });
    await withLock("retention", 60_000, () => retentionJobRun({ months: 13, log, now }));
    expect(lines.join("")).toContain("another process runs retention");
    expect(await recordsOf(batchId)).toMatchObject({ batch: 1, deliveries: 1 });
    await retentionJobRun({ months: 13, log, now });
    expect(lines.join("")).toContain("retention done");
    expect(await recordsOf(batchId)).toMatchObject({ batch: 0, deliveries: 0 });
  });
});

describe("backup and restore", () => {
  const dirs: string[] = [];
  const scratch = () => {
    const dir = mkdtempSync(join(tmpdir(), "tindung-backup-"));
    dirs.push(dir);
    return dir;
  };
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  const KEY = "a-backup-key-for-tests-0123456789abcdef";
  const TODAY = "2026-12-17";

  it("writes every collection encrypted and signed, owner-only, and restores the same documents and types into an empty database", async () => {
    await HouseholdModel.collection.insertOne({
      _id: "KH9" as never,
      fullName: "Nguyễn Văn A",
      phones: ["+84867207431"],
      savingsBalance: 1_250_000,
      createdAt: new Date("2026-11-30T03:00:00Z"),
    });
    const before = await HouseholdModel.collection.findOne({ _id: "KH9" as never });
    // Restores run earlier (in any order) are in the audit log, and so in this backup.
    const restoresBefore = await AuditLogModel.countDocuments({ action: "restore" });
    const dir = join(scratch(), "b1");
    const manifest = await backupDatabase(dir, { key: KEY });
    expect(manifest).toMatchObject({ encrypted: true, mac: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(manifest.collections.households?.count).toBe(await HouseholdModel.countDocuments({}));
    // Nothing readable on disk, and only the owner can read it.
    for (const name of readdirSync(dir)) {
      expect(statSync(join(dir, name)).mode & 0o777).toBe(0o600);
      const bytes = readFileSync(join(dir, name));
      expect(bytes.includes(Buffer.from("0867207431"))).toBe(false);
      expect(bytes.includes(Buffer.from("84867207431"))).toBe(false);
    }
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    await expect(backupDatabase(dir, { key: KEY })).rejects.toBeInstanceOf(BackupError);

    await expect(restoreDatabase(dir, { replace: false, today: TODAY, key: KEY })).rejects.toThrow(/not empty/);
    await mongoose.connection.dropDatabase();
    const restored = await restoreDatabase(dir, { replace: false, today: TODAY, key: KEY });
    expect(restored.households).toBe(manifest.collections.households?.count);
    const after = await HouseholdModel.collection.findOne({ _id: "KH9" as never });
    expect(after).toEqual(before);
    expect(after?.createdAt).toBeInstanceOf(Date);
    expect(await AuditLogModel.countDocuments({ action: "restore" })).toBe(restoresBefore + 1);
  });

  it("restores into a populated database with --replace: every collection holds what was backed up, with its unique indexes, and the restore is audited", async () => {
    await HouseholdModel.collection.insertMany([
      { _id: "KH10" as never, fullName: "Lê Thị B", savingsBalance: 50_000 },
      { _id: "KH11" as never, fullName: "Phạm Văn C", savingsBalance: 0 },
    ]);
    await AuditLogModel.create({ at: new Date("2026-12-01T01:00:00Z"), actor: { kind: "cli", id: "t" }, action: "x" });
    await finishedBatch("lifecycle", "2026-12-01", new Date("2026-12-01T01:00:00Z"), 3);
    const snapshot = await everything();
    expect(Object.keys(snapshot.documents).length).toBeGreaterThanOrEqual(6);
    const dir = join(scratch(), "b3");
    await backupDatabase(dir, { key: KEY });
    // Afterwards the database changes: documents added, changed and removed, a collection created.
    await HouseholdModel.collection.insertOne({ _id: "KH12" as never, fullName: "Mới" });
    await HouseholdModel.collection.updateOne({ _id: "KH10" as never }, { $set: { savingsBalance: 1 } });
    await HouseholdModel.collection.deleteOne({ _id: "KH11" as never });
    await DeliveryOutcomeModel.deleteMany({});
    await mongoose.connection.db?.collection("made_after_the_backup").insertOne({ _id: "z" as never });
    await restoreDatabase(dir, { replace: true, today: TODAY, key: KEY });
    const after = await everything();
    // The one thing the restore adds: its own line in the audit log.
    const known = new Set((snapshot.documents.audit_log ?? []).map((e) => String((e as { _id: unknown })._id)));
    const audit = (after.documents.audit_log ?? []) as { _id: unknown; action: string }[];
    expect(audit.filter((e) => !known.has(String(e._id))).map((e) => e.action)).toEqual(["restore"]);
    after.documents.audit_log = audit.filter((e) => known.has(String(e._id)));
    // And what is derived from the book is marked to be rebuilt from it (the next import does it).
    const state = (name: string) => (after.documents[name] ?? []).find((d) => (d as { _id: unknown })._id === "state");
    expect(state("book_digests")).toMatchObject({ whole: false });
    expect(state("planning_index")).toMatchObject({ stale: true });
    for (const name of ["book_digests", "planning_index"]) {
      for (const side of [after, snapshot]) {
        const kept = (side.documents[name] ?? []).filter((d) => (d as { _id: unknown })._id !== "state");
        if (kept.length > 0) side.documents[name] = kept;
        else delete side.documents[name];
      }
      if (!(name in snapshot.unique)) delete after.unique[name];
    }
    expect(after).toEqual(snapshot);
  });

  it("refuses a damaged backup before writing anything, encrypted or not", async () => {
    await HouseholdModel.collection.insertOne({ _id: "KH20" as never, fullName: "Nguyễn Thị D" });
    const households = await HouseholdModel.countDocuments({});
    // Without a key (development): an edit of the text is caught by the manifest's hashes.
    const plain = join(scratch(), "b2");
    await backupDatabase(plain);
    const file = join(plain, "households.ejson");
    writeFileSync(file, readFileSync(file, "utf8").replace("Nguyễn", "Trần"));
    await expect(checkBackup(plain)).rejects.toThrow(/does not match the manifest/);
    await expect(restoreDatabase(plain, { replace: true, today: TODAY })).rejects.toBeInstanceOf(BackupError);
    // Encrypted: one flipped byte and the file cannot be read.
    const sealed = join(scratch(), "b4");
    await backupDatabase(sealed, { key: KEY });
    const enc = join(sealed, "households.ejson.enc");
    const bytes = readFileSync(enc);
    bytes[20] = (bytes[20] as number) ^ 0xff;
    writeFileSync(enc, bytes);
    await expect(restoreDatabase(sealed, { replace: true, today: TODAY, key: KEY })).rejects.toThrow(/cannot be read/);
    expect(await HouseholdModel.countDocuments({})).toBe(households);
  });

  it("refuses a crafted backup: a manifest signed with another key, a path out of the folder, an unsigned one in production", async () => {
    await OfficerModel.deleteMany({});
    // An attacker's backup that would make them an officer of everything and empty the audit log.
    const crafted = join(scratch(), "crafted");
    await OfficerModel.create({
      _id: 666,
      active: true,
      scope: { kind: "all" },
      grantedBy: 666,
      grantedAt: new Date(),
    });
    await backupDatabase(crafted, { key: "the-attackers-own-key-0123456789abcdef" });
    await OfficerModel.deleteMany({});
    await expect(restoreDatabase(crafted, { replace: true, today: TODAY, key: KEY })).rejects.toThrow(/signature/);
    // The manifest edited to name a file outside the folder.
    const outside = join(scratch(), "escape");
    await backupDatabase(outside);
    const manifest = JSON.parse(readFileSync(join(outside, "manifest.json"), "utf8"));
    manifest.collections["../../etc/passwd"] = { count: 1, sha256: "0".repeat(64) };
    writeFileSync(join(outside, "manifest.json"), JSON.stringify(manifest));
    await expect(checkBackup(outside)).rejects.toThrow(/not a collection this backup may name/);
    // Production writes only encrypted backups and restores only signed ones.
    await expect(backupDatabase(join(scratch(), "prod"), { production: true })).rejects.toThrow(
      /BACKUP_KEY is required/,
    );
    await expect(restoreDatabase(outside, { replace: true, today: TODAY, production: true })).rejects.toThrow(/signed/);
    expect(await OfficerModel.countDocuments({})).toBe(0);
  });

  it("restores a week-old backup without sending what was still to be sent a week ago", async () => {
    const weekAgo = new Date("2026-12-10T01:00:00Z");
    await enqueueDeliveries("reminders", "2026-12-10", [delivery("week-old", 4000)], {
      batchSize: 10,
      notBefore: weekAgo,
      now: weekAgo,
    });
    const dir = join(scratch(), "week");
    await backupDatabase(dir, { key: KEY });
    await restoreDatabase(dir, { replace: true, today: TODAY, key: KEY });
    const [batch] = await DeliveryBatchModel.find({}, { status: 1 }).lean();
    expect(batch?.status).toBe("cancelled");
    const restore = await AuditLogModel.findOne({ action: "restore" }).sort({ _id: -1 }).lean();
    expect(restore?.counts).toMatchObject({ staleBatchesCancelled: 1 });
  });
});

/** Every collection's documents (by `_id`) and its unique indexes. */
async function everything(): Promise<{ documents: Record<string, unknown[]>; unique: Record<string, string[]> }> {
  const db = mongoose.connection.db;
  if (!db) throw new Error("not connected");
  const documents: Record<string, unknown[]> = {};
  const unique: Record<string, string[]> = {};
  for (const { name } of await db.listCollections({}, { nameOnly: true }).toArray()) {
    const docs = await db.collection(name).find({}).toArray();
    if (docs.length > 0) documents[name] = docs.sort((a, b) => String(a._id).localeCompare(String(b._id)));
    unique[name] = (await db.collection(name).indexes())
      .filter((i) => i.unique)
      .map((i) => JSON.stringify(i.key))
      .sort();
  }
  return { documents, unique };
}

describe("the FerretDB way and the MongoDB way give the same results", () => {
  afterAll(() => forceServerKindForTests(null));

  for (const ferretdb of [true, false]) {
    it(`findByIds and retention, ${ferretdb ? "FerretDB" : "MongoDB"} way`, async () => {
      forceServerKindForTests(ferretdb);
      await HouseholdModel.collection.insertMany([
        { _id: `W${ferretdb}1` as never, fullName: "A" },
        { _id: `W${ferretdb}2` as never, fullName: "B" },
      ]);
      const found = await findByIds<{ _id: string }>(HouseholdModel, [`W${ferretdb}2`, "missing", `W${ferretdb}1`], {
        _id: 1,
      });
      expect(found.map((h) => h._id).sort()).toEqual([`W${ferretdb}1`, `W${ferretdb}2`]);

      const old = await finishedBatch(
        `way-${ferretdb}`,
        `2025-03-0${ferretdb ? "1" : "2"}`,
        new Date("2025-03-01T01:00:00Z"),
        60,
      );
      const run = await removeOutboxBefore(new Date("2025-11-01T00:00:00Z"), `2026-12-0${ferretdb ? 3 : 4}`);
      expect(await recordsOf(old)).toEqual({ batch: 0, items: 0, deliveries: 0, attempts: 0, outcomes: 0 });
      expect(run?.removed).toEqual({ batches: 1, batchItems: 1, deliveries: 60, attempts: 60, outcomes: 60 });
    });
  }
});

describe("a batch's history read both ways", () => {
  afterAll(() => forceServerKindForTests(null));

  it("finds the same attempts and outcomes by `_id` walk (FerretDB) as by `batchId` (MongoDB)", async () => {
    const batchId = await finishedBatch("hist", "2026-11-30", new Date("2026-11-29T01:00:00Z"), 5);
    const deliveries = await DeliveryModel.find({ batchId }).sort({ _id: 1 }).lean();
    const [first, second, third] = deliveries as [
      (typeof deliveries)[number],
      (typeof deliveries)[number],
      (typeof deliveries)[number],
    ];
    // first: retried, sent on attempt 2; second: cancelled after a retry, without a second attempt; third: never tried.
    await DeliveryOutcomeModel.deleteMany({ deliveryId: { $in: [first._id, second._id, third._id] } });
    await DeliveryAttemptModel.deleteMany({ deliveryId: third._id });
    const at = new Date("2026-11-29T02:00:00Z");
    await DeliveryOutcomeModel.insertMany([
      outcomeDoc(first, 1, "retry", "429", null, at),
      outcomeDoc(first, 2, "sent", null, 7, at),
      outcomeDoc(second, 1, "retry", "500", null, at),
      outcomeDoc(second, 2, "skipped", "unlinked", null, at),
    ]);
    await DeliveryAttemptModel.create({
      _id: `${first._id}#2`,
      deliveryId: first._id,
      batchId,
      attempt: 2,
      owner: "t",
      startedAt: at,
    });
    const sorted = (h: Awaited<ReturnType<typeof batchHistory>>) => ({
      attempts: h.attempts.map((a) => `${a.deliveryId}#${a.attempt}`).sort(),
      outcomes: h.outcomes.map((o) => `${o.deliveryId}#${o.attempt}:${o.outcome}`).sort(),
    });
    forceServerKindForTests(true);
    const walked = sorted(await batchHistory(batchId, deliveries));
    forceServerKindForTests(false);
    const indexed = sorted(await batchHistory(batchId, deliveries));
    expect(walked).toEqual(indexed);
    expect(walked.attempts).toHaveLength(5);
    expect(walked.outcomes).toContain(`${second._id}#2:skipped`);
  });
});
