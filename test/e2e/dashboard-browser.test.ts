/**
 * Issue 27 from outside: the real bot process (dist/main.js, the page built by `npm run build`)
 * against the fake Bot API, its dashboard opened in Debian's Chromium driven by playwright-core, as
 * Telegram opens a Mini App (signed initData in the URL's fragment). A group head sees only their
 * group; an officer their scope only; expired, forged and replayed initData get 401 and no data; a
 * borrower 403. The menu button goes to staff only. Screenshots: test-output/dashboard/*.png.
 */
import { existsSync, mkdirSync } from "node:fs";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { decideExperiment, proposeExperiment } from "../../src/data/experiments.js";
import { freePort } from "../../src/data/ferretdb.js";
import { OverdueSnapshotModel } from "../../src/data/models/index.js";
import { addDays, vietnamDate } from "../../src/domain/dates.js";
import { lastWeeks } from "../../src/domain/stats.js";
import { BOT_PROCESS_TOKEN, startBotProcess, stopBotProcess } from "../support/botProcess.js";
import { TEST_ID_SECRET, useTestDatabase } from "../support/database.js";
import { startFakeBotApi } from "../support/fakeBotApi.js";
import { useTempDir } from "../support/files.js";
import { signedInitData } from "../support/initData.js";
import { communeOfficer } from "../support/outbox.js";
import { CHAT, loadReminderFixture } from "../support/reminderFixture.js";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const SHOTS = new URL("../../test-output/dashboard/", import.meta.url).pathname;
const ADMIN = 9001;
const OFFICER_X1 = 7101;
// CI installs Chromium (.ci/run); elsewhere, without it, this file says so and skips.
const haveBrowser = existsSync(CHROMIUM) || process.env.CI === "true";

const database = useTestDatabase();
const file = useTempDir();

