/**
 * Two branches in one deployment, tried as an attacker would (issue 30): each branch's bot answers
 * from its own branch's database alone, whatever a user, an officer or an admin of the other types.
 */
import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import mongoose from "mongoose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { latestAudit } from "../../src/data/audit.js";
import { type BranchScope, NoBranchError, requireBranchContext, withBranch } from "../../src/data/branchContext.js";
import { prepareDatabase } from "../../src/data/connection.js";
import {
  AuditLogModel,
  BorrowerAccountModel,
  BroadcastModel,
  DeliveryModel,
  HouseholdModel,
  OfficerModel,
} from "../../src/data/models/index.js";
import { pickAudience, sendChoice } from "../../src/features/broadcast/callbacks.js";
import { importFile } from "../../src/import/run.js";
import { callback, testBot, text } from "../support/bot.js";
import { databaseUri, useTestDatabase } from "../support/database.js";
import { seedRows, useTempDir, writeRows } from "../support/files.js";
import { cliArgs, exited } from "../support/process.js";
import { FIXTURE_ROWS, loadReminderFixture } from "../support/reminderFixture.js";
import { TEST_ID_SECRET } from "../support/secrets.js";

const home = useTestDatabase();
const file = useTempDir();
const A: BranchScope & { name: string } = { code: "DIENBIEN", database: "", name: "Chi nhánh Điện Biên" };
const B: BranchScope & { name: string } = { code: "LAICHAU", database: "", name: "Chi nhánh Lai Châu" };
const ADMIN_A = 8001;
const ADMIN_B = 8002;
const NATIONAL = 8000;
const OFFICER_A = 8101;
const BORROWER_A = 101;
const B_CHAT = 9105; // linked to LC05 in branch B // linked to KH01 in branch A by the fixture
const NATIONAL_2 = 8003;
const national = { adminIds: [NATIONAL, NATIONAL_2], branches: [A, B] };

beforeAll(async () => {
  A.database = `${home.name}_a`;
  B.database = `${home.name}_b`;
  for (const branch of [A, B]) await withBranch(branch, () => prepareDatabase());
  // Branch A holds the village; branch B only the household of the other commune, under its own codes.
  await withBranch(A, () => loadReminderFixture(file("a.csv")));
  const other = FIXTURE_ROWS.filter((r) => r.customerCode === "KH05").map((r) => ({ ...r, customerCode: "LC05" }));
  const report = await withBranch(B, async () =>
    importFile(await writeRows(file("b.csv"), other), {
      actor: { kind: "cli", id: "test" },
      idHashSecret: TEST_ID_SECRET,
    }),
  );
  expect(report.outcome).toBe("applied");
  await withBranch(B, () =>
    BorrowerAccountModel.create({
      _id: "LC05",
      telegramLinks: [{ telegramUserId: B_CHAT, linkedAt: new Date(), via: "contact" }],
    }),
  );
});

afterAll(async () => {
  for (const database of [A.database, B.database, `${home.name}_c`])
    await mongoose.connection
      .useDb(database ?? "")
      .dropDatabase()
      .catch(() => undefined);
});

/** The real bot of a branch: the same as app/branchRuntime builds, with a recording API. */
function branchBot(branch: BranchScope, admins: number[]) {
  const made = testBot(undefined, { adminIds: [...admins, NATIONAL, NATIONAL_2], branch, national });
  return made;
}

