/**
 * npm run bench:storage [-- --households 100000 --deliveries 20000]
 *
 * How much a branch's data weighs (issue 30's sizing table): the bank's file for `households`
 * imported, and `deliveries` reminders queued, then for each collection its documents and their
 * BSON size (what MongoDB counts as `dataSize`, before WiredTiger's compression), per household and
 * per million households; the outbox per delivery. Index sizes depend on the engine: FerretDB's over
 * SQLite say nothing of MongoDB's, so they are not printed.
 */
import { parseArgs } from "node:util";
import mongoose from "mongoose";
import { BorrowerAccountModel } from "../src/data/models/index.js";
import { enqueueDeliveries, type NewDelivery } from "../src/data/outbox.js";
import { deliveryKey } from "../src/domain/delivery.js";
import { runBenchmark, seedHouseholds } from "./support.js";

const { values } = parseArgs({
  options: {
    households: { type: "string", default: "100000" },
    deliveries: { type: "string", default: "20000" },
  },
});
const households = Number(values.households);
const deliveries = Number(values.deliveries);
const OUTBOX = new Set(["deliveries", "delivery_batches", "delivery_batch_items"]);

/** Documents and BSON bytes of one collection, read with a cursor (bounded memory). */
async function weigh(name: string): Promise<{ docs: number; bytes: number }> {
  const { calculateObjectSize } = mongoose.mongo.BSON;
  let docs = 0;
  let bytes = 0;
  for await (const doc of mongoose.connection.collection(name).find({})) {
    docs++;
    bytes += calculateObjectSize(doc);
  }
  return { docs, bytes };
}

/** Reminders to the first linked households, as the planner writes them (no sending). */
async function queueReminders(count: number): Promise<void> {
  const codes = (
    await mongoose.connection
      .collection("households")
      .find({}, { projection: { _id: 1 } })
      .limit(count)
      .toArray()
  ).map((h) => String(h._id));
  await BorrowerAccountModel.insertMany(
    codes.map((code, i) => ({
      _id: code,
      telegramLinks: [{ telegramUserId: 1_000_000 + i, linkedAt: new Date(), via: "contact" }],
    })),
  );
  const list: NewDelivery[] = codes.map((code, i) => {
    const reminder = { kind: "interest", eventDate: "2026-12-20", amount: 100_000 + i, subject: `s-${i}` } as const;
    return {
      _id: deliveryKey(`tg:${1_000_000 + i}`, reminder),
      kind: "interest",
      eventDate: "2026-12-20",
      expiresOn: "2026-12-20",
      chatId: 1_000_000 + i,
      householdCode: code,
      groupCode: null,
      communeCode: null,
      text: `NHCSXH nhắc: ngày 20/12/2026 nộp lãi ${(100_000 + i).toLocaleString("vi-VN")} ₫ tại điểm giao dịch xã.`,
      language: "vi",
    };
  });
  await enqueueDeliveries("reminders", "2026-12-19", list, { batchSize: 500, notBefore: new Date() });
}

const mb = (bytes: number) => (bytes / 1e6).toFixed(1);

runBenchmark("storage", async (env) => {
  await seedHouseholds(env, households, 30);
  await queueReminders(deliveries);
  const names = (await mongoose.connection.db?.listCollections().toArray())?.map((c) => c.name).sort() ?? [];
  let bankBytes = 0;
  let outboxBytes = 0;
  console.log("collection | documents | BSON MB | per household (bytes)");
  for (const name of names) {
    const { docs, bytes } = await weigh(name);
    if (docs === 0) continue;
    if (OUTBOX.has(name)) outboxBytes += bytes;
    else bankBytes += bytes;
    console.log(`${name} | ${docs} | ${mb(bytes)} | ${(bytes / households).toFixed(0)}`);
  }
  console.log(
    `bank data (everything but the outbox): ${mb(bankBytes)} MB for ${households} households = ` +
      `${mb((bankBytes * 1e6) / households)} MB per million households`,
  );
  console.log(
    `outbox: ${mb(outboxBytes)} MB for ${deliveries} queued reminders = ${(outboxBytes / deliveries).toFixed(0)} bytes per delivery (before sending: attempts and outcomes not counted)`,
  );
});
