import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  type BookEntity,
  bookDigestState,
  bucketsFor,
  markBookDigest,
  writeDigest,
} from "../../src/data/bookDigest.js";
import { readStoredBook } from "../../src/data/bookWriter.js";
import {
  BookDigestModel,
  CommuneModel,
  GroupModel,
  HouseholdModel,
  LoanModel,
  TransactionPointModel,
} from "../../src/data/models/index.js";
import { type ImportReport, importFile } from "../../src/import/run.js";
import { TEST_ID_SECRET, useTestDatabase } from "../support/database.js";
import { type Row, seedRows, useTempDir, writeRows } from "../support/files.js";

/**
 * The importer's digest of the book (data/bookDigest.ts) is what a re-import believes is stored: it
 * must say exactly what reading every document says, after every kind of import, and an import cut
 * off while writing must leave it unused until it is written again.
 */
useTestDatabase();
const file = useTempDir();
const HOUSEHOLD_AND_LOAN_COLUMNS = [
  "customerCode",
  "fullName",
  "phones",
  "nationalId",
  "groupRole",
  "phoneShareable",
  "savingsBalance",
  "loanNumber",
  "programmeCode",
  "disbursedAmount",
  "disbursedOn",
  "maturityOn",
  "annualRate",
  "monthlyRate",
  "outstandingPrincipal",
  "overduePrincipal",
  "overdueSince",
  "frozenAmount",
  "unpaidInterest",
  "interestDueNext",
  "nextInstallmentOn",
  "nextInstallmentAmount",
] as const;
const KINDS: BookEntity[] = ["commune", "point", "group", "household", "loan"];

const run = (path: string, fullSnapshot = false): Promise<ImportReport> =>
  importFile(path, { actor: { kind: "cli", id: "test" }, idHashSecret: TEST_ID_SECRET, fullSnapshot });

async function read(kind: BookEntity, fromDigest: boolean): Promise<Map<string, Record<string, unknown>>> {
  const state = await bookDigestState();
  const book = await readStoredBook(kind, { digest: { ...state, whole: fromDigest } });
  const seen = new Map<string, Record<string, unknown>>();
  book.each((id, doc) => seen.set(id, doc));
  return seen;
}

async function expectDigestToMatchBook(): Promise<void> {
  expect((await bookDigestState()).whole).toBe(true);
  for (const kind of KINDS) {
    const scanned = await read(kind, false);
    expect(scanned.size, kind).toBeGreaterThan(0);
    expect(await read(kind, true), kind).toEqual(scanned);
  }
}

let rows: Row[];
let next: Row[];
beforeAll(() => {
  rows = seedRows(120, 11);
  next = secondFile();
});

describe("the importer's digest of the book", () => {
  // Each test starts from the first file imported into an empty book (any order, any test before).
  beforeEach(async () => {
    await emptyBook();
    expect((await run(await writeRows(file("first.csv"), rows))).outcome).toBe("applied");
  });

  it("says what the documents say after a first import", async () => {
    await expectDigestToMatchBook();
  });

  it("follows a file that moves a household, changes balances and leaves loans out of a full snapshot", async () => {
    const report = await run(await writeRows(file("second.csv"), next), true);
    expect(report.outcome).toBe("applied");
    expect(report.counts?.loansClosed).toBe(3);
    await expectDigestToMatchBook();
  });

  it("is not used after an import was cut off, and is written whole by the next", async () => {
    await run(await writeRows(file("third-before.csv"), next), true);
    await markBookDigest(false); // what a kill between the first write and the last leaves
    await BookDigestModel.deleteMany({ _id: { $ne: "state" } });
    const again = await run(await writeRows(file("third.csv"), next));
    // Read from the book itself, the same file changes nothing (no household lists a loan the full
    // snapshot closed); the digest is whole again.
    expect(again.outcome).toBe("unchanged");
    await expectDigestToMatchBook();
  });
});

async function emptyBook(): Promise<void> {
  for (const model of [CommuneModel, TransactionPointModel, GroupModel, HouseholdModel, LoanModel, BookDigestModel]) {
    await (model as typeof BookDigestModel).deleteMany({});
  }
}

