/**
 * npm run bench:scale [-- --per-branch 1500 --scale 10 --branches 1,2,4]
 *
 * Aggregate sending of several branches at once (issue 30): for 1, 2 and 4 branches, each branch's
 * households seeded into its own database, `per-branch` reminders in its outbox, and one dispatcher
 * process per branch (`npm run reminders -- dispatch` with BRANCHES_FILE and BRANCH) sending with
 * its own token to its own flood-limited fake Bot API (Telegram's limits × `scale`, one per token).
 * Prints the aggregate rate and its ratio to branches × limit, 429s, duplicates and lost messages
 * from the fakes' own records. Target: ≥ 90% of branches × limit, 0 duplicates, 0 lost.
 * On this 2-core machine four branches are eight busy processes: the figure measures the machine too.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { type BranchScope, withBranch } from "../src/data/branchContext.js";
import { prepareDatabase } from "../src/data/connection.js";
import {
  BorrowerAccountModel,
  DeliveryAttemptModel,
  DeliveryBatchItemsModel,
  DeliveryBatchModel,
  DeliveryModel,
  DeliveryOutcomeModel,
  HouseholdModel,
} from "../src/data/models/index.js";
import { enqueueDeliveries, type NewDelivery } from "../src/data/outbox.js";
import { deliveryKey } from "../src/domain/delivery.js";
import { logger } from "../src/logger.js";
import {
  fakeApiStats,
  linkHouseholds,
  runBenchmark,
  seedHouseholds,
  spawnDispatcher,
  startFakeApi,
  tallyAgainstFake,
  writeScaledLimits,
} from "./support.js";

const { values } = parseArgs({
  options: {
    "per-branch": { type: "string", default: "1500" },
    scale: { type: "string", default: "10" },
    branches: { type: "string", default: "1,2,4" },
  },
});
const perBranch = Number(values["per-branch"]);
const scale = Number(values.scale);
const TOKENS = ["111111", "222222", "333333", "444444"].map((id) => `${id}:${id.repeat(6)}abcdefghij`);

/** One reminder per linked household of the branch, to its chat (as the planner writes them). */
async function fillOutbox(branch: BranchScope, count: number): Promise<NewDelivery[]> {
  return withBranch(branch, async () => {
    const linked = await BorrowerAccountModel.find({}, { telegramLinks: 1 }).limit(count).lean();
    const out: NewDelivery[] = linked.map((a, i) => {
      const chatId = a.telegramLinks[0]?.telegramUserId ?? 0;
      const reminder = { kind: "interest", eventDate: "2026-12-20", amount: 100_000 + i, subject: `s-${i}` } as const;
      return {
        _id: deliveryKey(`tg:${chatId}`, reminder),
        kind: "interest",
        eventDate: reminder.eventDate,
        expiresOn: reminder.eventDate,
        chatId,
        householdCode: String(a._id),
        groupCode: null,
        communeCode: null,
        text: `${branch.code}: nhắc lãi ${i}`,
      };
    });
    await enqueueDeliveries("bench", "2026-12-17", out, { batchSize: 500, notBefore: new Date(0) });
    return out;
  });
}

async function seedBranch(dir: string, kind: string, branch: BranchScope, index: number) {
  await withBranch(branch, async () => {
    await prepareDatabase();
    if ((await HouseholdModel.estimatedDocumentCount()) > 0) return;
    await seedHouseholds({ dir, kind }, perBranch, 100 + index);
    const codes = (await HouseholdModel.find({}, { _id: 1 }).lean()).map((h) => String(h._id));
    await linkHouseholds(codes, 10_000_000 * (index + 1));
  });
}

async function run(uri: string, dir: string, branches: BranchScope[]) {
  const expected = await Promise.all(branches.map((b) => fillOutbox(b, perBranch)));
  const fakes = await Promise.all(branches.map(() => startFakeApi(scale)));
  const settings = join(dir, `branches-${branches.length}.json`);
  writeFileSync(
    settings,
    JSON.stringify({
      branches: branches.map((b, i) => ({
        code: b.code,
        name: b.code,
        token: { env: `TOKEN_${i}` },
        database: b.database,
      })),
    }),
  );
  const config = writeScaledLimits(join(dir, "scale.json"), scale);
  const tokens = Object.fromEntries(TOKENS.map((t, i) => [`TOKEN_${i}`, t]));
  const started = performance.now();
  const dispatchers = branches.map((b, i) =>
    spawnDispatcher(uri, fakes[i]?.root ?? "", config, {
      BRANCHES_FILE: settings,
      BRANCH: b.code,
      BOT_TOKEN: "",
      ...tokens,
    }),
  );
  const codes = await Promise.all(dispatchers.map((d) => new Promise<number | null>((r) => d.once("exit", r))));
  const wall = (performance.now() - started) / 1000;
  let accepted = 0;
  let rejected429 = 0;
  let lost = 0;
  let duplicates = 0;
  let first = Number.POSITIVE_INFINITY;
  let last = 0;
  for (const [i, fake] of fakes.entries()) {
    const stats = await fakeApiStats(fake.root);
    const tally = await tallyAgainstFake(fake.root, expected[i] ?? []);
    fake.child.kill();
    accepted += stats.accepted;
    rejected429 += stats.rejected429;
    first = Math.min(first, stats.firstAcceptedAt ?? first);
    last = Math.max(last, stats.lastAcceptedAt ?? last);
    lost += tally.lost;
    duplicates += tally.duplicates;
  }
  if (codes.some((c) => c !== 0)) throw new Error(`a dispatcher exited with ${codes.join(", ")}`);
  const span = (last - first) / 1000;
  const rate = accepted / Math.max(span, 0.001);
  const limit = 30 * scale * branches.length;
  console.log(
    `${branches.length} branch(es) × ${perBranch} reminders at ×${scale}: ${accepted} accepted over ${span.toFixed(1)} s ` +
      `(${wall.toFixed(1)} s wall) = ${rate.toFixed(1)} msg/s = ${((100 * rate) / limit).toFixed(1)}% of ${limit}/s; ` +
      `429s ${rejected429}; duplicates ${duplicates}, lost ${lost}`,
  );
}

runBenchmark("scale", async ({ dir, kind, uri }) => {
  logger.level = "silent";
  const home = new URL(uri).pathname.slice(1);
  const all: BranchScope[] = ["B1", "B2", "B3", "B4"].map((code) => ({
    code,
    database: `${home}_${code.toLowerCase()}`,
  }));
  for (const count of values.branches.split(",").map(Number)) {
    const branches = all.slice(0, count);
    for (const [i, b] of branches.entries()) await seedBranch(dir, kind, b, i);
    for (const b of branches) {
      await withBranch(b, async () => {
        const outbox = [DeliveryModel, DeliveryBatchModel, DeliveryAttemptModel, DeliveryOutcomeModel];
        for (const model of [...outbox, DeliveryBatchItemsModel]) await (model as typeof DeliveryModel).deleteMany({});
      });
    }
    await run(uri, dir, branches);
  }
});