describe.skipIf(!haveBrowser)("the dashboard in a real browser", () => {
  const fake = startFakeBotApi();
  let browser: Browser;
  let stop: () => Promise<unknown> = async () => undefined;
  let base = "";
  const experiments = new Map<string, string>();

  beforeAll(async () => {
    await loadReminderFixture(file("village.csv"));
    await communeOfficer(OFFICER_X1, ["X1"], new Date());
    // Eight weeks of the commune's overdue, as the weekly snapshot writes them (the trend chart's data).
    const weeks = lastWeeks(vietnamDate(new Date()), 8);
    await OverdueSnapshotModel.insertMany(
      weeks.map((weekStart, i) => ({
        _id: `${weekStart}|X1`,
        weekStart,
        communeCode: "X1",
        officeCode: "PGD1",
        amount: (9 - i) * 1_000_000,
        count: 9 - i,
        takenAt: new Date(),
      })),
    );
    // A wording experiment over X1 and one over X2, both running: the officer of X1 sees the first.
    const today = vietnamDate(new Date());
    const running = { kind: "interest" as const, from: today, to: addDays(today, 14), proposedBy: OFFICER_X1 };
    for (const [commune, arms] of [
      ["X1", ["plain", "signed"]],
      ["X2", ["plain", "savings"]],
    ] as const) {
      const id = await proposeExperiment(
        { ...running, arms: [...arms], area: { kind: "communes", codes: [commune] } },
        new Date(),
      );
      await decideExperiment(id, { state: "approved", decidedBy: ADMIN }, new Date());
      experiments.set(commune, id);
    }
    const api = await fake;
    const port = await freePort();
    const { child } = startBotProcess({
      BOT_API_ROOT: api.apiRoot,
      MONGODB_URI: `${inject("mongoUri")}${database.name}`,
      ID_HASH_SECRET: TEST_ID_SECRET,
      HTTP_PORT: String(port),
      ADMIN_TELEGRAM_IDS: String(ADMIN),
      DASHBOARD_URL: "https://bot.example.vn/dashboard",
      REMINDERS_ENABLED: "false",
    });
    stop = () => stopBotProcess(child);
    // The menus are set once the bot takes updates, after its HTTP server listens.
    await api.waitFor((c) => c.method === "setChatMenuButton" && c.payload.chat_id === ADMIN);
    base = `http://127.0.0.1:${port}/dashboard/`;
    mkdirSync(SHOTS, { recursive: true });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await stop();
    await (await fake).close();
  });

  /** Opens the Mini App as Telegram would, in a fresh context (its own sessionStorage); collects CSP complaints. */
  async function open(initData: string, shot: string, ready: string): Promise<{ page: Page; csp: string[] }> {
    const context = await browser.newContext({ viewport: { width: 420, height: 900 }, locale: "vi-VN" });
    const page = await context.newPage();
    const csp: string[] = [];
    page.on("console", (m) => {
      if (m.text().includes("Content Security Policy")) csp.push(m.text());
    });
    await page.goto(
      `${base}#tgWebAppData=${encodeURIComponent(initData)}&tgWebAppVersion=8.0&tgWebAppPlatform=tdesktop`,
    );
    await page.waitForSelector(ready);
    await page.screenshot({ path: `${SHOTS}${shot}.png`, fullPage: true });
    return { page, csp };
  }

  const now = () => new Date(Date.now() - 5_000);

  it("shows a group head their own group only", async () => {
    const { page, csp } = await open(
      signedInitData(BOT_PROCESS_TOKEN, CHAT.KH01, now()),
      "head",
      "[data-test=head-total]",
    );
    const text = await page.textContent("main");
    expect(text).toContain("Tổ Thôn 1");
    expect(text).toContain("Trần Văn Bình");
    expect(text).toContain("5.220.000 ₫");
    expect(text).not.toContain("Hoàng Văn Em");
    expect(csp).toEqual([]);
  });

  it("shows an officer their scope only, with the trend chart, and searches within it", async () => {
    const { page, csp } = await open(
      signedInitData(BOT_PROCESS_TOKEN, OFFICER_X1, now()),
      "officer",
      "[data-test=overdue]",
    );
    expect(await page.textContent("[data-test=overdue]")).toBe("Nợ quá hạn: 3.000.000 ₫ (1 khế ước)");
    const text = await page.textContent("main");
    expect(text).toContain("Xã Tân Lập");
    expect(text).not.toContain("Bình An");
    await page.waitForSelector("[data-test=experiments] canvas");
    expect(await page.locator("canvas").count()).toBe(2);
    expect(await page.locator(`[data-test=experiment-${experiments.get("X1")}]`).count()).toBe(1);
    expect(await page.locator(`[data-test=experiment-${experiments.get("X2")}]`).count()).toBe(0);
    expect(await page.textContent("[data-test=experiments]")).toContain("chưa đủ dữ liệu");
    await page.fill("input[name=code]", "KH05");
    await page.click("form button");
    await page.waitForSelector("[data-test=search-result] p");
    expect(await page.textContent("[data-test=search-result]")).toContain("Không tìm thấy mã KH05");
    await page.fill("input[name=code]", "KH02");
    await page.click("form button");
    await page.locator("[data-test=search-result]", { hasText: "Trần Văn Bình" }).waitFor();
    await page.screenshot({ path: `${SHOTS}officer-search.png`, fullPage: true });
    expect(csp).toEqual([]);
  });

  it("refuses expired, forged and replayed initData (401) and a borrower (403), showing no data", async () => {
    const expired = signedInitData(BOT_PROCESS_TOKEN, OFFICER_X1, new Date(Date.now() - 2 * 3_600_000));
    const forged = signedInitData("999999:ZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ", OFFICER_X1, now());
    const replayed = signedInitData(BOT_PROCESS_TOKEN, ADMIN, now());
    const first = await open(replayed, "admin", "[data-test=overdue]");
    expect(await first.page.textContent("main")).toContain("Bình An");
    expect(await first.page.textContent("[data-test=filter] option")).toBe("Toàn bộ phạm vi");
    const cases: [string, string, string][] = [
      [expired, "expired", "401"],
      [forged, "forged", "401"],
      [replayed, "replayed", "401"],
      [signedInitData(BOT_PROCESS_TOKEN, CHAT.KH02, now()), "borrower", "403"],
    ];
    for (const [initData, shot, status] of cases) {
      const { page } = await open(initData, shot, "[data-test=error]");
      expect(await page.getAttribute("[data-test=error]", "data-status"), shot).toBe(status);
      const text = (await page.textContent("main")) ?? "";
      expect(text).not.toMatch(/Tân Lập|Bình An|Trần Văn Bình|₫/);
    }
  });

  it("gives the menu button to staff and group heads, never to borrowers", async () => {
    const api = await fake;
    const buttons = api.calls.filter((c) => c.method === "setChatMenuButton");
    expect(buttons.map((c) => c.payload.chat_id)).toEqual([ADMIN]);
    expect(buttons[0]?.payload.menu_button).toEqual({
      type: "web_app",
      text: "Bảng theo dõi",
      web_app: { url: "https://bot.example.vn/dashboard/" },
    });
  });
});
