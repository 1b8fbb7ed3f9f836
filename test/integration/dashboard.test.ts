/**
 * Issue 27, the dashboard's API in process (src/dashboard): every request authenticated by Telegram's
 * signed initData, its age and the one session it opened; role and scope read from stored data on
 * every request; every query parameter checked against the scope on the server.
 */
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createDashboardApp } from "../../src/dashboard/app.js";
import { decideExperiment, proposeExperiment } from "../../src/data/experiments.js";
import type { Outcome } from "../../src/data/models/delivery.js";
import {
  AuditLogModel,
  BroadcastModel,
  DashboardSessionModel,
  DeliveryModel,
  DeliveryOutcomeModel,
  ExperimentModel,
  LoanModel,
  OfficerModel,
  PlanningIndexModel,
  TransactionPointModel,
} from "../../src/data/models/index.js";
import { createI18n } from "../../src/i18n.js";
import { logger } from "../../src/logger.js";
import { useTestDatabase } from "../support/database.js";
import { useTempDir } from "../support/files.js";
import { signedInitData } from "../support/initData.js";
import { communeOfficer } from "../support/outbox.js";
import { CHAT, loadReminderFixture } from "../support/reminderFixture.js";

useTestDatabase();
const file = useTempDir();
const TOKEN = "111111:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
const OTHER_TOKEN = "222222:BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB";
const ADMIN = 9001;
const OFFICER_X1 = 7101;
const NOW = new Date("2026-12-17T03:00:00Z");
/** The app's clock: NOW, moved on by a minute where a test needs the outcomes read afresh. */
let now = NOW;
const aMinuteLater = () => {
  now = new Date(now.getTime() + 61_000);
};
const i18n = createI18n();

const app = createDashboardApp({
  branches: [
    { pathCode: "A", token: TOKEN, adminIds: [ADMIN], i18n },
    { pathCode: "B", token: OTHER_TOKEN, adminIds: [], i18n },
  ],
  maxAgeSeconds: 3_600,
  now: () => now,
  log: logger,
  assets: new Map(),
});

type Init = { method?: string; headers?: Record<string, string>; body?: string };
/** As the page calls: JSON (a form-like POST from no known origin is refused as cross-site). */
const call = (path: string, init: Init = {}, branch = "A") =>
  app.request(`http://bot.test/dashboard/${branch}/api/${path}`, {
    ...init,
    headers: { "content-type": "application/json", ...init.headers },
  });
const minutesAgo = (m: number) => new Date(NOW.getTime() - m * 60_000);

/** Opens a session as Telegram user `id` and returns a caller with both credentials. */
async function sessionOf(id: number, signedMinutesAgo = 1) {
  const initData = signedInitData(TOKEN, id, minutesAgo(signedMinutesAgo));
  const opened = await call("session", { method: "POST", headers: { authorization: `tma ${initData}` } });
  expect(opened.status).toBe(200);
  const { token: session } = (await opened.json()) as { token: string };
  const headers = { authorization: `tma ${initData}`, "x-dashboard-session": session };
  return {
    initData,
    session,
    get: (path: string) => call(path, { headers }),
    find: (code: string) =>
      call("find", {
        method: "POST",
        headers: { ...headers, "content-type": "application/json" },
        body: JSON.stringify({ code }),
      }),
  };
}

beforeAll(async () => {
  await loadReminderFixture(file("village.csv"));
  await communeOfficer(OFFICER_X1, ["X1"], NOW);
});
beforeEach(async () => {
  await DashboardSessionModel.deleteMany({});
});

const ENDPOINTS: [string, Init][] = [
  ["session", { method: "POST" }],
  ["me", {}],
  ["head", {}],
  ["overview", {}],
  ["find", { method: "POST", body: '{"code":"KH02"}' }],
  ["experiments", {}],
];

