/**
 * Issue 24: temporary relief, as the catalogue records it (a rate cut, or interest collection
 * suspended, for a period and an area), reaches what the bot tells a household in the area and only
 * there: /balance and /duedates name the decision, an overdue notice states the cut rate, and no
 * interest reminder goes while collection is suspended; the neighbour outside the area hears nothing.
 */
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { loadProgrammeCatalogue } from "../../src/catalogue/load.js";
import type { Relief } from "../../src/catalogue/schema.js";
import { DeliveryModel, PlanRunModel } from "../../src/data/models/index.js";
import { loadGroupRoster } from "../../src/features/groupHead/roster.js";
import { loadStatement } from "../../src/features/statement/loadStatement.js";
import { balanceView, dueDatesView } from "../../src/features/statement/views.js";
import { useTestDatabase } from "../support/database.js";
import { useTempDir } from "../support/files.js";
import { clearOutbox } from "../support/outbox.js";
import { CHAT, fixtureI18n, loadReminderFixture, planDay } from "../support/reminderFixture.js";

useTestDatabase();
const file = useTempDir();
const t = (key: string, vars?: Record<string, string | number>) => fixtureI18n.t("vi", key, vars);
const catalogue = loadProgrammeCatalogue();
const shipped = (id: string) => catalogue.reliefs.find((r) => r.id === id) as Relief;

/** QĐ 2731's cut as shipped, applied (as a branch would list it) to the village's commune X1. */
const cutInX1: Relief = { ...shipped("QD2731-2025"), communes: ["X1"], from: "2026-12-01", to: "2026-12-31" };
/** Interest collection suspended in X1 over the 20 December session. */
const suspendedInX1: Relief = {
  ...shipped("YAGI-2024-SUSPENDED"),
  id: "TEST-SUSPENDED",
  communes: ["X1"],
  from: "2026-12-15",
  to: "2027-01-10",
};

beforeAll(async () => {
  await loadReminderFixture(file("village.csv"));
});
beforeEach(() => clearOutbox(PlanRunModel));

describe("a rate cut for an area and a period", () => {
  it("is named on /balance of a household in the area, with its decision, and not on its neighbour's", async () => {
    const balance = async (code: string) => {
      const statement = await loadStatement(code, "2026-12-17", [cutInX1]);
      return balanceView(t, "vi", statement as NonNullable<typeof statement>, new Map(), "2026-12-17");
    };
    const inArea = await balance("KH02");
    expect(inArea).toContain("giảm 2%/năm đến hết 31/12/2026");
    expect(inArea).toContain("QĐ 2731/QĐ-TTg");
    expect(await balance("KH05")).not.toContain("QĐ 2731");
  });

  it("lowers the rate an overdue notice states, and the 130% penalty with it", async () => {
    await planDay("2026-12-11", { reliefs: [cutInX1] });
    const notice = await DeliveryModel.findOne({ planDate: "2026-12-11", chatId: CHAT.KH03, kind: "overdue" }).lean();
    // 6,24% less 2 = 4,24%; 130% of it = 5,512%.
    expect(notice?.text).toContain("5,512%/năm thay vì 4,24%/năm");
    await clearOutbox(PlanRunModel);
    await planDay("2026-12-11", { reliefs: [] });
    const plain = await DeliveryModel.findOne({ planDate: "2026-12-11", chatId: CHAT.KH03, kind: "overdue" }).lean();
    expect(plain?.text).toContain("8,112%/năm thay vì 6,24%/năm");
  });
});

describe("interest collection suspended for an area and a period", () => {
  it("sends no interest reminder in the area, and the head's list collects principal only", async () => {
    const report = await planDay("2026-12-17", { reliefs: [suspendedInX1] });
    const planned = await DeliveryModel.find({ planDate: "2026-12-17" }).lean();
    expect(planned.filter((d) => d.kind === "interest")).toEqual([]);
    expect(report.skipped.suspended).toBe(3);
    await clearOutbox(PlanRunModel);
    // The day before: KH02's installment still falls due on the 20th, the interest does not.
    await planDay("2026-12-19", { reliefs: [suspendedInX1] });
    const dayBefore = await DeliveryModel.find({ planDate: "2026-12-19" }).lean();
    expect(dayBefore.filter((d) => d.kind === "interest")).toEqual([]);
    expect(dayBefore.some((d) => d.kind === "principal" && d.chatId === CHAT.KH02)).toBe(true);
    await clearOutbox(PlanRunModel);
    await planDay("2026-12-18", { reliefs: [suspendedInX1] });
    const list = await DeliveryModel.findOne({ planDate: "2026-12-18", kind: "collection-list" }).lean();
    expect(list?.text).toContain("Tạm dừng thu lãi đến hết 10/01/2027");
    expect(list?.text).toContain("lãi 0 ₫, gốc 5.000.000 ₫");
  });

  it('shows the head, on "my group", the suspension over the next session', async () => {
    const roster = await loadGroupRoster("G1", "2026-12-17", [suspendedInX1]);
    expect(roster?.suspended?.id).toBe("TEST-SUSPENDED");
    expect((await loadGroupRoster("G2", "2026-12-17", [suspendedInX1]))?.suspended).toBeNull();
  });

  it("shows the suspension on /duedates in the area, and the neighbour's interest as usual", async () => {
    const due = async (code: string) => {
      const statement = await loadStatement(code, "2026-12-17", [suspendedInX1]);
      return dueDatesView(t, statement as NonNullable<typeof statement>, "2026-12-17");
    };
    const inArea = await due("KH02");
    expect(inArea).toContain("20/12/2026: tạm dừng thu lãi đến hết 10/01/2027");
    expect(inArea).not.toContain("nộp lãi 220.000 ₫");
    expect(await due("KH05")).not.toContain("tạm dừng thu lãi");
  });
});