// In order: the audit and figures tests read what the earlier ones did (a grant, the finds).
describe("a bot answers from its own branch's data alone", { shuffle: false }, () => {
  it("keeps each branch's households in its own database", async () => {
    expect(await withBranch(A, () => HouseholdModel.countDocuments())).toBe(5);
    expect(await withBranch(B, () => HouseholdModel.countDocuments())).toBe(1);
    expect(await withBranch(A, () => HouseholdModel.exists({ _id: "LC05" }))).toBeNull();
    expect(await withBranch(B, () => HouseholdModel.exists({ _id: "KH01" }))).toBeNull();
  });

  it("tells a borrower of A who writes to B's bot that they are not linked, and shows nothing of A", async () => {
    const a = branchBot(A, [ADMIN_A]);
    await a.bot.handleUpdate(text(BORROWER_A, "/balance"));
    expect(a.lastText()).toContain("Dư nợ của hộ ông/bà");
    const b = branchBot(B, [ADMIN_B]);
    await b.bot.handleUpdate(text(BORROWER_A, "/balance"));
    expect(b.texts()).toEqual(["Ông/bà chưa liên kết tài khoản. Gõ /link để liên kết bằng mã khách hàng."]);
  });

  it("answers B's /link with A's right code and second factor exactly as it answers a code that exists nowhere", async () => {
    const attempt = async (user: number, code: string) => {
      const b = branchBot(B, [ADMIN_B]);
      for (const step of ["/link", code, "7890"]) await b.bot.handleUpdate(text(user, step));
      return b.texts();
    };
    const withRealCode = await attempt(8201, "KH01");
    const withMadeUpCode = await attempt(8202, "KH99");
    expect(withRealCode).toEqual(withMadeUpCode);
    expect(withRealCode.at(-1)).toContain("Thông tin chưa khớp");
    expect(await withBranch(B, () => BorrowerAccountModel.exists({ "telegramLinks.telegramUserId": 8201 }))).toBeNull();
    expect(await withBranch(A, () => BorrowerAccountModel.exists({ "telegramLinks.telegramUserId": 8201 }))).toBeNull();
  });

  it("gives an officer of A nothing in B, and an admin of A no admin command in B", async () => {
    const a = branchBot(A, [ADMIN_A]);
    await a.bot.handleUpdate(text(ADMIN_A, `/grant ${OFFICER_A} all`));
    expect(await withBranch(A, () => OfficerModel.exists({ _id: OFFICER_A }))).not.toBeNull();
    await a.bot.handleUpdate(text(OFFICER_A, "/find KH01"));
    expect(a.lastText()).toContain("KH01");
    const b = branchBot(B, [ADMIN_B]);
    for (const command of ["/find KH01", "/find LC05", "/stats"]) await b.bot.handleUpdate(text(OFFICER_A, command));
    await b.bot.handleUpdate(text(ADMIN_A, "/grant 8999 all"));
    await b.bot.handleUpdate(text(ADMIN_A, "/audit"));
    expect(b.texts()).toEqual([
      "Lệnh này chỉ dành cho cán bộ được cấp quyền.",
      "Lệnh này chỉ dành cho cán bộ được cấp quyền.",
      "Lệnh này chỉ dành cho cán bộ được cấp quyền.",
      "Lệnh này chỉ dành cho quản trị viên.",
      "Lệnh này chỉ dành cho quản trị viên.",
    ]);
    expect(await withBranch(B, () => OfficerModel.countDocuments())).toBe(0);
  });

  it("writes each branch's audit entries with its code, and shows a branch admin only theirs", async () => {
    const a = branchBot(A, [ADMIN_A]);
    await a.bot.handleUpdate(text(ADMIN_A, "/find KH01"));
    const b = branchBot(B, [ADMIN_B]);
    await b.bot.handleUpdate(text(ADMIN_B, "/find LC05"));
    const all = await AuditLogModel.find({ action: "find" }).lean();
    expect(new Set(all.map((e) => e.branch))).toEqual(new Set([A.code, B.code]));
    expect((await latestAudit(50, B.code)).every((e) => e.branch === B.code)).toBe(true);
    await b.bot.handleUpdate(text(ADMIN_B, "/audit"));
    expect(b.lastText()).toContain("find");
    expect(b.lastText()).not.toContain("grant");
    await b.bot.handleUpdate(text(NATIONAL, "/audit"));
    expect(b.lastText()).toContain("grant");
  });

  it("shows the central office national figures, one line per branch, and a branch's own on /stats branch", async () => {
    const b = branchBot(B, [ADMIN_B]);
    await b.bot.handleUpdate(text(NATIONAL, "/stats"));
    const answer = b.lastText();
    expect(answer).toContain("Thống kê toàn quốc</b> · 2 chi nhánh");
    expect(answer).toContain("• Chi nhánh Điện Biên: 4/5 hộ đã liên kết");
    expect(answer).toContain("• Chi nhánh Lai Châu: 1/1 hộ đã liên kết");
    expect(answer).toContain("<b>Cả nước</b>: 5/6 hộ đã liên kết");
    await b.bot.handleUpdate(text(ADMIN_B, "/stats"));
    expect(b.lastText()).not.toContain("toàn quốc");
  });
});

describe("no query outside a branch when there are several", () => {
  it("refuses, rather than reading the home database, work started outside any branch", async () => {
    requireBranchContext(true);
    try {
      expect(() => HouseholdModel.countDocuments()).toThrow(NoBranchError);
      expect(await withBranch(A, () => HouseholdModel.countDocuments())).toBe(5);
    } finally {
      requireBranchContext(false);
    }
  });
});