describe("the dashboard API refuses", () => {
  it("every endpoint without initData, or with initData forged, tampered, expired or from the future", async () => {
    const good = signedInitData(TOKEN, ADMIN, minutesAgo(1));
    const tampered = good.replace(encodeURIComponent(`"id":${ADMIN}`), encodeURIComponent(`"id":${OFFICER_X1}`));
    expect(tampered).not.toBe(good);
    const bad = [
      undefined,
      "tma ",
      `Bearer ${good}`,
      `tma ${signedInitData(OTHER_TOKEN, ADMIN, minutesAgo(1))}`,
      `tma ${tampered}`,
      `tma ${signedInitData(TOKEN, ADMIN, minutesAgo(61))}`,
      `tma ${signedInitData(TOKEN, ADMIN, new Date(NOW.getTime() + 10 * 60_000))}`,
      `tma ${"a".repeat(20_000)}`,
    ];
    for (const [path, init] of ENDPOINTS) {
      for (const authorization of bad) {
        const headers = { "content-type": "application/json", ...(authorization ? { authorization } : {}) };
        const response = await call(path, { ...init, headers });
        expect(response.status, `${path} with ${authorization?.slice(0, 20)}`).toBe(401);
        expect(JSON.stringify(await response.json())).not.toMatch(/Nguyễn|Tân Lập|KH0/);
      }
    }
    const expired = await call("session", {
      method: "POST",
      headers: { authorization: `tma ${signedInitData(TOKEN, ADMIN, minutesAgo(61))}` },
    });
    expect(await expired.json()).toEqual({ error: "expired" });
  });

  it("nothing but the page's fixed words without initData, in Vietnamese and English from the locale files", async () => {
    const vi = (await (await app.request("http://bot.test/dashboard/A/labels/vi")).json()) as Record<string, string>;
    const en = (await (await app.request("http://bot.test/dashboard/A/labels/en")).json()) as Record<string, string>;
    expect([vi["dashboard-overview-title"], en["dashboard-overview-title"]]).toEqual(["Tổng quan", "Overview"]);
    expect(Object.keys(vi).sort()).toEqual(Object.keys(en).sort());
    expect(Object.values(vi).join(" ")).not.toMatch(/\{ ?\$/);
    expect((await app.request("http://bot.test/dashboard/A/labels/fr")).status).toBe(404);
    expect((await app.request("http://bot.test/dashboard/A/assets/..%2F..%2Fpackage.json")).status).toBe(404);
  });

  it("a borrower (403), and another branch's initData at this branch (401)", async () => {
    const borrower = signedInitData(TOKEN, CHAT.KH02, minutesAgo(1));
    const response = await call("session", { method: "POST", headers: { authorization: `tma ${borrower}` } });
    expect(response.status).toBe(403);
    const admin = signedInitData(TOKEN, ADMIN, minutesAgo(1));
    expect((await call("session", { method: "POST", headers: { authorization: `tma ${admin}` } }, "B")).status).toBe(
      401,
    );
  });

  it("a replayed initData: it opens one session only, and is useless without that session's token", async () => {
    const { initData, session, get } = await sessionOf(ADMIN);
    expect((await get("me")).status).toBe(200);
    const again = await call("session", { method: "POST", headers: { authorization: `tma ${initData}` } });
    expect(again.status).toBe(401);
    expect((await call("me", { headers: { authorization: `tma ${initData}` } })).status).toBe(401);
    // The same user's next opening of the Mini App: Telegram signs a new initData.
    const other = await sessionOf(ADMIN, 2);
    const swapped = { authorization: `tma ${initData}`, "x-dashboard-session": other.session };
    expect((await call("me", { headers: swapped })).status).toBe(401);
    expect(session).not.toBe(other.session);
  });

  it("a cross-site form post, before anything else", async () => {
    const { initData, session } = await sessionOf(ADMIN);
    const response = await call("find", {
      method: "POST",
      headers: {
        authorization: `tma ${initData}`,
        "x-dashboard-session": session,
        "content-type": "text/plain",
        origin: "https://evil.example",
        "sec-fetch-site": "cross-site",
      },
      body: '{"code":"KH02"}',
    });
    expect(response.status).toBe(403);
  });
});

/** A reminder outcome as the dispatcher records it (only what the dashboard reads). */
function outcome(
  id: string,
  recipient: string,
  group: string,
  commune: string,
  result: Outcome,
  channel: "telegram" | "sms" | "zns" = "telegram",
) {
  return {
    _id: `${recipient}|interest|session-3d-before|2026-12-20#${id}`,
    deliveryId: `${recipient}|interest|session-3d-before|2026-12-20`,
    batchId: "b1",
    source: "reminders",
    communeCode: commune,
    groupCode: group,
    planDate: "2026-12-17",
    kind: "interest",
    attempt: Number(id),
    outcome: result,
    channel,
    at: NOW,
  };
}

describe("delivery figures", () => {
  it("are tallied once and shown within each scope: the officer's reach and doubt, the head's members", async () => {
    await DeliveryOutcomeModel.insertMany([
      outcome("1", `tg:${CHAT.KH02}`, "G1", "X1", "retry"),
      outcome("2", `tg:${CHAT.KH02}`, "G1", "X1", "sent"),
      outcome("1", `tg:${CHAT.KH03}`, "G1", "X1", "uncertain"),
      outcome("1", "hh:KH04", "G1", "X1", "sent", "sms"),
      outcome("1", `tg:${CHAT.KH05}`, "G2", "X2", "sent"),
      outcome("1", "hh:KH99", "G2", "X2", "uncertain", "sms"),
    ]);
    await DeliveryModel.create({
      _id: `tg:${CHAT.KH03}|interest|session-3d-before|2026-12-20`,
      batchId: "b1",
      source: "reminders",
      kind: "interest",
      planDate: "2026-12-17",
      eventDate: "2026-12-20",
      expiresOn: "2026-12-20",
      chatId: CHAT.KH03,
      householdCode: "KH03",
      groupCode: "G1",
      communeCode: "X1",
      text: "…",
      createdAt: NOW,
    });
    aMinuteLater(); // a tally another test read is a minute old: these outcomes are read
    const officer = await sessionOf(OFFICER_X1);
    const overview = (await (await officer.get("overview")).json()) as {
      reach: { channel: string; outcome: string; count: number }[];
      inDoubt: { household: string | null; channel: string }[];
    };
    expect(overview.reach).toEqual([
      { channel: "sms", outcome: "sent", count: 1 },
      { channel: "telegram", outcome: "sent", count: 1 },
      { channel: "telegram", outcome: "uncertain", count: 1 },
    ]);
    expect(overview.inDoubt).toEqual([
      { household: "KH03", kind: "interest", channel: "telegram", date: "17/12/2026" },
    ]);
    const head = await sessionOf(CHAT.KH01);
    const page = (await (await head.get("head")).json()) as { members: { name: string; reached: unknown }[] };
    const reached = Object.fromEntries(page.members.map((m) => [m.name, m.reached]));
    expect(reached).toEqual({
      "Trần Văn Bình": { channel: "telegram", outcome: "sent" },
      "Lê Văn Cường": { channel: "telegram", outcome: "uncertain" },
      "Phạm Thị Dung": { channel: "sms", outcome: "sent" },
      "Nguyễn Thị Hoa": null,
    });
    // Read once a minute: an outcome written now shows a minute later, not before.
    await DeliveryOutcomeModel.create(outcome("1", "hh:KH01", "G1", "X1", "sent", "zns"));
    const reachNow = async () =>
      ((await (await officer.get("overview")).json()) as { reach: { channel: string }[] }).reach.map((r) => r.channel);
    expect(await reachNow()).not.toContain("zns");
    aMinuteLater();
    expect(await reachNow()).toContain("zns");
    await DeliveryOutcomeModel.deleteMany({});
    await DeliveryModel.deleteMany({});
  });

  it("show the broadcasts of the week whose every recipient is in scope, dated in Vietnam's time, with progress", async () => {
    const queuedAt = new Date("2026-12-16T18:30:00Z"); // 17/12 01:30 in Vietnam, still 16/12 in UTC
    const broadcast = (id: string, commune: string) => ({
      _id: id,
      status: "queued",
      createdBy: OFFICER_X1,
      createdAt: queuedAt,
      scope: "commune:X1",
      body: "Thông báo",
      recipients: 3,
      places: [{ communeCode: commune, officeCode: "PGD1", groupCode: commune === "X1" ? "G1" : "G2" }],
      queuedAt,
    });
    await BroadcastModel.insertMany([broadcast("bc1", "X1"), broadcast("bc2", "X2")]);
    await DeliveryOutcomeModel.insertMany([
      {
        ...outcome("1", `tg:${CHAT.KH02}`, "G1", "X1", "sent"),
        _id: "bc1-a",
        source: "broadcast:bc1",
        kind: "broadcast",
      },
      {
        ...outcome("1", `tg:${CHAT.KH03}`, "G1", "X1", "unreachable"),
        _id: "bc1-b",
        source: "broadcast:bc1",
        kind: "broadcast",
      },
    ]);
    const officer = await sessionOf(OFFICER_X1);
    const overview = (await (await officer.get("overview")).json()) as { texts: { broadcasts: string[] } };
    expect(overview.texts.broadcasts).toEqual(["17/12/2026: đã xử lý 2/3 tin, gửi được 1"]);
    await BroadcastModel.deleteMany({});
    await DeliveryOutcomeModel.deleteMany({});
  });

  it("follow the book from the next import on: the overdue totals are read again when the index's version moves", async () => {
    const officer = await sessionOf(OFFICER_X1);
    const before = (await (await officer.get("overview")).json()) as { texts: { overdue: string } };
    expect(before.texts.overdue).toBe("Nợ quá hạn: 3.000.000 ₫ (1 khế ước)");
    await LoanModel.updateOne({ _id: "KU03" }, { $set: { overduePrincipal: 4_000_000 } });
    const kept = (await (await officer.get("overview")).json()) as { texts: { overdue: string } };
    expect(kept.texts.overdue).toBe("Nợ quá hạn: 3.000.000 ₫ (1 khế ước)");
    // What an import does last (data/planningIndex.ts): the index is whole again, with a new time.
    await PlanningIndexModel.updateOne({ _id: "state" }, { $set: { stale: false, updatedAt: new Date() } });
    const after = (await (await officer.get("overview")).json()) as { texts: { overdue: string } };
    expect(after.texts.overdue).toBe("Nợ quá hạn: 4.000.000 ₫ (1 khế ước)");
    await LoanModel.updateOne({ _id: "KU03" }, { $set: { overduePrincipal: 3_000_000 } });
    await PlanningIndexModel.updateOne({ _id: "state" }, { $set: { updatedAt: new Date() } });
  });
});

describe("a group head", () => {
  it("sees their own group before the next session, and nothing of officers' pages", async () => {
    const head = await sessionOf(CHAT.KH01);
    const me = await (await head.get("me")).json();
    expect(me).toEqual({ role: "head", locale: "vi" });
    const response = await head.get("head");
    expect(response.headers.get("content-security-policy")).toContain("default-src 'none'");
    expect(response.headers.get("cache-control")).toBe("no-store");
    const page = (await response.json()) as {
      members: { name: string; due: string; overdue: string | null }[];
      texts: { title: string };
    };
    expect(page.texts.title).toBe("Tổ Thôn 1");
    expect(page.members.map((m) => m.name).sort()).toEqual(
      ["Nguyễn Thị Hoa", "Trần Văn Bình", "Lê Văn Cường", "Phạm Thị Dung"].sort(),
    );
    const binh = page.members.find((m) => m.name === "Trần Văn Bình");
    expect(binh?.due).toBe("5.220.000 ₫");
    expect(page.members.find((m) => m.name === "Lê Văn Cường")?.overdue).toBe("3.000.000 ₫");
    expect(JSON.stringify(page)).not.toContain("Hoàng Văn Em");
    expect((await head.get("overview")).status).toBe(403);
    expect((await head.find("KH02")).status).toBe(403);
  });
});

describe("an officer", () => {
  it("sees their scope only, and every parameter is checked against it", async () => {
    const points = await TransactionPointModel.find({}).lean();
    const x1 = points.find((p) => p.communeCode === "X1");
    const x2 = points.find((p) => p.communeCode === "X2");
    const officer = await sessionOf(OFFICER_X1);
    const overview = (await (await officer.get("overview")).json()) as {
      points: { code: string }[];
      texts: { overdue: string };
    };
    expect(overview.points.map((p) => p.code)).toEqual([x1?._id]);
    expect(overview.texts.overdue).toBe("Nợ quá hạn: 3.000.000 ₫ (1 khế ước)");
    expect((await officer.get(`overview?point=${x1?._id}`)).status).toBe(200);
    expect((await officer.get(`overview?point=${x2?._id}`)).status).toBe(403);
    expect((await officer.get("overview?point=NOPE")).status).toBe(403);
    expect((await officer.get("overview?office=PGD1")).status).toBe(403);
    expect((await officer.get("overview?commune=X2")).status).toBe(400);
    expect((await officer.get(`overview?point=${x1?._id}&office=PGD1`)).status).toBe(400);
    expect((await officer.get("head")).status).toBe(403);

    const admin = await sessionOf(ADMIN);
    const whole = (await (await admin.get("overview?office=PGD1")).json()) as { points: { code: string }[] };
    expect(whole.points.map((p) => p.code).sort()).toEqual([x1?._id, x2?._id].sort());
  });

  it("sees the wording experiments wholly within the scope, with their arms and the chart's figures", async () => {
    const running = { kind: "interest" as const, from: "2026-12-17", to: "2026-12-31", proposedBy: OFFICER_X1 };
    const inX1 = await proposeExperiment(
      { ...running, arms: ["plain", "signed"], area: { kind: "communes", codes: ["X1"] } },
      NOW,
    );
    const inX2 = await proposeExperiment(
      { ...running, arms: ["plain", "savings"], area: { kind: "communes", codes: ["X2"] } },
      new Date(NOW.getTime() + 1),
    );
    for (const id of [inX1, inX2]) await decideExperiment(id, { state: "approved", decidedBy: ADMIN }, NOW);
    type Page = { experiments: { id: string; arms: string[]; chart: { labels: string[]; rates: unknown[] } }[] };
    const seen = async (id: number) =>
      ((await (await (await sessionOf(id)).get("experiments")).json()) as Page).experiments;
    const officer = await seen(OFFICER_X1);
    expect(officer.map((e) => e.id)).toEqual([inX1]);
    expect(officer[0]?.chart.labels).toEqual(["1. plain", "2. signed"]);
    expect(officer[0]?.arms[0]).toContain("chưa đủ dữ liệu");
    expect((await seen(ADMIN)).map((e) => e.id).sort()).toEqual([inX1, inX2].sort());
    expect((await (await sessionOf(CHAT.KH01)).get("experiments")).status).toBe(403);
    await ExperimentModel.deleteMany({});
  });

  it("searches by customer code within scope, audited like /find, with the same answer for unknown and out of scope", async () => {
    const officer = await sessionOf(OFFICER_X1);
    const found = (await (await officer.find("kh02")).json()) as { found: boolean; lines: string[] };
    expect(found.found).toBe(true);
    expect(found.lines[0]).toContain("Trần Văn Bình");
    const outside = (await (await officer.find("KH05")).json()) as { lines: string[] };
    const unknown = (await (await officer.find("KH99")).json()) as { lines: string[] };
    expect(outside.lines[0]).toBe("Không tìm thấy mã KH05 trong phạm vi của anh/chị.");
    expect(unknown.lines[0]).toBe("Không tìm thấy mã KH99 trong phạm vi của anh/chị.");
    const audited = await AuditLogModel.find({ action: "find", "actor.id": String(OFFICER_X1) }).lean();
    expect(audited.map((a) => [a.details?.code, a.counts?.found])).toEqual([
      ["KH02", 1],
      ["KH05", 0],
      ["KH99", 0],
    ]);
    expect(JSON.stringify(audited)).not.toContain("Trần Văn Bình");
    expect((await officer.find("x".repeat(100))).status).toBe(400);
  });

  it("loses the dashboard the moment the role is revoked, mid-session", async () => {
    await communeOfficer(7102, ["X2"], NOW);
    const officer = await sessionOf(7102);
    expect((await officer.get("overview")).status).toBe(200);
    await OfficerModel.updateOne({ _id: 7102 }, { $set: { active: false } });
    expect((await officer.get("overview")).status).toBe(403);
    expect((await officer.get("me")).status).toBe(403);
  });
});