describe("the digest's buckets", () => {
  beforeEach(emptyBook);

  it("are few for a small book and more, rewritten whole, when the book grows", async () => {
    expect((await run(await writeRows(file("small.csv"), rows))).outcome).toBe("applied");
    const small = (await bookDigestState()).layout;
    expect(small).toMatchObject({ household: 1, loan: 1, group: 1 });
    expect(await BookDigestModel.countDocuments({ _id: /^loan:/ })).toBe(1);
    await expectDigestToMatchBook();

    const bigger = seedRows(450, 13);
    expect((await run(await writeRows(file("bigger.csv"), bigger))).outcome).toBe("applied");
    const grown = (await bookDigestState()).layout;
    const loans = await LoanModel.countDocuments({});
    expect(grown.loan).toBe(bucketsFor("loan", loans));
    expect(grown.loan).toBeGreaterThan(1);
    await expectDigestToMatchBook();
    // The next, smaller import changes a few buckets and keeps the layout.
    const again = await run(await writeRows(file("again.csv"), rows.slice(0, 10)));
    expect(again.outcome).toMatch(/applied|unchanged/);
    expect((await bookDigestState()).layout).toEqual(grown);
    await expectDigestToMatchBook();
  });

  it("of a digest written before layouts were recorded are read as the most, then fitted to the book", async () => {
    expect((await run(await writeRows(file("legacy.csv"), rows))).outcome).toBe("applied");
    // What an earlier version left: every kind in its most buckets, and no layout in the state.
    for (const kind of KINDS) {
      const book = await readStoredBook(kind, { digest: { whole: false, layout: await legacyLayout() } });
      await writeDigest(book, true);
    }
    await BookDigestModel.updateOne({ _id: "state" }, { $unset: { buckets: 1 } });
    expect((await bookDigestState()).layout.loan).toBe(256);
    await expectDigestToMatchBook();
    const report = await run(await writeRows(file("legacy-next.csv"), next), true);
    expect(report.outcome).toBe("applied");
    expect((await bookDigestState()).layout.loan).toBe(1);
    await expectDigestToMatchBook();
  });

  it("that no import writes (a state edited by hand) are not trusted: the book is read, the digest written afresh", async () => {
    expect((await run(await writeRows(file("odd.csv"), rows))).outcome).toBe("applied");
    await BookDigestModel.updateOne({ _id: "state" }, { $set: { "buckets.loan": 3 } });
    expect((await bookDigestState()).whole).toBe(false);
    const report = await run(await writeRows(file("odd-next.csv"), next), true);
    expect(report.outcome).toBe("applied");
    expect((await bookDigestState()).layout.loan).toBe(1);
    await expectDigestToMatchBook();
  });
});

async function legacyLayout() {
  await BookDigestModel.updateOne({ _id: "state" }, { $unset: { buckets: 1 } });
  return (await bookDigestState()).layout;
}

describe("a re-import that changes every household and loan", () => {
  it("writes them all with FerretDB's small commands while the file is still being read, and leaves the digest whole", async () => {
    const many = seedRows(1200, 12);
    const first = await importFile(await writeRows(file("many-1.csv"), many), {
      actor: { kind: "cli", id: "test" },
      idHashSecret: TEST_ID_SECRET,
      writeStrategy: "small-commands",
    });
    expect(first.outcome).toBe("applied");
    const changed = many.map((r) => ({ ...r, savingsBalance: "1234000", interestDueNext: "4321" }));
    const second = await importFile(await writeRows(file("many-2.csv"), changed), {
      actor: { kind: "cli", id: "test" },
      idHashSecret: TEST_ID_SECRET,
      writeStrategy: "small-commands",
    });
    expect(second.counts?.households.updated).toBe(1200);
    expect(second.counts?.loans.updated).toBe(many.length);
    await expectDigestToMatchBook();
  }, 120_000);
});

/** The month's second file: a household joins another group, some loans fall overdue, three loans go. */
function secondFile(): Row[] {
  const moved = rows.filter((r) => r.groupRole === "Thành viên").at(-1);
  const otherGroup = rows.find((r) => r.groupCode !== moved?.groupCode);
  expect(moved && otherGroup).toBeTruthy();
  return rows.slice(3).map((r, i) => {
    let copy = { ...r };
    if (i % 7 === 0 && Number(copy.overduePrincipal || 0) === 0 && Number(copy.outstandingPrincipal) > 1_000_000) {
      copy.overduePrincipal = "1000000";
      copy.overdueSince = "15/11/2026";
    }
    // The household joins another group: every column of the group, its point and commune changes.
    if (otherGroup && copy.customerCode === moved?.customerCode) {
      const own = Object.fromEntries(HOUSEHOLD_AND_LOAN_COLUMNS.map((k) => [k, copy[k]]));
      copy = { ...otherGroup, ...own };
    }
    return copy;
  });
}