describe("an import for one branch (the command line, BRANCH=)", () => {
  // A third branch of its own, so that the file's other tests find A and B as they were.
  const C = () => ({ code: "SONLA", name: "Chi nhánh Sơn La", database: `${home.name}_c` });
  const importFor = async (branch: string | undefined, path: string) => {
    const settings = file("branches.json");
    writeFileSync(
      settings,
      JSON.stringify({
        branches: [A, B, C()].map((b) => ({
          code: b.code,
          name: b.name,
          token: { env: "NO_TOKEN_NEEDED" },
          database: b.database,
        })),
      }),
    );
    const child = spawn(process.execPath, cliArgs("import", path), {
      cwd: new URL("../../", import.meta.url).pathname,
      env: {
        ...process.env,
        MONGODB_URI: databaseUri(home.name),
        BRANCHES_FILE: settings,
        ...(branch ? { BRANCH: branch } : { BRANCH: "" }),
        ID_HASH_SECRET: TEST_ID_SECRET,
        LOG_LEVEL: "silent",
      },
      stdio: "ignore",
    });
    return exited(child);
  };

  it("writes into that branch's database only, and refuses to guess the branch when there are several", async () => {
    const rows = seedRows(12, 91).map((r) => ({ ...r, customerCode: `Q${r.customerCode}` }));
    const path = await writeRows(file("cli.csv"), rows);
    const before = await withBranch(A, () => HouseholdModel.countDocuments());
    expect(await importFor(undefined, path)).not.toBe(0);
    const beforeB = await withBranch(B, () => HouseholdModel.countDocuments());
    expect(await importFor(C().code, path)).toBe(0);
    const codes = new Set(rows.map((r) => r.customerCode));
    expect(await withBranch(C(), () => HouseholdModel.countDocuments({ _id: { $in: [...codes] } }))).toBe(codes.size);
    expect(await withBranch(A, () => HouseholdModel.countDocuments())).toBe(before);
    expect(await withBranch(B, () => HouseholdModel.countDocuments())).toBe(beforeB);
    expect(await withBranch(A, () => HouseholdModel.countDocuments({ _id: { $in: [...codes] } }))).toBe(0);
  });
});

describe("a national broadcast", () => {
  const draftOf = async (user: number) =>
    withBranch(
      A,
      async () => (await BroadcastModel.find({ createdBy: user }).sort({ createdAt: -1 }).limit(1).lean())[0],
    );

  it("is offered to the central office's admins only, and a forged button gets a branch admin nothing", async () => {
    const a = branchBot(A, [ADMIN_A]);
    await a.bot.handleUpdate(text(ADMIN_A, "/broadcast"));
    await a.bot.handleUpdate(text(ADMIN_A, "Thông báo của chi nhánh"));
    const offered = JSON.stringify(a.calls.at(-1)?.payload.reply_markup);
    expect(offered).toContain("bc:aud:");
    expect(offered).not.toContain(":national");
    const draft = await draftOf(ADMIN_A);
    await a.bot.handleUpdate(callback(ADMIN_A, pickAudience.encode({ id: String(draft?._id), kind: "national" })));
    expect(a.lastText()).toBe("Thông báo này không còn chờ anh/chị thao tác.");
    expect((await withBranch(A, () => BroadcastModel.findById(draft?._id).lean()))?.status).toBe("draft");
  });

  it("is approved by a second national admin and queued in every branch's own outbox, to its own borrowers", async () => {
    const a = branchBot(A, [ADMIN_A]);
    await a.bot.handleUpdate(text(NATIONAL, "/broadcast"));
    await a.bot.handleUpdate(text(NATIONAL, "Lãi suất cho vay hộ nghèo thay đổi từ 01/01/2027"));
    expect(JSON.stringify(a.calls.at(-1)?.payload.reply_markup)).toContain(":national");
    const id = String((await draftOf(NATIONAL))?._id);
    await a.bot.handleUpdate(callback(NATIONAL, pickAudience.encode({ id, kind: "national" })));
    expect(a.lastText()).toContain("5"); // 4 linked chats in A, 1 in B
    await a.bot.handleUpdate(callback(NATIONAL, sendChoice.encode({ action: "go", id })));
    expect((await withBranch(A, () => BroadcastModel.findById(id).lean()))?.status).toBe("awaiting-approval");
    // A branch admin may not approve it; the other national admin may.
    await a.bot.handleUpdate(text(ADMIN_A, `/approve ${id}`));
    expect((await withBranch(A, () => BroadcastModel.findById(id).lean()))?.status).toBe("awaiting-approval");
    await a.bot.handleUpdate(text(NATIONAL_2, `/approve ${id}`));
    const chatsOf = (branch: BranchScope) =>
      withBranch(branch, async () =>
        (await DeliveryModel.find({ kind: "broadcast" }, { chatId: 1 }).lean()).map((d) => d.chatId).sort(),
      );
    expect(await chatsOf(A)).toEqual([101, 102, 103, 105]);
    expect(await chatsOf(B)).toEqual([B_CHAT]);
    expect((await withBranch(B, () => BroadcastModel.findById(id).lean()))?.status).toBe("queued");
    await a.bot.handleUpdate(text(NATIONAL, `/national ${id}`));
    expect(a.lastText()).toContain("• Chi nhánh Điện Biên: đã gửi 0/4");
    expect(a.lastText()).toContain("• Chi nhánh Lai Châu: đã gửi 0/1");
    // Cancelled by its maker: stopped in every branch.
    await a.bot.handleUpdate(text(NATIONAL, `/cancel ${id}`));
    expect((await withBranch(B, () => BroadcastModel.findById(id).lean()))?.status).toBe("cancelled");
  });
});
